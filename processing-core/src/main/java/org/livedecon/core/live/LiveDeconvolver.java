package org.livedecon.core.live;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.acquisition.PlaneSink;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.BackendFailure;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.backend.opencl.Backends;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Volume;

/**
 * The live engine: a {@link PlaneSink} that deconvolves z-stacks while the acquisition runs.
 *
 * <p><b>Threading.</b> {@link #accept} and {@link #finished} are called on the acquisition thread
 * and never block or throw: a plane is put into a lock-free queue (one small allocation, no
 * deconvolution, no copy; measured in {@link LiveMetrics#handOffP99Micros()}). An intake thread
 * assembles stacks ({@link StackAssembler}) and runs the streaming Wiener transforms; one worker
 * thread deconvolves waiting stacks on its own {@link Backend}. Results go to the
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
 * With a shared {@link LiveSettings#memoryLedger()} the cap is the ledger's, for everything that
 * shares it, and waiting stacks also spill while the ledger holds more than half its limit. The
 * stack the worker is computing is not in the ledger (one per engine, on top of the limit).
 *
 * <p>The pixel arrays handed in are owned by the engine from then on and never modified.
 */
public final class LiveDeconvolver implements PlaneSink, AutoCloseable {
    private static final Arrival CLOSE = new Arrival(null, 0, false);
    private static final int MAX_LOGGED_FAILURES = 5;

    private final LiveSettings settings;
    private final LiveResultSink sink;
    private final LiveLog log;
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final ConcurrentLinkedQueue<Arrival> inbox = new ConcurrentLinkedQueue<Arrival>();
    private final AtomicInteger activeAccepts = new AtomicInteger();
    private final AtomicInteger backlogPlanes = new AtomicInteger();
    private final AtomicLong inboxBytes = new AtomicLong();
    private final AtomicLong assemblingBytes = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong workingBytes = new AtomicLong();
    private final MemoryLedger ledger;
    // assembling + queued + working bytes last recorded in the ledger (inbox planes are reserved one by one)
    private long ledgerHeld;
    private final Object ledgerLock = new Object();
    private volatile boolean closed;
    private final Object closeLock = new Object();
    private boolean threadsStopped;

    private final Object sinkLock = new Object();
    private final Object queueLock = new Object();
    private final ArrayDeque<Pending> pending = new ArrayDeque<Pending>();
    private boolean intakeDone;

    private final SpillStore spill;
    private final Thread intake;
    private final Thread worker;
    private final AtomicInteger failuresLogged = new AtomicInteger();

    /** Starts the engine's threads; {@link #close()} stops them. */
    public LiveDeconvolver(LiveSettings settings, LiveResultSink sink) {
        this.settings = settings;
        this.sink = sink == null ? LiveResultSink.NONE : sink;
        this.log = settings.log();
        this.ledger = settings.memoryLedger() != null ? settings.memoryLedger() : new MemoryLedger(settings.memoryLimitBytes());
        this.spill = new SpillStore(settings.spillDirectory());
        this.intake = new Thread(new Runnable() {
            @Override
            public void run() { new Intake().loop(); }
        }, "livedecon-intake");
        this.worker = new Thread(new Runnable() {
            @Override
            public void run() { new Worker().loop(); }
        }, "livedecon-worker");
        intake.setDaemon(true);
        worker.setDaemon(true);
        intake.start();
        worker.start();
    }

    public LiveSettings settings() { return settings; }

    /** A snapshot of the counters; any thread, any time. */
    public LiveMetrics metrics() { return metrics.snapshot(); }

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
            long bytes = RawStack.bytesOf(plane.pixels());
            if (!ledger.tryReserve(bytes)) {
                // over the hard limit: keep only the plane's coordinates, so its stack is reported
                metrics.planesIn.incrementAndGet();
                metrics.planesShed.incrementAndGet();
                inbox.offer(new Arrival(plane.coords(), t0));
                return;
            }
            inboxBytes.addAndGet(bytes);
            backlogPlanes.incrementAndGet();
            metrics.planesIn.incrementAndGet();
            inbox.offer(new Arrival(plane, t0, false));
        } catch (Throwable t) {
            metrics.planesRejected.incrementAndGet();
        } finally {
            activeAccepts.decrementAndGet();
            metrics.handOff(t0, System.nanoTime() - t0);
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
            inbox.offer(new Arrival(coords, System.nanoTime()));
        } catch (Throwable t) {
            // never throw to the acquisition
        }
    }

    /** The ledger the engine's raw pixels are reserved in (its own or {@link LiveSettings#memoryLedger()}). */
    public MemoryLedger memoryLedger() { return ledger; }

    /**
     * The acquisition ended: stacks still missing planes are emitted as partial. Acquisition
     * thread; never blocks. The engine stays open for another acquisition until {@link #close()}.
     */
    @Override
    public void finished(boolean aborted, long delivered) {
        try {
            if (!closed) inbox.offer(new Arrival(null, delivered, aborted));
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
            inbox.offer(CLOSE);
            boolean interrupted = false;
            while (intake.isAlive() || worker.isAlive()) {
                try {
                    intake.join();
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            spill.close();
            updateMemory();
            threadsStopped = true;
            try {
                log.info("live deconvolution finished: " + metrics());
            } catch (RuntimeException e) {
                // a failing log must not break the close of the engine
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private void updateMemory() {
        updateMemory(0);
    }

    /**
     * Records the engine's holdings in the ledger, giving back {@code releasedInboxBytes} of a plane
     * taken up. The ledger holds planes handed in, stacks being assembled and stacks waiting in
     * memory: bytes only ever enter it through {@link MemoryLedger#tryReserve} (a plane moving on
     * to a stack, a stack to the queue, keeps its bytes), so it never exceeds its limit. The one
     * stack the worker is computing (read back from disk, or taken from the queue) is on top.
     */
    private void updateMemory(long releasedInboxBytes) {
        long other = assemblingBytes.get() + queuedBytes.get();
        synchronized (ledgerLock) {
            ledger.adjust(other - ledgerHeld - releasedInboxBytes);
            ledgerHeld = other;
        }
        long now = inboxBytes.get() + other + workingBytes.get();
        metrics.memory.set(now);
        long p;
        while (now > (p = metrics.peakMemory.get())) {
            if (metrics.peakMemory.compareAndSet(p, now)) break;
        }
    }

    private void emit(LiveResult r) {
        switch (r.status()) {
            case DONE: metrics.done.incrementAndGet(); break;
            case PARTIAL:
            case PARTIAL_SKIPPED: metrics.partial.incrementAndGet(); break;
            case SKIPPED: metrics.skipped.incrementAndGet(); break;
            default: metrics.failed.incrementAndGet(); break;
        }
        if (r.volume() != null) {
            metrics.voxelsDone.addAndGet(r.volume().shape().voxels());
            metrics.latency(r.latencyNanos(), r.resultNanos());
        }
        if (r.degraded()) metrics.degraded.incrementAndGet();
        if (r.streamed()) metrics.streamed.incrementAndGet();
        synchronized (sinkLock) {
            try {
                sink.accept(r);
            } catch (Throwable t) {
                metrics.sinkErrors.incrementAndGet();
                log.warn("the result sink threw on " + r.key() + ": " + t);
            }
        }
    }

    private void failed(RawStack s, Throwable t, long startNanos) {
        if (failuresLogged.incrementAndGet() <= MAX_LOGGED_FAILURES) {
            log.warn("deconvolution of " + s + " failed: " + t
                    + (failuresLogged.get() == MAX_LOGGED_FAILURES ? " (further failures are counted, not logged)" : ""));
        }
        long now = System.nanoTime();
        emit(new LiveResult(s.key(), LiveResult.Status.FAILED, null, null, 0, s.present(), s.lastArrivalNanos(), now,
                now - startNanos, false, false, t));
    }

    /** One hand-off: a plane, or an end-of-acquisition marker (plane null). */
    private static final class Arrival {
        final AcquiredPlane plane;
        final long nanos;
        final boolean aborted;
        /** Coordinates of a plane not kept (memory limit), else null. */
        final PlaneCoords shed;

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

    /** A stack waiting for the worker, in memory or spilled. */
    private static final class Pending {
        final RawStack stack;
        final Path file;
        final long memoryBytes;

        Pending(RawStack stack, Path file, long memoryBytes) {
            this.stack = stack;
            this.file = file;
            this.memoryBytes = memoryBytes;
        }
    }

    /** Runs on the intake thread only. */
    private final class Intake implements StackAssembler.Listener {
        private final StackAssembler assembler = new StackAssembler(settings.zPlanes(), this);
        private final List<RawStack> out = new ArrayList<RawStack>();
        private final Map<PlaneCoords, StreamingWiener.Accumulator> streams = new HashMap<PlaneCoords, StreamingWiener.Accumulator>();
        // stacks shed at the memory limit (their later planes are not kept either); the newest 1024
        private final java.util.LinkedHashSet<PlaneCoords> shedKeys = new java.util.LinkedHashSet<PlaneCoords>();
        private final Map<String, StreamingWiener.Kernel> kernels = new HashMap<String, StreamingWiener.Kernel>();
        // when the intake took up the current plane: a streamed stack's compute time is counted from
        // here (its last plane's transform and the finish); the hand-off wait is the rest of its latency
        private long pickup;
        // whether a plane waits in the hand-off queue: a transform back before the last plane stops for it
        private final java.util.concurrent.Callable<Boolean> inboxWaiting = new java.util.concurrent.Callable<Boolean>() {
            @Override
            public Boolean call() { return !inbox.isEmpty(); }
        };

        void loop() {
            try {
                while (true) {
                    Arrival a = inbox.poll();
                    if (a == null) {
                        LockSupport.parkNanos(200_000L);
                        continue;
                    }
                    if (a == CLOSE) {
                        flush("the engine was closed");
                        break;
                    }
                    try {
                        if (a.shed != null) {
                            shed(a.shed, a.nanos);
                        } else if (a.plane == null) {
                            if (a.aborted) log.warn("acquisition aborted after " + a.nanos + " planes");
                            flush(a.aborted ? "the acquisition was aborted" : "the acquisition ended");
                        } else {
                            plane(a);
                        }
                    } catch (Throwable t) {
                        log.warn("intake error on " + (a.plane == null ? "end of acquisition" : a.plane.toString()) + ": " + t);
                    }
                    // the plane's reservation moves to where its bytes went (assembling, queued) in one step
                    updateMemory(a.plane != null ? RawStack.bytesOf(a.plane.pixels()) : 0);
                }
            } finally {
                closeStreaming();
                synchronized (queueLock) {
                    intakeDone = true;
                    queueLock.notifyAll();
                }
            }
        }

        private void plane(Arrival a) {
            pickup = System.nanoTime();
            AcquiredPlane p = a.plane;
            long bytes = RawStack.bytesOf(p.pixels());
            inboxBytes.addAndGet(-bytes);
            int backlog = backlogPlanes.decrementAndGet();
            if (shedKeys.contains(p.coords().stackKey())) {
                metrics.planesShed.incrementAndGet();
                return;
            }
            long dup0 = assembler.duplicates(), ign0 = assembler.ignored();
            out.clear();
            RawStack s = assembler.add(p, a.nanos, out);
            assemblingBytes.set(assembler.bytesHeld());
            if (assembler.ignored() != ign0) metrics.planesIgnored.incrementAndGet();
            PlaneCoords key = p.coords().stackKey();
            if (assembler.duplicates() != dup0) {
                metrics.planesDuplicate.incrementAndGet();
                StreamingWiener.Accumulator acc = streams.get(key);
                if (acc != null) acc.invalidate("a duplicate plane");
            }
            if (s != null) stream(s, p, key, backlog, a.nanos);
            for (RawStack done : out) completed(done);
            out.clear();
        }

        /**
         * A plane of stack {@code c.stackKey()} was not kept (memory limit): the stack's planes so
         * far are released and it is reported as SKIPPED, once; its later planes are not kept either.
         */
        private void shed(PlaneCoords c, long arrivalNanos) {
            PlaneCoords key = c.stackKey();
            if (shedKeys.contains(key)) return;
            RawStack dropped = assembler.drop(key);
            if (dropped == null && assembler.known(key)) return; // a late plane of a stack already handled
            shedKeys.add(key);
            if (shedKeys.size() > 1024) {
                Iterator<PlaneCoords> oldest = shedKeys.iterator();
                oldest.next();
                oldest.remove();
            }
            int present = 0;
            if (dropped == null) {
                metrics.stacksIn.incrementAndGet();
            } else {
                present = dropped.present();
                dropped.release();
                assemblingBytes.set(assembler.bytesHeld());
            }
            streams.remove(key);
            metrics.stacksShed.incrementAndGet();
            if (metrics.stacksShed.get() == 1) {
                log.warn("memory limit of " + (ledger.limitBytes() >> 20) + " MiB reached (the engine is too far "
                        + "behind, e.g. spilling to disk is too slow): " + key + " and further stacks while it lasts are "
                        + "skipped, not deconvolved; the raw data is unaffected");
            }
            long now = System.nanoTime();
            emit(new LiveResult(key, LiveResult.Status.SKIPPED, null, null, 0, present, arrivalNanos, now, 0, false, false,
                    null));
        }

        private void stream(RawStack s, AcquiredPlane p, PlaneCoords key, int backlog, long arrivalNanos) {
            if (!settings.streamingWiener()) return;
            StreamingWiener.Accumulator acc = streams.get(key);
            if (acc == null && s.present() == 1) {
                ChannelSetup c = settings.channel(key.channel());
                if (c == null || c.settings().algorithm() != Algorithm.WIENER || backlog > settings.zPlanes()
                        || !StreamingWiener.supports(s.width(), s.height())) {
                    return;
                }
                String k = key.channel() + ":" + s.width() + "x" + s.height();
                if (!kernels.containsKey(k)) {
                    try {
                        kernels.put(k, new StreamingWiener.Kernel(c.psf(), c.settings(), s.width(), s.height(),
                                settings.zPlanes(), streamBackend(), settings.backendThreads()));
                    } catch (Throwable t) {
                        log.warn("streaming Wiener is off for channel " + key.channel() + ": " + t);
                        kernels.put(k, null);
                    }
                }
                StreamingWiener.Kernel kernel = kernels.get(k);
                if (kernel == null) return;
                acc = kernel.start();
                streams.put(key, acc);
            }
            if (acc == null) return;
            if (backlog > 4 * settings.zPlanes()) {
                acc.invalidate("the intake fell behind");
                return;
            }
            try {
                acc.add(p.coords().slice(), p.pixels(), backlog > 0, arrivalNanos, inboxWaiting);
            } catch (RuntimeException e) { // a device failure: this stack goes the whole-stack way
                acc.invalidate("streaming failed: " + e);
                log.warn("streaming Wiener failed for " + key + ", deconvolving it whole: " + e);
                if (e instanceof BackendFailure && !(streamBackend instanceof CpuBackend)) {
                    closeStreaming(); // the next stacks stream on the CPU backend
                    streamBackend = new CpuBackend(settings.backendThreads());
                }
            }
        }

        // the streaming Wiener's own backend (the device chosen), made on the intake thread at first use
        private Backend streamBackend;

        private Backend streamBackend() {
            if (streamBackend == null) {
                streamBackend = Backends.create(settings.device(), settings.backendThreads(), new Consumer<String>() {
                    @Override
                    public void accept(String line) { log.info("streaming Wiener " + line); }
                });
            }
            return streamBackend;
        }

        private void closeStreaming() {
            for (StreamingWiener.Kernel k : kernels.values()) if (k != null) k.close();
            kernels.clear();
            if (streamBackend != null) streamBackend.close();
        }

        private void completed(RawStack s) {
            StreamingWiener.Accumulator acc = streams.remove(s.key());
            if (!s.complete()) {
                log.warn(s + " is partial: " + (settings.partialStacks() == PartialStacks.SKIP ? "skipped" : "deconvolved as "
                        + s.present() + " planes"));
                if (settings.partialStacks() == PartialStacks.SKIP) {
                    long now = System.nanoTime();
                    s.release();
                    emit(new LiveResult(s.key(), LiveResult.Status.PARTIAL_SKIPPED, null, null, 0, s.present(),
                            s.lastArrivalNanos(), now, 0, false, false, null));
                    return;
                }
                enqueue(s);
                return;
            }
            if (acc != null && acc.valid()) {
                long t0 = pickup;
                ChannelSetup c = settings.channel(s.key().channel());
                try {
                    Volume v = acc.finish(s, settings.voxelSize());
                    long now = System.nanoTime();
                    s.release();
                    emit(new LiveResult(s.key(), LiveResult.Status.DONE, v, Algorithm.WIENER, 0, s.present(),
                            s.lastArrivalNanos(), now, now - t0, true, false, null));
                } catch (Throwable t) {
                    s.release();
                    failed(s, t, t0);
                }
                return;
            }
            enqueue(s);
        }

        private void flush(String why) {
            pickup = System.nanoTime();
            out.clear();
            assembler.flush(out);
            assemblingBytes.set(assembler.bytesHeld());
            for (RawStack s : out) completed(s);
            out.clear();
            streams.clear();
        }

        private void enqueue(RawStack s) {
            List<Pending> skipped = null;
            boolean spillIt = false;
            synchronized (queueLock) {
                if (settings.policy() == LivePolicy.LATEST) {
                    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                        Pending p = it.next();
                        PlaneCoords k = p.stack.key();
                        if (p.stack.complete() && k.channel() == s.key().channel() && k.position() == s.key().position()) {
                            it.remove();
                            queuedBytes.addAndGet(-p.memoryBytes);
                            if (skipped == null) skipped = new ArrayList<Pending>(1);
                            skipped.add(p);
                        }
                    }
                } else {
                    // beyond this engine's budget, or when everything sharing the ledger holds more than half
                    // its hard limit (a closing engine and the next one must not each keep a full budget)
                    spillIt = queuedBytes.get() + s.bytes() > settings.memoryBudgetBytes()
                            || (settings.memoryLedger() != null && ledger.heldBytes() + s.bytes() > ledger.limitBytes() / 2);
                }
            }
            Path file = null;
            if (spillIt) {
                try {
                    file = spill.write(s);
                    metrics.spilled.incrementAndGet();
                } catch (Throwable t) {
                    log.warn("could not spill " + s + ", keeping it in memory: " + t);
                }
            }
            synchronized (queueLock) {
                long mem = file == null ? s.bytes() : 0;
                queuedBytes.addAndGet(mem);
                pending.add(new Pending(s, file, mem));
                queueLock.notifyAll();
            }
            if (skipped != null) {
                for (Pending p : skipped) {
                    if (p.file != null) spill.delete(p.file);
                    p.stack.release();
                    long now = System.nanoTime();
                    emit(new LiveResult(p.stack.key(), LiveResult.Status.SKIPPED, null, null, 0, p.stack.present(),
                            p.stack.lastArrivalNanos(), now, 0, false, false, null));
                }
            }
            updateMemory();
        }

        @Override
        public void stackOpened(PlaneCoords key) { metrics.stacksIn.incrementAndGet(); }

        @Override
        public void planeProblem(String message, boolean ignored) { log.warn(message); }
    }

    /** Runs on the worker thread only. */
    private final class Worker {
        // made on the worker thread; any OpenCL problem falls back to the CPU backend with the reason logged
        private Backend backend = Backends.create(settings.device(), settings.backendThreads(), new Consumer<String>() {
            @Override
            public void accept(String line) { log.info(line); }
        });
        // per channel: seconds per iteration and set-up seconds, exponentially averaged (ADAPTIVE)
        private final Map<Integer, double[]> estimates = new HashMap<Integer, double[]>();

        void loop() {
            try {
                while (true) {
                    Pending p;
                    int behind;
                    synchronized (queueLock) {
                        while (pending.isEmpty() && !intakeDone) {
                            try {
                                queueLock.wait();
                            } catch (InterruptedException e) {
                                // keep draining: close() waits for every stack
                            }
                        }
                        if (pending.isEmpty()) return;
                        p = pending.poll();
                        queuedBytes.addAndGet(-p.memoryBytes);
                        behind = pending.size();
                    }
                    process(p, behind);
                    updateMemory();
                }
            } finally {
                backend.close();
            }
        }

        private void process(Pending p, int behind) {
            RawStack s = p.stack;
            long t0 = System.nanoTime();
            Volume v;
            try {
                if (p.file != null) spill.read(p.file, s);
                workingBytes.set(s.bytes());
                v = s.toVolume(settings.voxelSize());
            } catch (Throwable t) {
                s.release();
                workingBytes.set(0);
                failed(s, t, t0);
                return;
            }
            s.release();
            try {
                ChannelSetup c = settings.channel(s.key().channel());
                if (c == null) {
                    throw new IllegalStateException("no PSF and settings for channel " + s.key().channel()
                            + "; configured channels: " + settings.channels().keySet());
                }
                DeconvolutionSettings ds = adapt(c.settings(), s, behind);
                boolean degraded = ds != c.settings();
                DeconvolutionResult r = deconvolveWithFallback(ds, v, c.psf());
                learn(s.key().channel(), ds, r);
                long now = System.nanoTime();
                workingBytes.set(0);
                emit(new LiveResult(s.key(), s.complete() ? LiveResult.Status.DONE : LiveResult.Status.PARTIAL, r.volume(),
                        ds.algorithm(), r.iterations(), s.present(), s.lastArrivalNanos(), now, now - t0, false, degraded, null));
            } catch (Throwable t) {
                workingBytes.set(0);
                failed(s, t, t0);
            }
        }

        /**
         * A device failure in the middle of a job (OpenCL out of memory, a lost device, a driver
         * error) moves this engine to the CPU backend for good, with the reason logged once, and
         * the same stack is computed again there: the user still gets every result.
         */
        private DeconvolutionResult deconvolveWithFallback(DeconvolutionSettings ds, Volume v, Psf psf) {
            String reason;
            try {
                return settings.deconvolverFactory().create(ds, backend).deconvolve(v, psf, ProgressListener.NONE);
            } catch (BackendFailure e) {
                if (backend instanceof CpuBackend) throw e;
                reason = e.getMessage();
            } catch (LinkageError e) {
                if (backend instanceof CpuBackend) throw e;
                reason = e.toString();
            }
            String r = reason == null ? "unknown error" : reason;
            int nl = r.indexOf('\n');
            log.warn("backend " + backend.name() + " failed, continuing on the CPU backend: " + (nl < 0 ? r : r.substring(0, nl)));
            try {
                backend.close();
            } catch (RuntimeException e) {
                // the device is already in trouble; the CPU backend does not depend on it
            }
            backend = new CpuBackend(settings.backendThreads());
            return settings.deconvolverFactory().create(ds, backend).deconvolve(v, psf, ProgressListener.NONE);
        }

        /** ADAPTIVE: fewer iterations, then Wiener, so the stack's result is due before the target. */
        private DeconvolutionSettings adapt(DeconvolutionSettings ds, RawStack s, int behind) {
            if (settings.policy() != LivePolicy.ADAPTIVE || !ds.algorithm().iterative()) return ds;
            double[] e = estimates.get(s.key().channel());
            if (e == null) return ds;
            double age = (System.nanoTime() - s.lastArrivalNanos()) / 1e9;
            // this stack and those behind it share what is left of the target
            double budget = (settings.latencyTargetMs() / 1e3 - age) / (1 + behind);
            int n = (int) Math.floor((budget - e[1]) / e[0]);
            if (n >= ds.iterations()) return ds;
            if (n >= settings.minIterations()) return ds.toBuilder().iterations(n).build();
            return ds.toBuilder().algorithm(Algorithm.WIENER).lambda(DeconvolutionSettings.DEFAULT_WIENER_LAMBDA).build();
        }

        private void learn(int channel, DeconvolutionSettings ds, DeconvolutionResult r) {
            if (!ds.algorithm().iterative() || r.iterations() == 0) return;
            double perIteration = r.secondsPerIteration(), setup = r.setupNanos() / 1e9;
            double[] e = estimates.get(channel);
            if (e == null) {
                estimates.put(channel, new double[] {perIteration, setup});
            } else {
                e[0] = 0.7 * e[0] + 0.3 * perIteration;
                e[1] = 0.7 * e[1] + 0.3 * setup;
            }
        }
    }
}
