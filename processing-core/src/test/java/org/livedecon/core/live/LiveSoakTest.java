package org.livedecon.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Algorithm;

/** A short soak: fast planes for a while, heap after GC flat, nothing lost. The 10-minute one is {@code live-sim --soak}. */
class LiveSoakTest {
    private static final long SECONDS = 12;

    @Test
    void heapStaysFlatAndNothingIsLost() {
        LiveSettings s = LiveSettings.builder().policy(LivePolicy.ALL)
                .backendThreads(1).build();
        LiveResources res = LiveResources.builder().zPlanes(8).voxelSize(LiveTesting.VOXEL)
                .channel(0, LiveTesting.setup(Algorithm.WIENER, 1)).channel(1, LiveTesting.setup(Algorithm.ACCELERATED_RL, 3)).build();
        LiveResultSink sink = LiveResultSink.NONE; // keep nothing: we measure the engine
        long heapAtThird = -1, planes = 0;
        long t0 = System.nanoTime(), end = t0 + SECONDS * 1_000_000_000L;
        LiveDeconvolver live = new LiveDeconvolver(s, res, sink);
        int t = 0;
        while (System.nanoTime() < end) {
            for (int z = 0; z < 8; z++) {
                for (int c = 0; c < 2; c++) {
                    live.accept(LiveTesting.plane(t, c, z, 32, 32, z));
                    planes++;
                }
            }
            t++;
            LiveTesting.sleep(15); // ~60 time points/s, ~1000 planes/s: the engine keeps up
            if (heapAtThird < 0 && System.nanoTime() > t0 + SECONDS * 1_000_000_000L / 3) heapAtThird = usedAfterGc();
        }
        long heapAtEnd = usedAfterGc();
        long backlog = live.metrics().queued();
        live.close();
        LiveMetrics m = live.metrics();
        assertEquals(planes, m.planesIn());
        assertEquals(2L * t, m.stacksIn());
        assertEquals(0, m.lost(), m.toString());
        assertEquals(m.stacksIn(), m.done(), m.toString());
        // a slower machine may queue some stacks (16 KiB each, nothing for the heap check below); a
        // runaway backlog would mean the soak no longer measures a steady state
        assertTrue(backlog < 300, "the engine fell far behind (" + backlog + " stacks waiting): the soak rate is too high");
        // flat within 8 MiB (the collector's noise); a leak of one 8x32x32 stack per time point would add ~25 MiB
        assertTrue(heapAtEnd - heapAtThird < 8L << 20, "heap grew from " + (heapAtThird >> 20) + " MiB to "
                + (heapAtEnd >> 20) + " MiB over " + t + " time points");
    }

    private static long usedAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) System.gc();
        return mx.getHeapMemoryUsage().getUsed();
    }
}
