package org.livedecon.core.live;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.livedecon.core.acquisition.PlaneCoords;

/**
 * Complete (or partial) raw stacks waiting for the worker, in memory or spilled to disk.
 *
 * <p>Policy {@link LivePolicy#LATEST} keeps only the newest complete stack per (position, channel):
 * older waiting ones are reported SKIPPED. Policies ALL and ADAPTIVE keep every stack and spill
 * one to a temporary directory when the stacks waiting in memory would pass
 * {@link LiveSettings#memoryBudgetBytes()}, or when everything sharing the ledger holds more than
 * half its limit (a closing engine and the next one must not each keep a full budget).
 *
 * <p>{@link #add} runs on the intake thread, {@link #take} on the worker's.
 */
final class PendingQueue implements AutoCloseable {
    /** A stack waiting for the worker, in memory ({@code file} null) or spilled. */
    static final class Pending {
        final RawStack stack;
        final Path file;
        final long memoryBytes;
        /** Stacks still waiting behind this one when it was taken. */
        int behind;

        Pending(RawStack stack, Path file, long memoryBytes) {
            this.stack = stack;
            this.file = file;
            this.memoryBytes = memoryBytes;
        }
    }

    private final LiveSettings settings;
    private final EngineMemory memory;
    private final MetricsRecorder metrics;
    private final Results results;
    private final LiveLog log;
    private final SpillStore spill;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> pending = new ArrayDeque<Pending>();
    private boolean intakeDone;

    PendingQueue(LiveSettings settings, Path spillDirectory, EngineMemory memory, MetricsRecorder metrics, Results results,
                 LiveLog log) {
        this.settings = settings;
        this.memory = memory;
        this.metrics = metrics;
        this.results = results;
        this.log = log;
        this.spill = new SpillStore(spillDirectory);
    }

    /** Intake thread: queues {@code s} (spilling or replacing waiting stacks as the policy says). */
    void add(RawStack s) {
        List<Pending> skipped = null;
        boolean spillIt = false;
        synchronized (lock) {
            if (settings.policy() == LivePolicy.LATEST) {
                for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                    Pending p = it.next();
                    PlaneCoords k = p.stack.key();
                    if (p.stack.complete() && k.channel() == s.key().channel() && k.position() == s.key().position()) {
                        it.remove();
                        memory.queuedBytes.addAndGet(-p.memoryBytes);
                        if (skipped == null) skipped = new ArrayList<Pending>(1);
                        skipped.add(p);
                    }
                }
            } else {
                spillIt = memory.queuedBytes.get() + s.bytes() > settings.memoryBudgetBytes() || memory.sharedOverHalf(s.bytes());
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
        synchronized (lock) {
            long mem = file == null ? s.bytes() : 0;
            memory.queuedBytes.addAndGet(mem);
            pending.add(new Pending(s, file, mem));
            lock.notifyAll();
        }
        if (skipped != null) {
            for (Pending p : skipped) {
                if (p.file != null) spill.delete(p.file);
                p.stack.release();
                results.skipped(p.stack, LiveResult.Status.SKIPPED);
            }
        }
        memory.update();
    }

    /** Intake thread: no more stacks will come; {@link #take} returns null once the queue is empty. */
    void intakeDone() {
        synchronized (lock) {
            intakeDone = true;
            lock.notifyAll();
        }
    }

    /** Worker thread: the next stack, waiting for one; null when the intake is done and nothing waits. */
    Pending take() {
        synchronized (lock) {
            while (pending.isEmpty() && !intakeDone) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    // keep draining: close() waits for every stack
                }
            }
            if (pending.isEmpty()) return null;
            Pending p = pending.poll();
            memory.queuedBytes.addAndGet(-p.memoryBytes);
            p.behind = pending.size();
            return p;
        }
    }

    /** Worker thread: brings a spilled stack's planes back into memory. */
    void readBack(Pending p) {
        if (p.file != null) spill.read(p.file, p.stack);
    }

    /** Deletes the spill directory; after the worker has stopped. */
    @Override
    public void close() { spill.close(); }
}
