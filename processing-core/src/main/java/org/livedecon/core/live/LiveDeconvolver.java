package org.livedecon.core.live;

import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.acquisition.PlaneSink;

/**
 * The live engine: a {@link PlaneSink} that deconvolves z-stacks while the acquisition runs. This
 * class is the front; the stages are {@link Inbox} (the hand-off), {@link Intake} (stacks and the
 * streaming Wiener), {@link PendingQueue} (waiting stacks, spilled beyond the budget),
 * {@link Worker} (deconvolution through a {@link org.livedecon.core.deconv.JobRunner}, with
 * {@link AdaptivePolicy}), {@link Results} (to the sink) and {@link EngineMemory} (the account in the
 * {@link MemoryLedger}).
 *
 * <p><b>Threading.</b> {@link #accept} and {@link #finished} are called on the acquisition thread
 * and never block or throw: a plane is put into a lock-free queue (one small allocation, no
 * deconvolution, no copy; measured in {@link LiveMetrics#handOffP99Micros()}), then the intake
 * thread is woken if it sleeps (one unpark, after the measurement). The intake thread, asleep while
 * nothing arrives, assembles stacks and runs the streaming Wiener transforms; one
 * worker thread deconvolves waiting stacks on its own backend. Results go to the
 * {@link LiveResultSink}, one call at a time, from the intake or the worker thread.
 * {@link #metrics()} may be called from any thread at any time.
 *
 * <p><b>Accounting.</b> Every stack that received a plane gets exactly one {@link LiveResult}:
 * DONE, PARTIAL, PARTIAL_SKIPPED, SKIPPED (policy LATEST) or FAILED. After {@link #close()},
 * {@code stacksIn == done + skipped + partial + failed}.
 *
 * <p><b>Memory.</b> Raw stacks waiting in memory are bounded by
 * {@link LiveSettings#memoryBudgetBytes()}; beyond it (policies ALL and ADAPTIVE) they are
 * written to a temporary directory and read back in turn. Everything the engine holds (planes in
 * the hand-off queue, stacks being assembled, stacks waiting in memory) is capped by
 * {@link LiveSettings#memoryLimitBytes()}: should the intake fall that far behind (a disk too slow
 * or too full to spill to), planes beyond the cap are not kept and their stacks are reported as
 * SKIPPED. We share the heap with the acquisition, which must never run out of memory because of us.
 * With a shared {@link LiveResources#memoryLedger()} the cap is the ledger's, for everything that
 * shares it, and waiting stacks also spill while the ledger holds more than half its limit. The
 * stack the worker is computing is not in the ledger (one per engine, on top of the limit).
 *
 * <p>The pixel arrays handed in are owned by the engine from then on and never modified.
 */
public final class LiveDeconvolver implements PlaneSink, AutoCloseable {
    private final LiveSettings settings;
    private final LiveResources resources;
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final Inbox inbox = new Inbox();
    private final EngineMemory memory;
    private final PendingQueue queue;
    private final Thread intake;
    private final Thread worker;
    private final java.util.concurrent.atomic.AtomicInteger activeAccepts = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;
    private final Object closeLock = new Object();
    private boolean threadsStopped;

    /** Starts the engine's threads; {@link #close()} stops them. */
    public LiveDeconvolver(LiveSettings settings, LiveResources resources, LiveResultSink sink) {
        this.settings = settings;
        this.resources = resources;
        MemoryLedger shared = resources.memoryLedger();
        this.memory = new EngineMemory(shared != null ? shared : new MemoryLedger(settings.memoryLimitBytes()), shared != null,
                metrics);
        Results results = new Results(sink, metrics, resources.log());
        this.queue = new PendingQueue(settings, resources.spillDirectory(), memory, metrics, results, resources.log());
        this.intake = new Thread(new Intake(settings, resources, inbox, queue, memory, metrics, results),
                "livedecon-intake");
        this.worker = new Thread(new Worker(settings, resources, queue, memory, results), "livedecon-worker");
        intake.setDaemon(true);
        worker.setDaemon(true);
        intake.start();
        worker.start();
    }

    /** The user's options. */
    public LiveSettings settings() { return settings; }

    /** Geometry, channels and collaborators. */
    public LiveResources resources() { return resources; }

    /** A snapshot of the counters; any thread, any time. */
    public LiveMetrics metrics() { return metrics.snapshot(); }

    /** The ledger the engine's raw pixels are reserved in (its own or {@link LiveResources#memoryLedger()}). */
    public MemoryLedger memoryLedger() { return memory.ledger; }

    /**
     * Hands a plane over. Acquisition thread; returns in microseconds, never blocks, never throws.
     * After {@link #close()} planes are refused and counted in {@link LiveMetrics#planesRejected()}.
     */
    @Override
    public void accept(AcquiredPlane plane) {
        long t0 = System.nanoTime();
        activeAccepts.incrementAndGet();
        try {
            if (closed || plane == null) {
                metrics.planesRejected.incrementAndGet();
                return;
            }
            metrics.planesIn.incrementAndGet();
            if (!memory.reservePlane(RawStack.bytesOf(plane.pixels()))) {
                // over the hard limit: keep only the plane's coordinates, so its stack is reported
                metrics.planesShed.incrementAndGet();
                inbox.offer(new Inbox.Arrival(plane.coords(), t0));
                return;
            }
            inbox.offer(new Inbox.Arrival(plane, t0, false));
        } catch (Throwable t) {
            metrics.planesRejected.incrementAndGet();
        } finally {
            activeAccepts.decrementAndGet();
            metrics.handOff(t0, System.nanoTime() - t0);
            inbox.wakeIntake();
        }
    }

    /**
     * A plane the caller could not keep (its memory limit was reached before the plane reached
     * the engine): counted as shed, and its stack is reported SKIPPED like a plane shed here.
     * Acquisition thread; never blocks, never throws.
     */
    public void acceptShed(PlaneCoords coords) {
        try {
            if (closed || coords == null) {
                metrics.planesRejected.incrementAndGet();
                return;
            }
            metrics.planesIn.incrementAndGet();
            metrics.planesShed.incrementAndGet();
            inbox.offerAndWake(new Inbox.Arrival(coords, System.nanoTime()));
        } catch (Throwable t) {
            // never throw to the acquisition
        }
    }

    /**
     * The acquisition ended: stacks still missing planes are emitted as partial. Acquisition
     * thread; never blocks. The engine stays open for another acquisition until {@link #close()}.
     */
    @Override
    public void finished(boolean aborted, long delivered) {
        try {
            if (!closed) inbox.offerAndWake(new Inbox.Arrival(null, delivered, aborted));
        } catch (Throwable ignored) {
            // never throw to the acquisition
        }
    }

    /**
     * Stops accepting planes, emits open stacks as partial, waits until every waiting stack is
     * handled, then stops the threads and deletes the spill directory. Idempotent; blocks the
     * caller (not meant for the acquisition thread).
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (threadsStopped) return;
            closed = true;
            while (activeAccepts.get() > 0) Thread.yield();
            inbox.offerAndWake(Inbox.Arrival.CLOSE);
            boolean interrupted = false;
            while (intake.isAlive() || worker.isAlive()) {
                try {
                    intake.join();
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            queue.close();
            memory.update();
            threadsStopped = true;
            try {
                resources.log().info("live deconvolution finished: " + metrics());
            } catch (RuntimeException e) {
                // a failing log must not break the close of the engine
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
