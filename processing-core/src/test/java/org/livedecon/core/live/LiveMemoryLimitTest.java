package org.livedecon.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Algorithm;

/**
 * The hard memory limit: when the engine falls far behind (here the deconvolution is held), planes
 * beyond the limit are not kept, their stacks are reported SKIPPED, memory stays bounded, nothing
 * is lost, and stacks are kept again once the engine has caught up.
 */
class LiveMemoryLimitTest {
    private static final int NX = 24, NY = 20, NZ = 6;
    private static final long PLANE_BYTES = 2L * NX * NY, STACK_BYTES = NZ * PLANE_BYTES;

    @Test
    void planesBeyondTheLimitAreShedAndTheirStacksSkippedThenKeptAgain() throws Exception {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        DeconvolverFactory held = LiveTesting.before(new Runnable() {
            @Override
            public void run() {
                started.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        final StringBuilder warnings = new StringBuilder();
        LiveTesting.Collector sink = new LiveTesting.Collector(0);
        long limit = 3 * STACK_BYTES + 3 * PLANE_BYTES;
        LiveSettings s = LiveSettings.builder()
                .memoryBudgetBytes(1L << 40) // never spill: only the hard limit bounds memory
                .memoryLimitBytes(limit).backendThreads(1).build();
        LiveResources res = LiveResources.builder().zPlanes(NZ).voxelSize(LiveTesting.VOXEL)
                .channel(0, LiveTesting.setup(Algorithm.RICHARDSON_LUCY, 2)).deconvolverFactory(held)
                .log(new LiveLog() {
                    @Override
                    public synchronized void warn(String message) { warnings.append(message).append('\n'); }
                }).build();
        LiveDeconvolver live = new LiveDeconvolver(s, res, sink);
        feed(live, 0, 1);
        assertTrue(started.await(120, TimeUnit.SECONDS), "the worker took up the first stack");
        feed(live, 1, 10); // stacks 1..9 while the worker is held: only about three fit
        long deadline = System.currentTimeMillis() + 120_000; // a hang detector, generous for a loaded machine
        while (live.metrics().stacksShed() < 1 && System.currentTimeMillis() < deadline) Thread.sleep(5);
        LiveMetrics during = live.metrics();
        assertTrue(during.peakMemoryInUse() <= limit + STACK_BYTES + PLANE_BYTES,
                "memory bounded by the limit (+ the stack being computed): " + during);

        release.countDown();
        deadline = System.currentTimeMillis() + 60_000;
        while (live.metrics().queued() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(5);
        assertEquals(0, live.metrics().queued(), "caught up: " + live.metrics());
        feed(live, 10, 12); // after catching up, stacks are kept again
        live.close();

        LiveMetrics m = live.metrics();
        assertEquals(12, m.stacksIn(), m.toString());
        assertEquals(0, m.lost(), m.toString());
        assertEquals(12, m.done() + m.skipped(), m.toString());
        assertTrue(m.stacksShed() >= 5 && m.stacksShed() == m.skipped(), m.toString());
        assertTrue(m.planesShed() >= m.stacksShed(), m.toString());
        assertEquals(12 * NZ, m.planesIn(), "every plane handed in is counted: " + m);
        for (LiveResult r : sink.results) {
            int t = r.key().time();
            if (t == 0 || t >= 10) assertEquals(LiveResult.Status.DONE, r.status(), r.key().toString());
            if (r.status() == LiveResult.Status.SKIPPED) assertTrue(r.volume() == null);
        }
        assertEquals(0, sink.duplicates);
        String w = warnings.toString();
        assertTrue(w.contains("memory limit of") && w.contains("raw data is unaffected"), w);
        assertEquals(w.indexOf("memory limit of"), w.lastIndexOf("memory limit of"), "warned once: " + w);
        assertTrue(m.toString().contains("shed at the memory limit"), m.toString());
    }

    @Test
    void aJobLargerThanAQuarterOfTheHeapIsTiledSmallOnesAreNot() {
        org.livedecon.core.backend.CpuBackend cpu = new org.livedecon.core.backend.CpuBackend(1);
        try {
            org.livedecon.core.deconv.Deconvolver d = DeconvolverFactory.DEFAULT.create(
                    org.livedecon.core.deconv.DeconvolutionSettings.builder().algorithm(Algorithm.ACCELERATED_RL).build(), cpu);
            long budget = DeconvolverFactory.jobBudgetBytes(cpu);
            assertEquals(Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4), budget);
            org.livedecon.core.deconv.DeconvolutionPlan small = d.plan(org.livedecon.core.volume.Shape.of(64, 64, 8), LiveTesting.PSF);
            assertTrue(!small.tiled() && small.bytes() <= budget, small.toString());
            // a stack whose result takes a quarter of the budget: the whole job (tens of bytes per
            // voxel) does not fit, tiles do, and the plan, result included, stays inside the budget
            int side = (int) Math.sqrt(budget / 16 / 8.0);
            org.livedecon.core.deconv.DeconvolutionPlan huge = d.plan(org.livedecon.core.volume.Shape.of(side, side, 8), LiveTesting.PSF);
            assertTrue(huge.tiled() && huge.bytes() <= budget, huge.toString());
            // z x y x x = 128 x 2048 x 2048: its result alone (2 GiB) exceeds a quarter of any test heap,
            // so no tiling can fit it: refused before any work rather than running out of memory
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> d.plan(org.livedecon.core.volume.Shape.of(2048, 2048, 128), LiveTesting.PSF));
            assertTrue(e.getMessage().contains("it needs at least"), e.getMessage());
        } finally {
            cpu.close();
        }
    }

    @Test
    void twoEnginesSharingOneLedgerStayUnderItsLimitTogetherAndGiveEverythingBack() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        DeconvolverFactory held = LiveTesting.before(new Runnable() {
            @Override
            public void run() {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        long limit = 4 * STACK_BYTES;
        MemoryLedger ledger = new MemoryLedger(limit);
        LiveTesting.Collector sinkA = new LiveTesting.Collector(0), sinkB = new LiveTesting.Collector(0);
        LiveDeconvolver[] engines = new LiveDeconvolver[2];
        for (int i = 0; i < 2; i++) {
            engines[i] = new LiveDeconvolver(LiveSettings.builder()
                    .memoryBudgetBytes(1L << 40) // each engine alone would keep everything in memory
                    .backendThreads(1).build(), LiveResources.builder().zPlanes(NZ).voxelSize(LiveTesting.VOXEL)
                    .channel(0, LiveTesting.setup(Algorithm.RICHARDSON_LUCY, 2))
                    .memoryLedger(ledger).deconvolverFactory(held).build(), i == 0 ? sinkA : sinkB);
        }
        // a closing engine still holding stacks and the next acquisition's engine, both held
        feed(engines[0], 0, 6);
        feed(engines[1], 0, 6);
        long deadline = System.currentTimeMillis() + 120_000; // a hang detector, generous for a loaded machine
        while (engines[0].metrics().stacksIn() + engines[1].metrics().stacksIn() < 12 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(ledger.peakBytes() <= limit, "one limit for both engines: " + ledger);
        release.countDown();
        engines[0].close();
        engines[1].close();
        LiveMetrics a = engines[0].metrics(), b = engines[1].metrics();
        assertTrue(a.stacksShed() + b.stacksShed() >= 4, "beyond the shared limit stacks are shed: " + a + " / " + b);
        assertEquals(6, a.done() + a.skipped(), a.toString());
        assertEquals(6, b.done() + b.skipped(), b.toString());
        assertTrue(ledger.peakBytes() <= limit, ledger.toString());
        assertEquals(0, ledger.heldBytes(), "everything given back: " + ledger);
    }

    @Test
    void ledgerRefusesBeyondItsLimitAndCountsThePeak() {
        MemoryLedger l = new MemoryLedger(100);
        assertTrue(l.tryReserve(60));
        assertTrue(!l.tryReserve(41), "over the limit");
        assertTrue(l.tryReserve(40));
        l.release(50);
        assertEquals(50, l.heldBytes());
        assertEquals(100, l.peakBytes());
        l.adjust(-50);
        assertEquals(0, l.heldBytes());
    }

    private static void feed(LiveDeconvolver live, int fromTime, int toTime) {
        for (int t = fromTime; t < toTime; t++) {
            for (int z = 0; z < NZ; z++) live.accept(LiveTesting.plane(t, 0, z, NX, NY, 7 * t + z));
        }
    }
}
