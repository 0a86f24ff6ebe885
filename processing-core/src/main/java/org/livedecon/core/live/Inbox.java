package org.livedecon.core.live;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneCoords;

/**
 * The hand-off between the acquisition thread and the intake thread. {@link #offer} is lock-free
 * (one queue node) and {@link #wakeIntake} unparks the intake only while it sleeps: the acquisition
 * never waits.
 * {@link #take} blocks the intake thread until something arrives, parked rather than polling.
 *
 * <p>Why no lost wake-up: the intake announces itself ({@code waiter}, volatile) before its last
 * look at the queue, and a producer looks at {@code waiter} ({@link #wakeIntake}) after its offer; with volatile
 * ordering at least one of them sees the other.
 */
final class Inbox {
    /** One hand-off: a plane, a plane not kept (shed), or an end-of-acquisition marker. */
    static final class Arrival {
        static final Arrival CLOSE = new Arrival(null, 0, false);

        final AcquiredPlane plane;
        final long nanos;
        final boolean aborted;
        /** Coordinates of a plane not kept (memory limit), else null. */
        final PlaneCoords shed;

        /** A plane, or with {@code plane} null the end of an acquisition ({@code nanos}: planes delivered). */
        Arrival(AcquiredPlane plane, long nanos, boolean aborted) {
            this.plane = plane;
            this.nanos = nanos;
            this.aborted = aborted;
            this.shed = null;
        }

        Arrival(PlaneCoords shed, long nanos) {
            this.plane = null;
            this.nanos = nanos;
            this.aborted = false;
            this.shed = shed;
        }
    }

    private final ConcurrentLinkedQueue<Arrival> queue = new ConcurrentLinkedQueue<Arrival>();
    private final AtomicInteger backlogPlanes = new AtomicInteger();
    private volatile Thread waiter;

    /** Any thread; lock-free, no wake-up: call {@link #wakeIntake()} after. A kept plane counts until taken up. */
    void offer(Arrival a) {
        if (a.plane != null) backlogPlanes.incrementAndGet();
        queue.offer(a);
    }

    /**
     * Wakes the intake if it sleeps; after {@link #offer}. Separate so that the acquisition thread
     * puts a plane in first and measures that hand-off: waking a thread can hand it this CPU at once
     * (the kernel lets a thread that slept run first), which would otherwise land inside the hand-off.
     */
    void wakeIntake() {
        Thread w = waiter;
        if (w != null) LockSupport.unpark(w);
    }

    /** {@link #offer} then {@link #wakeIntake}. */
    void offerAndWake(Arrival a) {
        offer(a);
        wakeIntake();
    }

    /** The next arrival; blocks until there is one. One consumer thread only. */
    Arrival take() {
        Arrival a = queue.poll();
        if (a != null) return a;
        waiter = Thread.currentThread();
        try {
            while ((a = queue.poll()) == null) LockSupport.park(this);
            return a;
        } finally {
            waiter = null;
        }
    }

    /** A kept plane was taken up: the planes still waiting after it. */
    int planeTaken() { return backlogPlanes.decrementAndGet(); }

    /** Whether something waits. */
    boolean isEmpty() { return queue.isEmpty(); }
}
