package org.livedecon.core.deconv;

import java.util.Random;

import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Compiles the CPU deconvolution's hot code before the real job needs it, by running the same
 * algorithm on a small synthetic stack in a background thread while the caller reads its files.
 *
 * <p>Why: a fresh JVM runs the first FFTs of a job in the interpreter and in profiling (C1) code
 * until the optimising compiler has caught up. On a 96x320x320 grid that cost about 2 s before the
 * first iteration (the OTF and the non-circulant normaliser, three transforms that take 0.3 s once
 * compiled). The compiled code does not depend on the array sizes, so a 30x60x60 grid whose line
 * lengths use the same radices (2, 3, 4, 5) trains it in a fraction of that time, and it overlaps
 * the TIFF read and the PSF preparation.
 *
 * <p>It touches nothing of the real job: its own backend, its own data; the compiled code gives
 * bit-identical results (Java floating point is not reassociated by the JIT). A failure here is
 * ignored: the job then just runs colder.
 */
public final class JitWarmUp {
    /** Small stack whose non-circulant grid is 30x60x60 (z, y, x): radices 2, 3, 4 and 5. */
    static final Shape IMAGE = Shape.of(46, 46, 22);
    static final Shape PSF = Shape.of(15, 15, 9);
    /** Rounds of the small job: enough for the optimising compiler's thresholds, measured on 2 cores. */
    static final int ROUNDS = Integer.getInteger("livedecon.warmUpRounds", 2);
    static final int ITERATIONS = 8;

    private final Thread thread;
    private volatile boolean stopped;

    private JitWarmUp(final DeconvolutionSettings settings, final int threads) {
        thread = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    warm(settings, threads);
                } catch (RuntimeException | LinkageError ignored) {
                    // a warm-up is an optimisation only: the real job reports its own errors
                }
            }
        }, "livedecon-jit-warm-up");
        thread.setDaemon(true);
    }

    /** A warm-up that is not started (tests call {@link #run} directly). */
    static JitWarmUp unstarted() { return new JitWarmUp(DeconvolutionSettings.builder().build(), 1); }

    /** Off with {@code -Dlivedecon.warmUp=false} (to measure what it saves). */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("livedecon.warmUp"));
    }

    /**
     * Starts warming the code paths of {@code settings}' algorithm on the CPU backend with
     * {@code threads} threads (as the real job will use).
     */
    public static JitWarmUp start(DeconvolutionSettings settings, int threads) {
        JitWarmUp w = new JitWarmUp(settings, Math.max(1, threads));
        w.thread.start();
        return w;
    }

    /** Waits until the warm-up is done, so that it does not compete with the job for the cores. */
    public void await() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the warm-up to stop after its current round (the job failed or was cancelled). */
    public void stop() {
        stopped = true;
    }

    private void warm(DeconvolutionSettings user, int threads) {
        run(user, threads, ROUNDS);
        settle(SETTLE_MAX_NANOS);
    }

    /** Longest wait for the optimising compiler after the rounds. */
    static final long SETTLE_MAX_NANOS = 2_000_000_000L;

    /**
     * Waits until the optimising compiler has no more of our methods queued or in progress, at
     * most {@code maxNanos}: the rounds queue dozens of compilations, and on two cores the one C2
     * thread finished them up to a second after the rounds, while the job's OTF and first
     * transforms ran in slow profiling code (a 96x320x320 OTF took 140-290 ms instead of 75).
     * Asks HotSpot's {@code Compiler.queue} diagnostic command; on a JVM without it, returns at once.
     */
    void settle(long maxNanos) {
        long deadline = System.nanoTime() + maxNanos;
        try {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName dcmd = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
            Object[] args = {new String[0]};
            String[] signature = {String[].class.getName()};
            while (!stopped && System.nanoTime() < deadline) {
                Object queue = server.invoke(dcmd, "compilerQueue", args, signature);
                if (!(queue instanceof String) || !compiling((String) queue)) return;
                Thread.sleep(10);
            }
        } catch (Exception | LinkageError ignored) {
            // no such command (another JVM): the job just starts without waiting
        }
    }

    /**
     * Whether the text of {@code Compiler.queue} shows one of our methods in a C2 (tier 4)
     * compilation, current or queued.
     */
    static boolean compiling(String queue) {
        for (String line : queue.split("\n")) {
            if (C2_LINE.matcher(line).matches()) return true;
        }
        return false;
    }

    /** A line of the queue: [compiler thread] id [% (OSR)] [attribute flags] level method. */
    private static final java.util.regex.Pattern C2_LINE = java.util.regex.Pattern.compile(
            "\\s*(C2 CompilerThread\\d+\\s+)?\\d+\\s+(%\\s+)?([sbn!]+\\s+)?4\\s+org\\.livedecon\\..*");

    /** The small job, {@code rounds} times unless stopped; the number of rounds done. */
    int run(DeconvolutionSettings user, int threads, int rounds) {
        DeconvolutionSettings.Builder b = user.toBuilder().iterations(ITERATIONS).timeBudgetSeconds(0);
        if (user.lambdaAuto()) b.lambda(DeconvolutionSettings.DEFAULT_WIENER_LAMBDA);
        DeconvolutionSettings settings = b.build();
        VoxelSize voxel = VoxelSize.of(0.1, 0.1, 0.2);
        Psf psf = GaussianPsf.of(PSF, voxel, 1.5, 1.5, 1.5);
        Volume image = image(voxel);
        int done = 0;
        try (CpuBackend backend = new CpuBackend(threads)) {
            for (; done < rounds && !stopped; done++) {
                Deconvolvers.create(settings, backend).deconvolve(image, psf, ProgressListener.NONE);
            }
        }
        return done;
    }

    /** Camera-like counts: an offset, a few bright blobs and Poisson-like noise (deterministic). */
    static Volume image(VoxelSize voxel) {
        Random random = new Random(17);
        float[] d = new float[IMAGE.voxels()];
        for (int z = 0; z < IMAGE.nz(); z++) {
            for (int y = 0; y < IMAGE.ny(); y++) {
                for (int x = 0; x < IMAGE.nx(); x++) {
                    double r2 = sq(x - 20) + sq(y - 25) + sq(2 * (z - 11));
                    double signal = 400 * Math.exp(-r2 / 40.0) + 50 * Math.exp(-(sq(x - 35) + sq(y - 12)) / 20.0);
                    d[IMAGE.index(x, y, z)] = (float) Math.max(0, 100 + signal + Math.sqrt(signal + 2) * random.nextGaussian());
                }
            }
        }
        return new Volume(IMAGE, voxel, d);
    }

    private static double sq(double v) { return v * v; }
}
