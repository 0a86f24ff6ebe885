package org.livedecon.core.live;

import java.util.HashMap;
import java.util.Map;

import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;

/**
 * Policy {@link LivePolicy#ADAPTIVE}: fewer iterations, then Wiener, so that a stack's result is
 * due before {@link LiveSettings#latencyTargetMs()}. Learns per channel how long an iteration and
 * the set-up take (exponentially averaged). Worker thread only.
 */
final class AdaptivePolicy {
    private final LiveSettings settings;
    // per channel: seconds per iteration and set-up seconds
    private final Map<Integer, double[]> estimates = new HashMap<Integer, double[]>();

    AdaptivePolicy(LiveSettings settings) {
        this.settings = settings;
    }

    /** The settings for stack {@code s} with {@code behind} stacks waiting after it; {@code ds} itself when unchanged. */
    DeconvolutionSettings adapt(DeconvolutionSettings ds, RawStack s, int behind) {
        if (settings.policy() != LivePolicy.ADAPTIVE || !ds.algorithm().iterative()) return ds;
        double[] e = estimates.get(s.key().channel());
        if (e == null) return ds;
        double age = (System.nanoTime() - s.lastArrivalNanos()) / 1e9;
        // this stack and those behind it share what is left of the target
        double budget = (settings.latencyTargetMs() / 1e3 - age) / (1 + behind);
        int n = (int) Math.floor((budget - e[1]) / e[0]);
        if (n >= ds.iterations()) return ds;
        if (n >= settings.minIterations()) return ds.toBuilder().iterations(n).build();
        return ds.toBuilder().algorithm(Algorithm.WIENER).lambda(DeconvolutionSettings.DEFAULT_WIENER_LAMBDA).build();
    }

    /** Records how long a job of {@code channel} took. */
    void learn(int channel, DeconvolutionSettings ds, DeconvolutionResult r) {
        if (!ds.algorithm().iterative() || r.iterations() == 0) return;
        double perIteration = r.secondsPerIteration(), setup = r.setupNanos() / 1e9;
        double[] e = estimates.get(channel);
        if (e == null) {
            estimates.put(channel, new double[] {perIteration, setup});
        } else {
            e[0] = 0.7 * e[0] + 0.3 * perIteration;
            e[1] = 0.7 * e[1] + 0.3 * setup;
        }
    }
}
