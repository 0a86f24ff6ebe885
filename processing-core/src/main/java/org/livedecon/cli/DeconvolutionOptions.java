package org.livedecon.cli;

import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.BackProjectorSettings;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionSettings;

import picocli.CommandLine.Option;

/** Algorithm settings and thread count shared by the commands that deconvolve. A picocli mixin. */
final class DeconvolutionOptions {
    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "rl-shb",
            converter = Converters.AlgorithmConverter.class,
            description = {"rl-shb: Richardson-Lucy with scaled heavy-ball acceleration (Wang & Miller 2014; default, "
                    + "chosen by bench --quality); rl-accel: RL with Biggs-Andrews acceleration; rl: plain "
                    + "Richardson-Lucy; rl-tv: accelerated RL with total-variation regularisation; "
                    + "rl-wb: RL with a Wiener-Butterworth back projector (few iterations, stops by itself); "
                    + "wiener: Wiener/Tikhonov filter, one pass."})
    Algorithm algorithm;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Maximum number of iterations of the RL methods (default: 20, chosen by bench --quality; "
                    + "rl-wb: 30, it stops by itself).")
    Integer iterations;

    @Option(names = "--lambda", paramLabel = "L",
            description = "Regularisation: Wiener λ relative to |OTF(0)|² = 1 (default: chosen from the stack's "
                    + "noise by generalized cross-validation), or the rl-tv weight (default "
                    + DeconvolutionSettings.DEFAULT_TV_LAMBDA + ").")
    Double lambda;

    @Option(names = "--background", paramLabel = "auto|none|VALUE|dark:FILE", defaultValue = "auto",
            converter = Converters.BackgroundConverter.class,
            description = "Constant background b of y = Hx + b (camera offset plus truly uniform light, not haze) in "
                    + "image units (ADU): the camera offset measured on a dark frame or stack of dark frames "
                    + "(dark:FILE.tif, shutter closed, same exposure; best), estimated from the darkest regions of "
                    + "the image (auto, default), none (0), or a value.")
    Background background;

    @Option(names = "--boundary", paramLabel = "MODE", defaultValue = "non-circulant",
            converter = Converters.BoundaryConverter.class,
            description = "non-circulant (default: reconstructs light from outside the stack, no wrap-around "
                    + "artefacts; larger FFT grid) or periodic (faster, wraps around at the edges).")
    Boundary boundary;

    @Option(names = "--tolerance", paramLabel = "T",
            description = "Stop early when the relative change ‖x_k − x_{k−1}‖ / ‖x_{k−1}‖ falls below T "
                    + "(default: 0 = run all iterations; rl-wb: 0.01, and rl-wb also stops when its fit to the data worsens; "
                    + "0 turns that off).")
    Double tolerance;

    @Option(names = "--wb-alpha", paramLabel = "A",
            description = "rl-wb: Wiener parameter α of the back projector, relative to |OTF(0)|² = 1 (default "
                    + BackProjectorSettings.DEFAULT_ALPHA + ").")
    Double wbAlpha;

    @Option(names = "--wb-cutoff", paramLabel = "F",
            description = "rl-wb: Butterworth cut-off as a fraction of the OTF support measured from the PSF (default "
                    + BackProjectorSettings.DEFAULT_CUTOFF + ").")
    Double wbCutoff;

    @Option(names = "--wb-order", paramLabel = "N",
            description = "rl-wb: Butterworth order (default " + BackProjectorSettings.DEFAULT_ORDER + ").")
    Integer wbOrder;

    @Option(names = "--wb-relax", paramLabel = "W",
            description = "rl-wb: fraction ω of each step taken, in (0, 1]; 1 = undamped (default "
                    + BackProjectorSettings.DEFAULT_RELAXATION + ").")
    Double wbRelax;

    @Option(names = "--time-budget", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop before an iteration that would end after this many seconds "
                    + "(default: 0 = no limit).")
    double timeBudgetSeconds;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: all cores).")
    Integer threads;

    // cpu by default until the OpenCL backend has been validated on real GPUs: probing OpenCL loads
    // the vendor's native driver into the process (PoCL crashed a test JVM twice in about ten runs)
    @Option(names = "--device", paramLabel = "auto|gpu|cpu|cpu-opencl|NAME", defaultValue = "cpu",
            description = "Where to compute: cpu (Java, no OpenCL; the default for now), auto (an OpenCL GPU, else "
                    + "the CPU), gpu, cpu-opencl, or an OpenCL device whose name contains NAME (see `livedecon "
                    + "devices`). Any OpenCL failure falls back to the CPU with the reason printed (default: "
                    + "${DEFAULT-VALUE}).")
    String device;

    /** @throws CliException (usage) naming the setting and the value */
    DeconvolutionSettings settings() {
        try {
            DeconvolutionSettings.Builder b = DeconvolutionSettings.builder().algorithm(algorithm)
                    .background(background).boundary(boundary).timeBudgetSeconds(timeBudgetSeconds);
            if (iterations != null) b.iterations(iterations);
            if (tolerance != null) b.tolerance(tolerance);
            if (lambda != null) b.lambda(lambda);
            BackProjectorSettings.Builder wb = BackProjectorSettings.builder();
            if (wbAlpha != null) wb.alpha(wbAlpha);
            if (wbCutoff != null) wb.cutoff(wbCutoff);
            if (wbOrder != null) wb.order(wbOrder);
            if (wbRelax != null) wb.relaxation(wbRelax);
            b.backProjector(wb.build());
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
    }

    /** The thread count: given, or all cores. */
    int threads() {
        return threads(threads);
    }

    static int threads(Integer requested) {
        if (requested == null) return Runtime.getRuntime().availableProcessors();
        if (requested < 1 || requested > 4096) {
            throw new CliException(CliException.USAGE, "--threads must be between 1 and 4096, got " + requested);
        }
        return requested;
    }
}
