package org.livedecon.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/** The printed results: the one-line summary of a run, NRMSE, FWHM. */
public final class Reports {
    private Reports() {}

    /** The summary line printed at the end of a deconvolution. */
    public static String summary(Path output, String format, DeconvolutionResult r, long peakHeapMiB) {
        String iterations = r.settings().algorithm().iterative()
                ? r.iterations() + " iterations, stopped by " + stopReason(r)
                : "one pass (" + r.settings().algorithm() + ")";
        String rate = "";
        if (r.settings().algorithm().iterative() && r.iterations() > 0 && r.secondsPerIteration() > 0) {
            // the FFT grid's voxels (every tile's) per second of iterating: comparable across sizes and tilings
            int[] tiles = r.plan().tileCounts();
            double voxels = (double) r.plan().grid().voxels() * tiles[0] * tiles[1] * tiles[2];
            rate = String.format(Locale.ROOT, " (%.3g padded voxel-iterations/s)", voxels / r.secondsPerIteration());
        }
        long rss = PeakRss.mib();
        return String.format(Locale.ROOT, "wrote %s (%s): %s, total %.2f s (set-up %.2f s), %.3f s/iteration%s, "
                        + "background %.1f, peak heap %d MiB%s",
                output, format, iterations, r.elapsedNanos() / 1e9, r.setupNanos() / 1e9, r.secondsPerIteration(), rate,
                r.background(), peakHeapMiB, rss > 0 ? ", peak RSS " + rss + " MiB" : "");
    }

    static String stopReason(DeconvolutionResult r) {
        switch (r.stopReason()) {
            case ITERATIONS: return "iteration count";
            case TOLERANCE: return "tolerance";
            case TIME_BUDGET: return "time budget";
            case CHANGE_GREW: return "growing change (rl-wb)";
            case FIT_WORSENED: return "fit to the data no longer improving (rl-wb)";
            default: return "end of pass";
        }
    }

    /**
     * Normalised RMS error RMS(a − offset − truth) / RMS(truth), accumulated in double.
     *
     * @param offset subtracted from every voxel of {@code a} (e.g. the background), or 0
     */
    public static double nrmse(Volume a, double offset, Volume truth) {
        if (!a.shape().equals(truth.shape())) {
            throw new IllegalArgumentException("NRMSE of " + a.shape() + " against " + truth.shape());
        }
        float[] x = a.data();
        float[] t = truth.data();
        double e = 0, n = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - offset - t[i];
            e += d * d;
            n += (double) t[i] * t[i];
        }
        return n > 0 ? Math.sqrt(e / n) : Double.NaN;
    }

    /**
     * A copy of {@code v} smoothed by a Gaussian of σ = {@code sigma} voxels along each axis
     * (kernel truncated at 3σ, renormalised at the edges). Used to compare a reconstruction with a
     * point-like truth at a resolution it can reach.
     */
    public static Volume gaussianSmoothed(Volume v, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        for (int i = -r; i <= r; i++) k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
        Shape s = v.shape();
        float[] a = v.data().clone();
        float[] t = new float[a.length];
        int[] strides = {1, s.nx(), s.nx() * s.ny()};
        for (int axis = 0; axis < 3; axis++) {
            int n = s.along(axis), stride = strides[axis];
            for (int i = 0; i < a.length; i++) {
                int c = (i / stride) % n;
                double sum = 0, w = 0;
                for (int d = Math.max(-r, -c); d <= Math.min(r, n - 1 - c); d++) {
                    sum += k[d + r] * a[i + d * stride];
                    w += k[d + r];
                }
                t[i] = (float) (sum / w);
            }
            float[] swap = a;
            a = t;
            t = swap;
        }
        return new Volume(s, v.voxelSize(), a);
    }
}
