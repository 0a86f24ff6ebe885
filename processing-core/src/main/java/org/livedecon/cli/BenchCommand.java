package org.livedecon.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.backend.CpuFft;
import org.livedecon.core.backend.opencl.Backends;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livedecon bench}: speed of a backend on synthetic stacks: the CPU backend multi- against single-threaded, or an OpenCL device against the CPU backend. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Measures deconvolution speed on synthetic stacks (voxel 0.1x0.1x0.2 µm, Gaussian PSF for NA 1.4 "
                    + "at 0.52 µm), non-circulant boundaries, after a JIT warm-up:",
            "  accelerated Richardson-Lucy with all threads: seconds per iteration and padded "
                    + "voxel-iterations/s (FFT grid voxels × iterations / time without set-up);",
            "  Wiener with all threads: seconds per stack (fastest of 3 runs) and voxels/s;",
            "  the same with one thread (RL with at most 3 iterations), and the speed-up ratios;",
            "  with --device cpu, RL also on the JTransforms FFT (the reference) with all threads, and the "
                    + "FFT speed-up: JTransforms s/it over livedecon FFT s/it, measured in this one process, and "
                + "the same ratio of the process CPU time the two RL measurements took.",
            "Each figure is the best of 2 (RL) or 3 (Wiener) runs.",
            "Prints a table and the peak heap. Large sizes need several GiB of heap."
        })
final class BenchCommand extends CliCommand {
    static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.1, 0.2);
    private static final int SINGLE_THREAD_ITERATIONS = 3;
    /** Wiener takes the fastest of this many runs: one run is short and timings are noisy. */
    private static final int WIENER_REPEATS = 3;
    private static final int RL_REPEATS = 2;

    @Option(names = "--sizes", paramLabel = "ZxYxX", split = ",", converter = Converters.ShapeConverter.class,
            defaultValue = "64x256x256,128x512x512",
            description = "Stack sizes in voxels, z x y x x, comma separated (default: ${DEFAULT-VALUE}).")
    List<Shape> sizes;

    @Option(names = "--psf-size", paramLabel = "ZxYxX", converter = Converters.ShapeConverter.class,
            defaultValue = "33x65x65", description = "PSF size in voxels, z x y x x (default: ${DEFAULT-VALUE}).")
    Shape psfSize;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10",
            description = "RL iterations of the multi-threaded run (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--threads", paramLabel = "N", description = "Threads of the multi-threaded runs (default: all cores).")
    Integer threads;

    @Option(names = "--device", paramLabel = "cpu|auto|gpu|cpu-opencl|NAME", defaultValue = "cpu",
            description = "Backend to measure (see `livedecon devices`). With cpu: all threads against one thread; "
                    + "otherwise that device against the CPU backend with all threads (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--quick", description = "Smoke test: only 32x128x128 with a 17x33x33 PSF and 5 iterations.")
    boolean quick;

    @Option(names = "--quality", description = "Quality instead of speed: NRMSE against the truth, flux kept and "
            + "zeros on simulated cell and bead stacks, per algorithm, iteration count and background mode "
            + "(needs the simulator; a few minutes). With --quick: small stacks, few iterations.")
    boolean quality;

    @Override
    protected int run() throws Exception {
        if (iterations < 1 || iterations > 10000) {
            throw usage("--iterations must be between 1 and 10000, got " + iterations);
        }
        int n = DeconvolutionOptions.threads(threads);
        if (quality) {
            for (QualityBenchmark q : java.util.ServiceLoader.load(QualityBenchmark.class)) {
                return q.run(out(), err(), n, quick);
            }
            throw new CliException(CliException.RUNTIME, "bench --quality needs the simulated microscope (device-sim) "
                    + "on the class path; run it through ./livedecon");
        }
        List<Shape> shapes = quick ? Arrays.asList(Shape.of(128, 128, 32)) : sizes;
        Shape psfShape = quick ? Shape.of(33, 33, 17) : psfSize;
        int its = quick ? 5 : iterations;
        PrintWriter out = out();
        out.println(String.format(Locale.ROOT, "livedecon %s bench: %d threads (%d cores), max heap %d MiB, "
                        + "PSF %s (z,y,x), voxel %s, %d RL iterations (%d single-threaded)",
                Version.version(), n, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576, psfShape, VOXEL, its,
                Math.min(its, SINGLE_THREAD_ITERATIONS)));
        out.flush();
        List<String[]> rows = new ArrayList<String[]>();
        try (PeakMemory memory = PeakMemory.start();
             Backend multi = Backends.create(device, n, line -> out.println(line));
             CpuBackend single = new CpuBackend(multi instanceof CpuBackend ? 1 : n);
             CpuBackend reference = multi instanceof CpuBackend ? new CpuBackend(n, CpuFft.JTRANSFORMS) : null) {
            String ref = single.threads() == 1 ? "1-thr" : "cpu";
            rows.add(new String[] {"size (z,y,x)", "FFT grid", "RL s/it", "voxel-iterations/s", "Wiener s",
                "Wiener voxels/s", ref + " RL s/it", ref + " Wiener s", "speed-up RL", "speed-up Wiener",
                "memory B/voxel", "JTransforms RL s/it", "FFT speed-up RL", "FFT speed-up RL, CPU time"});
            out.println("measuring " + multi.name() + " against " + single.name()
                    + (reference != null ? " and " + reference.name() : ""));
            out.flush();
            long warm = System.nanoTime();
            warmUp(multi, single, reference);
            out.println(f("JIT warm-up %.2f s", (System.nanoTime() - warm) / 1e9));
            for (Shape shape : shapes) {
                rows.add(measure(shape, psfShape, its, multi, single, reference));
            }
            print(out, rows);
            out.println("peak heap " + memory.peakMiB() + " MiB");
        }
        return 0;
    }

    private String[] measure(Shape shape, Shape psfShape, int its, Backend multi, CpuBackend single,
                             CpuBackend reference) {
        err().println("bench " + shape + " (z,y,x): simulating, then " + multi.name() + ", then " + single.name());
        err().flush();
        Psf psf = gaussianPsf(psfShape);
        Volume image = SyntheticStack.builder(shape, VOXEL).seed(7).build(psf, multi instanceof CpuBackend ? multi : single).image();
        long cpu0 = processCpuNanos();
        DeconvolutionResult rl = fastest(RL_REPEATS, Algorithm.ACCELERATED_RL, its, multi, image, psf);
        long rlCpu = processCpuNanos() - cpu0;
        DeconvolutionResult wiener = fastest(WIENER_REPEATS, Algorithm.WIENER, 1, multi, image, psf);
        DeconvolutionResult rl1 = run(Algorithm.ACCELERATED_RL,
                single.threads() == 1 ? Math.min(its, SINGLE_THREAD_ITERATIONS) : its, single, image, psf);
        DeconvolutionResult wiener1 = fastest(WIENER_REPEATS, Algorithm.WIENER, 1, single, image, psf);
        // the same job on the reference FFT, same threads, same process: the FFT's own speed-up
        cpu0 = processCpuNanos();
        DeconvolutionResult rlRef = reference == null ? null
                : fastest(RL_REPEATS, Algorithm.ACCELERATED_RL, its, reference, image, psf);
        long rlRefCpu = processCpuNanos() - cpu0;
        Shape grid = rl.plan().grid();
        double rlSeconds = (rl.elapsedNanos() - rl.setupNanos()) / 1e9;
        double wienerSeconds = wiener.elapsedNanos() / 1e9;
        double wiener1Seconds = wiener1.elapsedNanos() / 1e9;
        return new String[] {
            shape.toString(), grid.toString(),
            f("%.4f", rl.secondsPerIteration()),
            f("%.3g", (double) grid.voxels() * rl.iterations() / rlSeconds),
            f("%.4f", wienerSeconds),
            f("%.3g", shape.voxels() / wienerSeconds),
            f("%.4f", rl1.secondsPerIteration()),
            f("%.4f", wiener1Seconds),
            f("%.2fx", rl1.secondsPerIteration() / rl.secondsPerIteration()),
            f("%.2fx", wiener1Seconds / wienerSeconds),
            f("%.1f", (double) rl.plan().bytes() / grid.voxels()),
            rlRef == null ? "-" : f("%.4f", rlRef.secondsPerIteration()),
            rlRef == null ? "-" : f("%.2fx", rlRef.secondsPerIteration() / rl.secondsPerIteration()),
            rlRef == null || rlCpu <= 0 || rlRefCpu <= 0 ? "-" : f("%.2fx", (double) rlRefCpu / rlCpu)
        };
    }

    /** One small run per backend and algorithm so the JIT has compiled the hot loops before timing. */
    private void warmUp(Backend multi, CpuBackend single, CpuBackend reference) {
        err().println("bench: warming up");
        err().flush();
        Psf psf = gaussianPsf(Shape.of(17, 17, 9));
        Volume image = SyntheticStack.builder(Shape.of(64, 64, 16), VOXEL).seed(1).build(psf, multi instanceof CpuBackend ? multi : single).image();
        for (Backend b : new Backend[] {multi, single, reference}) {
            if (b == null) continue;
            run(Algorithm.ACCELERATED_RL, 3, b, image, psf);
            run(Algorithm.WIENER, 1, b, image, psf);
        }
    }

    /**
     * CPU time of this process, or -1 where the JVM does not tell: on a machine shared with other
     * work the ratio of CPU times of two runs is steadier than that of their wall times.
     */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    /** Best of {@code repeats} runs: the usual guard against a scheduler hiccup on a shared machine. */
    private static DeconvolutionResult fastest(int repeats, Algorithm a, int its, Backend backend, Volume image,
                                               Psf psf) {
        DeconvolutionResult best = null;
        for (int i = 0; i < repeats; i++) {
            DeconvolutionResult r = run(a, its, backend, image, psf);
            if (best == null || r.elapsedNanos() < best.elapsedNanos()) best = r;
        }
        return best;
    }

    private static DeconvolutionResult run(Algorithm a, int its, Backend backend, Volume image, Psf psf) {
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(a).iterations(its)
                .boundary(Boundary.NON_CIRCULANT).build();
        return Deconvolvers.create(s, backend).deconvolve(image, psf, ProgressListener.NONE);
    }

    /** Gaussian approximation of the widefield PSF for NA 1.4, 0.52 µm, oil (speed does not depend on its values). */
    static Psf gaussianPsf(Shape shape) {
        return GaussianPsf.widefield(shape, VOXEL, 1.4, 0.52, 1.518);
    }

    private static void print(PrintWriter out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (i > 0) line.append("  ");
                line.append(r[i]);
                for (int k = r[i].length(); k < width[i] && i < r.length - 1; k++) line.append(' ');
            }
            out.println(line);
        }
    }

    private static String f(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
