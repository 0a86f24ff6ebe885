package org.livedecon.sim.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.livedecon.cli.CliCommand;
import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneSink;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.live.ChannelSetup;
import org.livedecon.core.live.LiveDeconvolver;
import org.livedecon.core.live.LiveLog;
import org.livedecon.core.live.LiveMetrics;
import org.livedecon.core.live.LivePolicy;
import org.livedecon.core.live.LiveResult;
import org.livedecon.core.live.LiveResultSink;
import org.livedecon.core.live.LiveResources;
import org.livedecon.core.live.LiveSettings;
import org.livedecon.core.live.StreamedWiener;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.sim.SimulatedMicroscope;
import org.livedecon.sim.acquisition.Acquisition;
import org.livedecon.sim.acquisition.AcquisitionRunner;
import org.livedecon.sim.acquisition.AcquisitionSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code livedecon live-sim}: the simulated microscope's acquisition runner feeding the live engine
 * at a chosen frame rate; a progress line while it runs, the engine's metrics at the end.
 */
@Command(name = "live-sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs a time-lapse on the simulated microscope at --fps camera frames per second through the live "
                    + "deconvolution engine, and reports what a user would watch: stacks in, done, skipped, partial, "
                    + "failed and lost (always 0), latency from a stack's last plane to its result (p50/p95), "
                    + "throughput, the acquisition thread's hand-off time (p99, µs) and the peak heap.",
            "With --soak MINUTES it runs that long and prints the heap after GC once a minute (flat means no leak)."
        })
public final class LiveSimCommand extends CliCommand {
    @Option(names = "--fps", paramLabel = "FPS", defaultValue = "100",
            description = "Camera frames per second; 0 = as fast as the simulator makes them (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--stacks", paramLabel = "N", defaultValue = "20",
            description = "Time points (one stack each) to acquire (default: ${DEFAULT-VALUE}).")
    int stacks;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop the acquisition after this many seconds (it is aborted: the open stack is partial); 0 = no limit.")
    double durationSeconds;

    @Option(names = "--soak", paramLabel = "MINUTES", defaultValue = "0",
            description = "Soak: acquire for this many minutes (overrides --stacks and --duration), heap after GC every minute.")
    double soakMinutes;

    @Option(names = "--policy", paramLabel = "all|latest|adaptive", defaultValue = "all",
            description = "When the engine falls behind: queue (and spill) everything, keep the latest, or adapt iterations "
                    + "(default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "wiener",
            description = "Deconvolution method, as for deconvolve (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10",
            description = "Iterations of an iterative method (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--memory-budget", paramLabel = "MiB", defaultValue = "512",
            description = "Raw stacks waiting in memory beyond this are spilled to disk (default: ${DEFAULT-VALUE}).")
    long memoryBudgetMiB;

    @Option(names = "--latency-target", paramLabel = "ms", defaultValue = "2000",
            description = "Policy adaptive: latency to stay under (default: ${DEFAULT-VALUE}).")
    double latencyTargetMs;

    @Option(names = "--no-streaming", description = "Wiener on the whole stack after its last plane, not plane by plane.")
    boolean noStreaming;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads of the deconvolution backend; 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--psf-size", paramLabel = "ZxYxX", defaultValue = "17x33x33",
            description = "The simulator's PSF is cropped to this box around its centre for deconvolution (odd sizes; "
                    + "default: ${DEFAULT-VALUE}).")
    String psfSize;

    @Option(names = "--compare-whole", description = "Also time whole-stack Wiener on one stack, to compare with the "
            + "streaming latency.")
    boolean compareWhole;

    @Mixin
    SimulationOptions sim;

    @Override
    protected int run() throws Exception {
        Shape shape = sim.stackShape();
        LivePolicy pol;
        Algorithm alg;
        try {
            pol = LivePolicy.parse(policy);
            alg = Algorithm.parse(algorithm);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (iterations < 1) throw usage("--iterations must be at least 1, got " + iterations);
        if (!(fps >= 0)) throw usage("--fps must be >= 0, got " + fps);
        boolean soak = soakMinutes > 0;
        int timePoints = soak ? 1_000_000 : stacks;
        if (timePoints < 1) throw usage("--stacks must be at least 1, got " + stacks);
        long limitMs = soak ? Math.round(soakMinutes * 60_000) : Math.round(durationSeconds * 1000);

        SimulatedMicroscope scope = sim.microscope();
        scope.camera().setExposureMs(sim.exposureMs);
        Psf psf = crop(scope.psf(), psfSize);
        DeconvolutionSettings ds = DeconvolutionSettings.builder().algorithm(alg).iterations(iterations).build();
        final PrintStreamLog log = new PrintStreamLog();
        LiveSettings settings = LiveSettings.builder().policy(pol).memoryBudgetBytes(memoryBudgetMiB << 20)
                .latencyTargetMs(latencyTargetMs).streamingWiener(!noStreaming)
                .backendThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors()).build();
        LiveResources resources = LiveResources.builder().zPlanes(shape.nz()).voxelSize(scope.gridVoxelSize())
                .defaultChannel(new ChannelSetup(psf, ds)).log(log).build();
        out().println("live-sim: " + sim);
        out().println(settings + "; " + resources);
        out().println(String.format(Locale.ROOT, "acquiring %s at %s fps%s", soak ? soakMinutes + " minutes" : timePoints + " stacks",
                fps == 0 ? "max" : fps, limitMs > 0 && !soak ? ", stopping after " + durationSeconds + " s" : ""));
        out().flush();

        AcquisitionSettings.Builder acq = AcquisitionSettings.builder().channels("sim").timePoints(timePoints)
                .zStack(scope.focusForPlane(0), scope.zStepUm(), shape.nz()).framesPerSecond(fps);
        if (limitMs > 0) acq.timeLimitMs(limitMs);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) pool.resetPeakUsage();
        }
        final List<Object> firstStack = new ArrayList<Object>();
        // the engine's own compute time per stack (after its last plane for streamed Wiener)
        final List<Long> computeNanos = java.util.Collections.synchronizedList(new ArrayList<Long>());
        // latency minus compute: from the last plane's hand-off until the engine took it (or the stack) up
        final List<Long> waitNanos = java.util.Collections.synchronizedList(new ArrayList<Long>());
        LiveDeconvolver live = new LiveDeconvolver(settings, resources, new LiveResultSink() {
            @Override
            public void accept(org.livedecon.core.live.LiveResult r) {
                if (r.volume() != null) {
                    computeNanos.add(r.computeNanos());
                    waitNanos.add(r.latencyNanos() - r.computeNanos());
                }
            }
        });
        final LiveDeconvolver engine = live;
        final int nz = shape.nz();
        PlaneSink tee = new PlaneSink() {
            @Override
            public void accept(AcquiredPlane plane) {
                if (compareWhole && plane.coords().time() == 0 && firstStack.size() < nz) firstStack.add(plane.pixels());
                engine.accept(plane);
            }

            @Override
            public void finished(boolean aborted, long delivered) { engine.finished(aborted, delivered); }
        };
        long t0 = System.nanoTime();
        Acquisition run = new AcquisitionRunner().start(scope, acq.build(), tee);
        long nextMinute = t0 + 60_000_000_000L;
        List<String> heapLines = new ArrayList<String>();
        while (!run.awaitCompletion(1, TimeUnit.SECONDS)) {
            progress(live.metrics(), log);
            if (soak && System.nanoTime() >= nextMinute) {
                heapLines.add(String.format(Locale.ROOT, "  minute %d: heap after GC %.1f MiB, %s", heapLines.size() + 1,
                        usedAfterGc() / 1048576.0, shortLine(live.metrics())));
                nextMinute += 60_000_000_000L;
            }
        }
        double acquireSeconds = (System.nanoTime() - t0) / 1e9;
        while (live.metrics().queued() > 0 && live.metrics().stacksIn() > 0) {
            progress(live.metrics(), log);
            Thread.sleep(200);
        }
        live.close();
        if (terminal()) err().println();
        LiveMetrics m = live.metrics();
        if (run.failure() != null) err().println("acquisition failed: " + run.failure().getMessage());
        out().println(String.format(Locale.ROOT, "acquired %d planes in %.1f s (%.1f fps), outcome %s",
                run.planesDelivered(), acquireSeconds, run.planesDelivered() / acquireSeconds, run.outcome()));
        out().println(String.format(Locale.ROOT,
                "stacks in %d, done %d, skipped %d, partial %d, failed %d, lost %d (spilled %d, degraded %d, streamed %d)",
                m.stacksIn(), m.done(), m.skipped(), m.partial(), m.failed(), m.lost(), m.spilled(), m.degraded(), m.streamed()));
        out().println(String.format(Locale.ROOT, "latency after the last plane: p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                m.latencyP50Ms(), m.latencyP95Ms(), m.latencyMaxMs()));
        if (!computeNanos.isEmpty()) {
            List<Long> c = new ArrayList<Long>(computeNanos), w = new ArrayList<Long>(waitNanos);
            java.util.Collections.sort(c);
            java.util.Collections.sort(w);
            boolean streamed = settings.streamingWiener() && algorithm.trim().equalsIgnoreCase("wiener");
            out().println(String.format(Locale.ROOT, "engine compute per stack%s: p50 %.1f ms, p95 %.1f ms; waiting before "
                            + "it (hand-off, queue): p50 %.1f ms, p95 %.1f ms",
                    streamed ? " (streamed Wiener: from taking up its last plane, transform and finish)" : "",
                    c.get(c.size() / 2) / 1e6, c.get(Math.min(c.size() - 1, (int) Math.ceil(0.95 * c.size()) - 1)) / 1e6,
                    w.get(w.size() / 2) / 1e6, w.get(Math.min(w.size() - 1, (int) Math.ceil(0.95 * w.size()) - 1)) / 1e6));
        }
        out().println(String.format(Locale.ROOT, "throughput: %.2f stacks/s, %.3g voxels/s", m.stacksPerSecond(),
                m.voxelsPerSecond()));
        out().println(String.format(Locale.ROOT, "hand-off: p99 %.1f µs, max %.1f µs; engine raw memory peak %.1f MiB; "
                + "peak heap %.0f MiB", m.handOffP99Micros(), m.handOffMaxMicros(), m.peakMemoryInUse() / 1048576.0,
                peakHeap() / 1048576.0));
        for (String l : heapLines) out().println(l);
        if (log.count > 0) out().println(log.count + " warnings; the first: " + log.first);
        if (compareWhole && firstStack.size() == nz) {
            Volume v = Volume.fromPlanes(firstStack, shape.nx(), shape.ny(), scope.gridVoxelSize());
            DeconvolutionSettings w = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER).build();
            // alternate whole-stack Wiener with the streamed path's work after the last plane (its
            // transform and the finish) on the same stack, so both see the same load on the machine
            int rounds = 5;
            long[] whole = new long[rounds], tail = new long[rounds];
            try (CpuBackend backend = new CpuBackend(settings.backendThreads());
                 StreamedWiener streamed = new StreamedWiener(psf, w, shape.nx(), shape.ny(), nz, backend,
                         settings.backendThreads())) {
                for (int i = 0; i < rounds; i++) {
                    long s = System.nanoTime();
                    Deconvolvers.create(w, backend).deconvolve(v, psf, ProgressListener.NONE);
                    whole[i] = System.nanoTime() - s;
                    for (int z = 0; z < nz - 1; z++) streamed.add(z, firstStack.get(z));
                    s = System.nanoTime();
                    streamed.add(nz - 1, firstStack.get(nz - 1));
                    streamed.finish(scope.gridVoxelSize());
                    tail[i] = System.nanoTime() - s;
                }
            }
            java.util.Arrays.sort(whole);
            java.util.Arrays.sort(tail);
            out().println(String.format(Locale.ROOT, "whole-stack Wiener on one %s stack: median %.1f ms, best %.1f ms "
                            + "(%d runs, %d threads); streamed, after the last plane, alternating with it: median %.1f ms, "
                            + "best %.1f ms (%.2fx of whole-stack); live latency p50 / whole-stack median: %.2fx",
                    shape, whole[rounds / 2] / 1e6, whole[0] / 1e6, rounds, settings.backendThreads(), tail[rounds / 2] / 1e6,
                    tail[0] / 1e6, (double) tail[rounds / 2] / whole[rounds / 2], m.latencyP50Ms() * 1e6 / whole[rounds / 2]));
        }
        return m.lost() == 0 ? 0 : 1;
    }

    private void progress(LiveMetrics m, PrintStreamLog log) {
        String line = shortLine(m);
        if (terminal()) {
            err().print("\r" + line + "   ");
        } else {
            err().println(line);
        }
        err().flush();
    }

    private static String shortLine(LiveMetrics m) {
        return String.format(Locale.ROOT, "%.0f s: planes %d, stacks in %d, done %d, skipped %d, partial %d, queued %d, "
                        + "latency p50 %.0f ms p95 %.0f ms, %.2f stacks/s, memory %.0f MiB",
                m.elapsedSeconds(), m.planesIn(), m.stacksIn(), m.done(), m.skipped(), m.partial(), m.queued(),
                m.latencyP50Ms(), m.latencyP95Ms(), m.stacksPerSecond(), m.memoryInUse() / 1048576.0);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 2; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        long pools = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                pools += pool.getPeakUsage().getUsed();
            }
        }
        return pools;
    }

    /** The centre box of the PSF (at most its own size), renormalised to sum 1. */
    private Psf crop(Psf psf, String size) {
        String[] p = size.toLowerCase(Locale.ROOT).split("x");
        int bz, by, bx;
        try {
            bz = Integer.parseInt(p[0].trim());
            by = Integer.parseInt(p[1].trim());
            bx = Integer.parseInt(p[2].trim());
        } catch (RuntimeException e) {
            throw usage("--psf-size must be ZxYxX, got '" + size + "'");
        }
        Volume v = psf.volume();
        int nz = Math.min(bz, v.nz()), ny = Math.min(by, v.ny()), nx = Math.min(bx, v.nx());
        if (nz % 2 == 0 || ny % 2 == 0 || nx % 2 == 0) throw usage("--psf-size must be odd in every axis, got " + size);
        if (nz == v.nz() && ny == v.ny() && nx == v.nx()) return psf;
        float[] out = new float[nx * ny * nz];
        double sum = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    float f = v.get(psf.centreX() - nx / 2 + x, psf.centreY() - ny / 2 + y, psf.centreZ() - nz / 2 + z);
                    out[x + nx * (y + ny * z)] = f;
                    sum += f;
                }
            }
        }
        for (int i = 0; i < out.length; i++) out[i] = (float) (out[i] / sum);
        return new Psf(new Volume(Shape.of(nx, ny, nz), v.voxelSize(), out), psf.source() + ", cropped to " + size);
    }

    /** Keeps the first warning and a count; the engine's threads call it. */
    private static final class PrintStreamLog implements LiveLog {
        volatile String first;
        volatile int count;

        @Override
        public synchronized void warn(String message) {
            if (first == null) first = message;
            count++;
        }
    }
}
