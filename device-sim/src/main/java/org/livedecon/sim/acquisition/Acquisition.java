package org.livedecon.sim.acquisition;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneSink;

/**
 * Handle of a running (or ended) acquisition started by {@link AcquisitionRunner#start}. All
 * methods are thread-safe and may be called from any thread, including from inside the sink's
 * {@code accept} on the acquisition thread.
 *
 * <p>Life cycle on the acquisition thread: planes go to {@link PlaneSink#accept} one by one; at the
 * end (complete, aborted, time limit or failure) the focus drive is moved back to where it was at
 * the start, then {@link PlaneSink#finished} is called exactly once, then the handle becomes
 * {@linkplain #isDone() done}. So when {@link #awaitCompletion} returns true, {@code finished} has
 * returned.
 */
public final class Acquisition {
    private final AcquisitionSettings settings;
    private final PlaneSink sink;
    /** Held while the sink accepts a plane, and by {@link #abort()}: no accept starts after abort returns. */
    private final Object sinkGate = new Object();
    private final CountDownLatch done = new CountDownLatch(1);

    private volatile Thread thread;
    private volatile boolean abortRequested;
    private volatile long delivered;
    private volatile long lateFrames;
    private volatile long firstPlaneNanos;
    private volatile long lastPlaneNanos;
    private volatile AcquisitionOutcome outcome = AcquisitionOutcome.RUNNING;
    private volatile AcquisitionException failure;

    Acquisition(AcquisitionSettings settings, PlaneSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    /** The settings this acquisition runs with. */
    public AcquisitionSettings settings() { return settings; }

    /**
     * Asks the acquisition to stop; returns at once, or after a plane that the sink is accepting at
     * that moment has been accepted. Once this method has returned, the sink receives no further
     * {@code accept} call, only {@code finished(true, n)} (unless every plane had already been
     * delivered, then {@code finished(false, n)}). A plane being exposed is discarded; a time-point
     * interval or frame-rate wait is cut short. The acquisition thread then restores the focus and
     * ends. Idempotent; does nothing once the acquisition is done.
     *
     * <p>Do not call it from a thread that the sink's {@code accept} waits for (it would wait for
     * that accept to return).
     */
    public void abort() {
        synchronized (sinkGate) {
            abortRequested = true;
        }
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    /**
     * Waits until the acquisition has ended and the sink has been told.
     *
     * @return true when done, false when {@code timeout} elapsed first
     */
    public boolean awaitCompletion(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    /** True once the acquisition thread has finished: the focus restored and the sink told. */
    public boolean isDone() { return done.getCount() == 0; }

    /** Planes the sink has accepted so far (its {@code accept} returned normally). */
    public long planesDelivered() { return delivered; }

    /** How it ended; {@link AcquisitionOutcome#RUNNING} until {@linkplain #isDone() done}. */
    public AcquisitionOutcome outcome() { return outcome; }

    /**
     * The exception that stopped the acquisition ({@link AcquisitionOutcome#FAILED}), with the
     * plane coordinates where it happened, or {@code null}. Also set, with {@code coords() == null},
     * when every plane was delivered but restoring the focus or the sink's {@code finished} threw;
     * the outcome then stays {@link AcquisitionOutcome#COMPLETED}. Final once done.
     */
    public AcquisitionException failure() { return failure; }

    /** Current counters; consistent once the acquisition is done. */
    public AcquisitionStatistics statistics() {
        return new AcquisitionStatistics(delivered, lateFrames, firstPlaneNanos, lastPlaneNanos);
    }

    // ---- acquisition thread side ----

    void attach(Thread t) { this.thread = t; }

    boolean abortRequested() { return abortRequested; }

    /**
     * Hands {@code plane} to the sink unless an abort was requested.
     *
     * @return false (plane dropped) when aborted
     * @throws RuntimeException from the sink
     */
    boolean deliver(AcquiredPlane plane, long lateFramesSoFar) {
        synchronized (sinkGate) {
            if (abortRequested) return false;
            sink.accept(plane);
            if (delivered == 0) firstPlaneNanos = plane.timestampNanos();
            lastPlaneNanos = plane.timestampNanos();
            lateFrames = lateFramesSoFar;
            delivered = delivered + 1; // single writer: the acquisition thread
        }
        return true;
    }

    void complete(AcquisitionOutcome how, AcquisitionException why, long late) {
        this.lateFrames = late;
        this.failure = why;
        this.outcome = how;
        done.countDown();
    }
}
