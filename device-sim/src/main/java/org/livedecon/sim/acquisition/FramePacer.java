package org.livedecon.sim.acquisition;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

/**
 * Frame-rate schedule of the acquisition thread: frame {@code k} starts at
 * {@code anchor + k * period} (a fixed schedule, so waiting errors do not add up as they would with
 * "sleep one period after each frame"). When the caller reaches a slot late by a whole period or
 * more (slow hardware, a stage move), the schedule is re-anchored at that moment, so at most one
 * frame follows early to catch up: no bursts. Used by one thread only.
 */
final class FramePacer {
    private final long periodNanos;
    private final Ticker ticker;
    private boolean anchored;
    private long nextSlotNanos;
    private long lateFrames;

    /** @param framesPerSecond frames per second; 0 = no pacing (every slot is "now") */
    FramePacer(double framesPerSecond) {
        this(framesPerSecond, Ticker.SYSTEM);
    }

    /** A schedule on {@code ticker}'s time (a virtual one in tests). */
    FramePacer(double framesPerSecond, Ticker ticker) {
        this.ticker = ticker;
        this.periodNanos = framesPerSecond > 0 ? Math.max(1L, Math.round(1e9 / framesPerSecond)) : 0L;
    }

    long periodNanos() { return periodNanos; }

    long lateFrames() { return lateFrames; }

    /** The next frame starts a new schedule: it goes at once and its successors one period apart. */
    void restart() { anchored = false; }

    /**
     * Blocks until the next frame's slot (at once for the first frame after construction or
     * {@link #restart()}), counting the frame as late when its slot had already passed.
     *
     * @param stop     checked while waiting; true ends the wait
     * @param hardStop maps a wake-up time to the time the wait must end at the latest (e.g. a time
     *                 limit); identity for none
     * @return false when the wait ended early (stop, or the hard stop came before the slot); the
     *         slot is not consumed then
     */
    boolean awaitNextSlot(BooleanSupplier stop, LongUnaryOperator hardStop) {
        if (periodNanos == 0) return true;
        long now = ticker.nanoTime();
        if (!anchored) {
            anchored = true;
            nextSlotNanos = now + periodNanos;
            return true;
        }
        long slot = nextSlotNanos;
        if (now - slot > 0) {
            lateFrames++;
            if (now - slot >= periodNanos) slot = now; // re-anchor: no catch-up burst beyond one frame
        } else {
            if (!ticker.sleepUntil(hardStop.applyAsLong(slot), stop)) return false;
            if (ticker.nanoTime() - slot < 0) return false;
        }
        nextSlotNanos = slot + periodNanos;
        return true;
    }

    /**
     * Parks, then spins for the last {@link Ticker#SPIN_NANOS}, until {@code System.nanoTime()} reaches
     * {@code deadlineNanos}. {@code stop} is checked before parking and after every wake-up
     * ({@link LockSupport#unpark(Thread)} of the waiting thread wakes it at once).
     *
     * @return true when the deadline was reached, false when {@code stop} became true first
     */
    static boolean sleepUntil(long deadlineNanos, BooleanSupplier stop) {
        return Ticker.SYSTEM.sleepUntil(deadlineNanos, stop);
    }
}
