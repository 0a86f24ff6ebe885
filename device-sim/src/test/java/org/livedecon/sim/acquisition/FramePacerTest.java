package org.livedecon.sim.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * The frame schedule on a virtual clock: exact, and independent of how busy the test machine is
 * (the acquisition-level tests only check what a loaded machine cannot break).
 */
class FramePacerTest {

    /** Time moves only when the pacer sleeps or the test says work took time. */
    static final class VirtualTicker implements Ticker {
        long now = 1_000_000_000L;
        int sleeps;

        @Override
        public long nanoTime() { return now; }

        @Override
        public boolean sleepUntil(long deadlineNanos, BooleanSupplier stop) {
            if (stop.getAsBoolean()) return false;
            sleeps++;
            if (deadlineNanos > now) now = deadlineNanos;
            return true;
        }

        void work(long nanos) { now += nanos; }
    }

    private static final BooleanSupplier NEVER = () -> false;
    private static final LongUnaryOperator NO_LIMIT = t -> t;

    /**
     * Delivery times (after the snap, as the acquisition's plane timestamps) of {@code frames} frames
     * whose snap takes {@code snapNanos}; frame {@code stallAt}'s snap also stalls {@code stallNanos}.
     */
    private static List<Long> delivered(FramePacer pacer, VirtualTicker clock, int frames, long snapNanos,
                                     int stallAt, long stallNanos) {
        List<Long> starts = new ArrayList<Long>();
        for (int i = 0; i < frames; i++) {
            assertTrue(pacer.awaitNextSlot(NEVER, NO_LIMIT));
            clock.work(snapNanos + (i == stallAt ? stallNanos : 0));
            starts.add(clock.now);
        }
        return starts;
    }

    @Test
    void framesStartExactlyOnePeriodApart() {
        VirtualTicker clock = new VirtualTicker();
        FramePacer pacer = new FramePacer(100, clock);
        List<Long> s = delivered(pacer, clock, 200, 1_000_000L, -1, 0);
        for (int i = 1; i < s.size(); i++) assertEquals(10_000_000L, s.get(i) - s.get(i - 1), "gap before frame " + i);
        assertEquals(0, pacer.lateFrames());
    }

    @Test
    void noFrameRateNeverWaits() {
        VirtualTicker clock = new VirtualTicker();
        FramePacer pacer = new FramePacer(0, clock);
        List<Long> s = delivered(pacer, clock, 500, 0, -1, 0);
        assertEquals(0, clock.sleeps);
        assertEquals(s.get(0), s.get(499));
        assertEquals(0, pacer.lateFrames());
    }

    @Test
    void slowHardwareRunsFlatOutAndCountsLateFrames() {
        VirtualTicker clock = new VirtualTicker();
        FramePacer pacer = new FramePacer(1000, clock);
        List<Long> s = delivered(pacer, clock, 20, 3_000_000L, -1, 0);
        for (int i = 1; i < s.size(); i++) assertEquals(3_000_000L, s.get(i) - s.get(i - 1));
        assertEquals(19, pacer.lateFrames());
    }

    @Test
    void aStallIsFollowedByAtMostOneCatchUpFrameThenThePeriod() {
        VirtualTicker clock = new VirtualTicker();
        FramePacer pacer = new FramePacer(100, clock);
        List<Long> s = delivered(pacer, clock, 30, 1_000_000L, 10, 60_000_000L);
        int shortGaps = 0;
        boolean previousShort = false;
        for (int i = 1; i < s.size(); i++) {
            long gap = s.get(i) - s.get(i - 1);
            boolean isShort = gap < 5_000_000L;
            if (isShort) shortGaps++;
            assertFalse(isShort && previousShort, "two catch-up frames in a row before frame " + i);
            previousShort = isShort;
        }
        assertEquals(1, shortGaps, "the frame after the stall goes at once, the rest keep the period");
        assertEquals(10_000_000L, s.get(29) - s.get(28));
        assertEquals(1, pacer.lateFrames());
    }

    @Test
    void aStopEndsTheWaitWithoutConsumingTheSlot() {
        VirtualTicker clock = new VirtualTicker();
        FramePacer pacer = new FramePacer(100, clock);
        assertTrue(pacer.awaitNextSlot(NEVER, NO_LIMIT));
        assertFalse(pacer.awaitNextSlot(() -> true, NO_LIMIT));
        long before = clock.now;
        assertTrue(pacer.awaitNextSlot(NEVER, NO_LIMIT));
        assertEquals(before + 10_000_000L, clock.now);
    }

    @Test
    void aHardStopBeforeTheSlotEndsTheWait() {
        VirtualTicker clock = new VirtualTicker();
        FramePacer pacer = new FramePacer(100, clock);
        assertTrue(pacer.awaitNextSlot(NEVER, NO_LIMIT));
        long limit = clock.now + 4_000_000L;
        assertFalse(pacer.awaitNextSlot(NEVER, t -> Math.min(t, limit)));
        assertEquals(limit, clock.now);
    }
}
