package org.livedecon.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The rules that size jobs and held data, all in MemoryBudget. */
class MemoryBudgetTest {
    private static final long MIB = 1L << 20;

    @Test
    void aJobTakesTheTighterOfHeapAndDeviceButATinyDeviceKeepsTheHeapFigure() {
        assertEquals(100 * MIB, MemoryBudget.of(100 * MIB, Long.MAX_VALUE).jobBytes(), "CPU backend: the heap");
        assertEquals(80 * MIB, MemoryBudget.of(100 * MIB, 80 * MIB).jobBytes(), "device tighter");
        assertEquals(100 * MIB, MemoryBudget.of(100 * MIB, 200 * MIB).jobBytes(), "heap tighter");
        assertEquals(100 * MIB, MemoryBudget.of(100 * MIB, 63 * MIB).jobBytes(),
                "under 64 MiB on the device: the job fails there and falls back rather than tiling to nothing");
    }

    @Test
    void aDeviceKeepsThirtyPercentForWhatPlansDoNotCount() {
        assertEquals(700, MemoryBudget.deviceBytes(1000));
        assertEquals(0, MemoryBudget.deviceBytes(-5));
    }

    @Test
    void liveEnginesHoldTwiceTheirSpillBudgetPlus256MiBAtMostHalfTheHeap() {
        assertEquals(1280 * MIB, MemoryBudget.liveHoldLimitBytes(MemoryBudget.LIVE_SPILL_BUDGET_BYTES, 16384 * MIB));
        assertEquals(512 * MIB, MemoryBudget.liveHoldLimitBytes(MemoryBudget.LIVE_SPILL_BUDGET_BYTES, 1024 * MIB));
        assertEquals(Math.max(64 * MIB, Runtime.getRuntime().maxMemory() / 4), MemoryBudget.liveJobHeapBytes());
    }
}
