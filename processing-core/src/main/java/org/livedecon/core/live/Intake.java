package org.livedecon.core.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.JobRunner;
import org.livedecon.core.volume.Volume;

/**
 * The engine's intake thread: takes planes from the {@link Inbox} (blocking while there are none),
 * assembles stacks ({@link StackAssembler}), runs the streaming Wiener transforms of Wiener channels
 * as planes arrive and finishes those stacks itself, reports stacks shed at the memory limit, and
 * hands every other stack to the {@link PendingQueue}.
 */
final class Intake implements Runnable, StackAssembler.Listener {
    private final LiveSettings settings;
    private final LiveResources resources;
    private final LiveLog log;
    private final Inbox inbox;
    private final PendingQueue queue;
    private final EngineMemory memory;
    private final MetricsRecorder metrics;
    private final Results results;
    // the streaming Wiener's own backend (the device chosen, falling back to the CPU), made on this
    // thread at first use: the worker's backend is busy with whole-stack jobs on the worker thread
    private JobRunner streamRunner;

    private final StackAssembler assembler;
    private final List<RawStack> out = new ArrayList<RawStack>();
    private final Map<PlaneCoords, StreamingWiener.Accumulator> streams = new HashMap<PlaneCoords, StreamingWiener.Accumulator>();
    // stacks shed at the memory limit (their later planes are not kept either); the newest 1024
    private final LinkedHashSet<PlaneCoords> shedKeys = new LinkedHashSet<PlaneCoords>();
    private final Map<String, StreamingWiener.Kernel> kernels = new HashMap<String, StreamingWiener.Kernel>();
    // when the intake took up the current plane: a streamed stack's compute time is counted from
    // here (its last plane's transform and the finish); the hand-off wait is the rest of its latency
    private long pickup;
    // whether a plane waits in the hand-off queue: a transform back before the last plane stops for it
    private final Callable<Boolean> inboxWaiting = new Callable<Boolean>() {
        @Override
        public Boolean call() { return !inbox.isEmpty(); }
    };

    Intake(LiveSettings settings, LiveResources resources, Inbox inbox, PendingQueue queue, EngineMemory memory,
           MetricsRecorder metrics, Results results) {
        this.settings = settings;
        this.resources = resources;
        this.log = resources.log();
        this.inbox = inbox;
        this.queue = queue;
        this.memory = memory;
        this.metrics = metrics;
        this.results = results;
        this.assembler = new StackAssembler(resources.zPlanes(), this);
    }

    @Override
    public void run() {
        try {
            while (true) {
                Inbox.Arrival a = inbox.take();
                if (a == Inbox.Arrival.CLOSE) {
                    flush();
                    break;
                }
                try {
                    if (a.shed != null) {
                        shed(a.shed, a.nanos);
                    } else if (a.plane == null) {
                        if (a.aborted) log.warn("acquisition aborted after " + a.nanos + " planes");
                        flush();
                    } else {
                        plane(a);
                    }
                } catch (Throwable t) {
                    log.warn("intake error on " + (a.plane == null ? "end of acquisition" : a.plane.toString()) + ": " + t);
                }
                // the plane's reservation moves to where its bytes went (assembling, queued) in one step
                memory.update(a.plane != null ? RawStack.bytesOf(a.plane.pixels()) : 0);
            }
        } finally {
            closeStreaming();
            queue.intakeDone();
        }
    }

    private void plane(Inbox.Arrival a) {
        pickup = System.nanoTime();
        AcquiredPlane p = a.plane;
        long bytes = RawStack.bytesOf(p.pixels());
        memory.inboxBytes.addAndGet(-bytes);
        int backlog = inbox.planeTaken();
        if (shedKeys.contains(p.coords().stackKey())) {
            metrics.planesShed.incrementAndGet();
            return;
        }
        long dup0 = assembler.duplicates(), ign0 = assembler.ignored();
        out.clear();
        RawStack s = assembler.add(p, a.nanos, out);
        memory.assemblingBytes.set(assembler.bytesHeld());
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
            memory.assemblingBytes.set(assembler.bytesHeld());
        }
        streams.remove(key);
        metrics.stacksShed.incrementAndGet();
        if (metrics.stacksShed.get() == 1) {
            log.warn("memory limit of " + (memory.ledger.limitBytes() >> 20) + " MiB reached (the engine is too far "
                    + "behind, e.g. spilling to disk is too slow): " + key + " and further stacks while it lasts are "
                    + "skipped, not deconvolved; the raw data is unaffected");
        }
        long now = System.nanoTime();
        results.emit(new LiveResult(key, LiveResult.Status.SKIPPED, null, null, 0, present, arrivalNanos, now, 0, false, false,
                null));
    }

    private void stream(RawStack s, AcquiredPlane p, PlaneCoords key, int backlog, long arrivalNanos) {
        if (!settings.streamingWiener()) return;
        StreamingWiener.Accumulator acc = streams.get(key);
        int nz = resources.zPlanes();
        if (acc == null && s.present() == 1) {
            ChannelSetup c = resources.channel(key.channel());
            if (c == null || c.settings().algorithm() != Algorithm.WIENER || backlog > nz
                    || !StreamingWiener.supports(s.width(), s.height())) {
                return;
            }
            String k = key.channel() + ":" + s.width() + "x" + s.height();
            if (!kernels.containsKey(k)) {
                try {
                    kernels.put(k, new StreamingWiener.Kernel(c.psf(), c.settings(), s.width(), s.height(), nz,
                            streamBackend(), settings.backendThreads()));
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
        if (backlog > 4 * nz) {
            acc.invalidate("the intake fell behind");
            return;
        }
        try {
            acc.add(p.coords().slice(), p.pixels(), backlog > 0, arrivalNanos, inboxWaiting);
        } catch (RuntimeException | LinkageError e) { // e.g. the device failing: this stack goes the whole-stack way
            acc.invalidate("streaming failed: " + e);
            log.warn("streaming Wiener failed for " + key + ", deconvolving it whole: " + e);
            if (streamRunner != null && streamRunner.fallBackAfter(e)) {
                // the kernels lived on the device that failed; later stacks stream on the CPU backend
                closeKernels();
            }
        }
    }

    private Backend streamBackend() {
        if (streamRunner == null) {
            streamRunner = JobRunner.open(settings.deviceChoice(), settings.backendThreads(), new Consumer<String>() {
                @Override
                public void accept(String line) { log.info("streaming Wiener " + line); }
            }, new Consumer<String>() {
                @Override
                public void accept(String line) { log.warn("streaming Wiener: " + line); }
            });
        }
        return streamRunner.backend();
    }

    private void closeKernels() {
        for (StreamingWiener.Kernel k : kernels.values()) {
            if (k == null) continue;
            try {
                k.close();
            } catch (RuntimeException e) {
                // its device is gone; nothing is left to release there
            }
        }
        kernels.clear();
    }

    private void closeStreaming() {
        closeKernels();
        if (streamRunner != null) streamRunner.close();
        streamRunner = null;
    }

    private void completed(RawStack s) {
        StreamingWiener.Accumulator acc = streams.remove(s.key());
        if (!s.complete()) {
            log.warn(s + " is partial: " + (settings.partialStacks() == PartialStacks.SKIP ? "skipped" : "deconvolved as "
                    + s.present() + " planes"));
            if (settings.partialStacks() == PartialStacks.SKIP) {
                s.release();
                results.skipped(s, LiveResult.Status.PARTIAL_SKIPPED);
                return;
            }
            queue.add(s);
            return;
        }
        if (acc != null && acc.valid()) {
            long t0 = pickup;
            try {
                Volume v = acc.finish(s, resources.voxelSize());
                long now = System.nanoTime();
                s.release();
                results.emit(new LiveResult(s.key(), LiveResult.Status.DONE, v, Algorithm.WIENER, 0, s.present(),
                        s.lastArrivalNanos(), now, now - t0, true, false, null));
            } catch (Throwable t) {
                s.release();
                results.failed(s, t, t0);
            }
            return;
        }
        queue.add(s);
    }

    /** The acquisition ended (or the engine closes): open stacks are emitted as partial. */
    private void flush() {
        pickup = System.nanoTime();
        out.clear();
        assembler.flush(out);
        memory.assemblingBytes.set(assembler.bytesHeld());
        for (RawStack s : out) completed(s);
        out.clear();
        streams.clear();
    }

    @Override
    public void stackOpened(PlaneCoords key) { metrics.stacksIn.incrementAndGet(); }

    @Override
    public void planeProblem(String message, boolean ignored) { log.warn(message); }
}
