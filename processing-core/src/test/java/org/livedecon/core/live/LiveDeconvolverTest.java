package org.livedecon.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

class LiveDeconvolverTest {
    private static final int NZ = 8, NY = 32, NX = 32;

    @TempDir
    Path temp;

    /** Deconvolvers that sleep a random 0..maxMs before working, and throw where told. */
    private static DeconvolverFactory delaying(final int maxMs, final long seed) {
        final Random r = new Random(seed);
        return LiveTesting.before(new Runnable() {
            @Override
            public void run() { LiveTesting.sleep(r.nextInt(maxMs + 1)); }
        });
    }

    @ParameterizedTest
    @EnumSource(LivePolicy.class)
    void everyStackIsAccountedForUnderRandomDelays(LivePolicy policy) throws Exception {
        LiveTesting.Collector sink = new LiveTesting.Collector(2);
        LiveSettings s = LiveSettings.builder().policy(policy)
                .memoryBudgetBytes(policy == LivePolicy.ALL ? 20_000 : 1 << 20).latencyTargetMs(30).backendThreads(1).build();
        LiveResources res = LiveResources.builder().zPlanes(NZ).voxelSize(LiveTesting.VOXEL)
                .channel(0, LiveTesting.setup(Algorithm.ACCELERATED_RL, 4)).channel(1, LiveTesting.setup(Algorithm.WIENER, 1))
                .spillDirectory(temp).deconvolverFactory(delaying(4, 11)).build();
        Random r = new Random(5);
        int stacks = 0, dropped = 0;
        try (LiveDeconvolver live = new LiveDeconvolver(s, res, sink)) {
            // 100 time points x 2 channels, channels first; every 17th time point loses a plane
            for (int t = 0; t < 100; t++) {
                for (int z = 0; z < NZ; z++) {
                    for (int c = 0; c < 2; c++) {
                        if (t % 17 == 5 && c == 0 && z == 3) {
                            dropped++;
                            continue;
                        }
                        live.accept(LiveTesting.plane(t, c, z, NX, NY, t * 100 + z * 2 + c));
                    }
                    if (r.nextInt(4) == 0) Thread.sleep(1);
                }
                stacks += 2;
            }
            live.finished(false, 0);
        }
        assertEquals(200, stacks);
        assertEquals(0, sink.duplicates, "a stack reported twice");
        assertEquals(200, sink.results.size());
        long done = sink.count(LiveResult.Status.DONE), skipped = sink.count(LiveResult.Status.SKIPPED);
        long partial = sink.count(LiveResult.Status.PARTIAL) + sink.count(LiveResult.Status.PARTIAL_SKIPPED);
        long failed = sink.count(LiveResult.Status.FAILED);
        assertEquals(0, failed);
        assertEquals(dropped, partial);
        assertEquals(200, done + skipped + partial);
        if (policy != LivePolicy.LATEST) assertEquals(0, skipped, "only LATEST skips");
        assertFalse(Files.list(temp).findAny().isPresent(), "spill directory left behind");
    }

    @Test
    void metricsAgreeWithTheSinkAndSpillWhenOverBudget() throws Exception {
        LiveTesting.Collector sink = new LiveTesting.Collector(0);
        LiveSettings s = LiveSettings.builder().policy(LivePolicy.ALL).memoryBudgetBytes(0).backendThreads(1).build();
        LiveResources res = LiveResources.builder().zPlanes(NZ).voxelSize(LiveTesting.VOXEL)
                .defaultChannel(LiveTesting.setup(Algorithm.ACCELERATED_RL, 3))
                .spillDirectory(temp).deconvolverFactory(delaying(20, 2)).build();
        LiveDeconvolver live = new LiveDeconvolver(s, res, sink);
        for (int t = 0; t < 20; t++) {
            for (int z = 0; z < NZ; z++) live.accept(LiveTesting.plane(t, 0, z, NX, NY, t * 10 + z));
        }
        live.close();
        LiveMetrics m = live.metrics();
        assertEquals(20 * NZ, m.planesIn());
        assertEquals(20, m.stacksIn());
        assertEquals(20, m.done());
        assertEquals(0, m.lost());
        assertTrue(m.spilled() > 0, "nothing was spilled with a zero budget: " + m);
        assertEquals(0, m.memoryInUse());
        assertTrue(m.latencyP95Ms() >= m.latencyP50Ms() && m.latencyP50Ms() > 0, m.toString());
        for (LiveResult r : sink.results) {
            assertEquals(Shape.of(NX, NY, NZ), r.volume().shape());
            assertTrue(Float.isFinite(r.volume().max()));
        }
        live.accept(LiveTesting.plane(99, 0, 0, NX, NY, 1));
        assertEquals(1, live.metrics().planesRejected());
    }

    /**
     * The hand-off never waits for a deconvolution. Shown without a clock: the worker is held inside
     * its first deconvolution for the whole test, and every one of 640 planes is still handed over
     * (a hand-off that waited for the worker would never return). Hand-off times are measured by
     * the soak benchmark, not here.
     */
    /**
     * The engine sees a stack from its darkest voxel up, as the command line does, so a camera
     * offset changes nothing; with the offset inside RL's background the result depended on it.
     */
    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"RL_WB", "ACCELERATED_RL"})
    void aCameraOffsetDoesNotChangeTheResult(Algorithm algorithm) throws Exception {
        float[][] out = new float[2][];
        for (int k = 0; k < 2; k++) {
            LiveTesting.Collector sink = new LiveTesting.Collector(0);
            LiveSettings s = LiveSettings.builder().policy(LivePolicy.ALL).backendThreads(1).build();
            LiveResources res = LiveResources.builder().zPlanes(NZ).voxelSize(LiveTesting.VOXEL)
                    .defaultChannel(LiveTesting.setup(algorithm, 5)).spillDirectory(temp).build();
            LiveDeconvolver live = new LiveDeconvolver(s, res, sink);
            for (int z = 0; z < NZ; z++) {
                AcquiredPlane p = LiveTesting.plane(0, 0, z, NX, NY, z);
                short[] px = ((short[]) p.pixels()).clone();
                for (int i = 0; i < px.length; i++) px[i] += (short) (1000 * k);
                live.accept(new AcquiredPlane(p.coords(), px, NX, NY, p.zUm(), p.timestampNanos()));
            }
            live.close();
            assertEquals(1, sink.results.size(), "one stack deconvolved");
            out[k] = sink.results.get(0).volume().data();
        }
        double max = 0, diff = 0;
        for (int i = 0; i < out[0].length; i++) {
            max = Math.max(max, Math.abs(out[0][i]));
            diff = Math.max(diff, Math.abs(out[0][i] - out[1][i]));
        }
        assertTrue(max > 0, "a result");
        assertTrue(diff <= 1e-4 * max, algorithm + ": offset 0 and 1000 ADU differ by " + diff + " of " + max);
    }

    @Test
    void handOffNeverWaitsForARunningDeconvolution() throws Exception {
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        LiveSettings s = LiveSettings.builder().policy(LivePolicy.ALL).backendThreads(2).build();
        LiveResources res = LiveResources.builder().zPlanes(16).voxelSize(LiveTesting.VOXEL)
                .defaultChannel(LiveTesting.setup(Algorithm.ACCELERATED_RL, 10))
                .deconvolverFactory(LiveTesting.before(new Runnable() {
                    @Override
                    public void run() {
                        started.countDown();
                        try {
                            release.await(10, java.util.concurrent.TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })).build();
        try (final LiveDeconvolver live = new LiveDeconvolver(s, res, LiveResultSink.NONE)) {
            for (int z = 0; z < 16; z++) live.accept(LiveTesting.plane(0, 0, z, 96, 96, z));
            assertTrue(started.await(2, java.util.concurrent.TimeUnit.MINUTES), "the worker took up the first stack");
            final AtomicInteger handedOver = new AtomicInteger();
            Thread feeder = new Thread(new Runnable() {
                @Override
                public void run() {
                    for (int t = 1; t < 40; t++) {
                        for (int z = 0; z < 16; z++) {
                            live.accept(LiveTesting.plane(t, 0, z, 96, 96, z));
                            handedOver.incrementAndGet();
                        }
                    }
                }
            });
            feeder.start();
            feeder.join(120_000L);
            boolean done = !feeder.isAlive();
            LiveMetrics m = live.metrics();
            release.countDown();
            feeder.join();
            assertTrue(done, "hand-off blocked behind the held deconvolution after " + handedOver.get() + " planes");
            assertEquals(39 * 16, handedOver.get());
            assertEquals(0, m.done(), "the worker was still held: " + m);
            assertTrue(m.queued() > 0, "stacks waited for the worker: " + m);
        }
    }

    @Test
    void aFailingStackIsReportedAndLaterStacksAreProcessed() {
        final AtomicInteger calls = new AtomicInteger();
        DeconvolverFactory flaky = new DeconvolverFactory() {
            @Override
            public Deconvolver create(DeconvolutionSettings settings, Backend backend) {
                if (calls.incrementAndGet() == 3) throw new OutOfMemoryError("simulated");
                return Deconvolvers.create(settings, backend);
            }
        };
        // channel 1's PSF has the wrong voxel size: every one of its stacks fails, channel 0 goes on
        Psf wrong = GaussianPsf.of(Shape.of(7, 7, 5), VoxelSize.of(0.2, 0.5), 1.2, 1.2, 1.0);
        LiveTesting.Collector sink = new LiveTesting.Collector(0);
        final StringBuilder logged = new StringBuilder();
        LiveSettings s = LiveSettings.builder().backendThreads(1).build();
        LiveResources res = LiveResources.builder().zPlanes(NZ).voxelSize(LiveTesting.VOXEL)
                .channel(0, LiveTesting.setup(Algorithm.ACCELERATED_RL, 3))
                .channel(1, new ChannelSetup(wrong, DeconvolutionSettings.builder().algorithm(Algorithm.RICHARDSON_LUCY).iterations(2).build()))
                .deconvolverFactory(flaky).log(new LiveLog() {
                    @Override
                    public synchronized void warn(String message) { logged.append(message).append('\n'); }

                    @Override
                    public synchronized void info(String message) { logged.append("INFO ").append(message).append('\n'); }
                }).build();
        LiveDeconvolver live = new LiveDeconvolver(s, res, sink);
        for (int t = 0; t < 6; t++) {
            for (int c = 0; c < 2; c++) {
                for (int z = 0; z < NZ; z++) live.accept(LiveTesting.plane(t, c, z, NX, NY, z));
            }
        }
        live.close();
        LiveMetrics m = live.metrics();
        assertEquals(12, m.stacksIn());
        assertEquals(0, m.lost());
        assertEquals(6 + 1, m.failed(), m.toString());
        assertEquals(5, m.done());
        for (LiveResult r : sink.results) {
            if (r.key().channel() == 1) {
                assertEquals(LiveResult.Status.FAILED, r.status());
                assertTrue(r.error().getMessage().contains("voxel size"), r.error().toString());
            }
        }
        assertTrue(logged.toString().contains("simulated"), logged.toString());
        assertTrue(logged.toString().contains("INFO live deconvolution finished: ") && logged.toString().contains("lost 0"),
                "the closing metrics are logged: " + logged);
        for (LiveResult r : sink.results) {
            if (r.key().channel() == 0 && r.key().time() == 5) assertEquals(LiveResult.Status.DONE, r.status());
        }
    }

    @Test
    void wienerChannelsAreStreamedAndMatchTheWholeStackPath() {
        LiveTesting.Collector streamed = new LiveTesting.Collector(0), whole = new LiveTesting.Collector(0);
        for (boolean streaming : new boolean[] {true, false}) {
            LiveSettings s = LiveSettings.builder().streamingWiener(streaming).backendThreads(2).build();
            LiveResources res = LiveResources.builder().zPlanes(NZ).voxelSize(LiveTesting.VOXEL)
                    .defaultChannel(LiveTesting.setup(Algorithm.WIENER, 1)).build();
            try (LiveDeconvolver live = new LiveDeconvolver(s, res, streaming ? streamed : whole)) {
                for (int t = 0; t < 3; t++) {
                    for (int z = 0; z < NZ; z++) {
                        live.accept(LiveTesting.plane(t, 0, z, NX, NY, t * 10 + z));
                        LiveTesting.sleep(1);
                    }
                }
            }
        }
        assertEquals(3, streamed.results.size());
        java.util.Comparator<LiveResult> byTime = new java.util.Comparator<LiveResult>() {
            @Override
            public int compare(LiveResult p, LiveResult q) { return Integer.compare(p.key().time(), q.key().time()); }
        };
        java.util.Collections.sort(streamed.results, byTime);
        java.util.Collections.sort(whole.results, byTime);
        // the first stack waits for the kernel, so the next one may go the whole-stack way
        assertTrue(streamed.results.get(2).streamed(), "the last stack was not streamed");
        for (int i = 0; i < 3; i++) {
            LiveResult a = streamed.results.get(i), b = whole.results.get(i);
            assertFalse(b.streamed());
            float[] x = a.volume().data(), y = b.volume().data();
            double worst = 0, max = 0;
            for (int k = 0; k < x.length; k++) {
                worst = Math.max(worst, Math.abs(x[k] - y[k]));
                max = Math.max(max, Math.abs(y[k]));
            }
            assertTrue(worst < 1e-4 * max, "stack " + a.key() + " vs " + b.key() + " " + a.planes() + " streamed result differs by " + worst + " max " + max + " sums " + a.volume().sum() + " " + b.volume().sum());
        }
    }
}
