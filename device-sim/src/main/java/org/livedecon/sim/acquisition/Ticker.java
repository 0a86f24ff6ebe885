package org.livedecon.sim.acquisition;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The time source of the frame schedule. The acquisition thread uses {@link #SYSTEM}; tests hand
 * the {@link FramePacer} a virtual one, so the schedule's arithmetic is checked exactly and does not
 * depend on how busy the test machine is.
 */
interface Ticker {

    /** Now, in nanoseconds on an arbitrary origin (as {@link System#nanoTime()}). */
    long nanoTime();

    /**
     * Blocks until {@link #nanoTime()} reaches {@code deadlineNanos}; {@code stop} is checked before
     * blocking and after every wake-up.
     *
     * @return true when the deadline was reached, false when {@code stop} became true first
     */
    boolean sleepUntil(long deadlineNanos, BooleanSupplier stop);

    /** {@link System#nanoTime()}; parks, then spins for the last {@link #SPIN_NANOS}. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() { return System.nanoTime(); }

        @Override
        public boolean sleepUntil(long deadlineNanos, BooleanSupplier stop) {
            while (true) {
                if (stop.getAsBoolean()) return false;
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) return true;
                if (remaining > SPIN_NANOS) {
                    LockSupport.parkNanos(remaining - SPIN_NANOS);
                }
                // else: spin; the last stretch is checked in a tight loop for sub-10 µs accuracy
            }
        }
    };

    /** The last stretch before a deadline is spun instead of parked: parkNanos overshoots by ~50–100 µs. */
    long SPIN_NANOS = 200000L;
}
