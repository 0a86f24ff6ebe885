package org.livedecon.core.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One engine's holdings of raw pixels, by stage, and its account in the {@link MemoryLedger} (its
 * own or one shared with the plugin's hand-off and other engines).
 *
 * <p>The ledger holds planes handed in, stacks being assembled and stacks waiting in memory: bytes
 * only ever enter it through {@link MemoryLedger#tryReserve} (a plane moving on to a stack, a stack
 * to the queue, keeps its bytes), so it never exceeds its limit. The one stack the worker is
 * computing (read back from disk, or taken from the queue) is on top.
 */
final class EngineMemory {
    final MemoryLedger ledger;
    /** Set when the ledger is shared with other holders (see {@link LiveResources#memoryLedger()}). */
    final boolean shared;
    final AtomicLong inboxBytes = new AtomicLong();
    final AtomicLong assemblingBytes = new AtomicLong();
    final AtomicLong queuedBytes = new AtomicLong();
    final AtomicLong workingBytes = new AtomicLong();
    private final MetricsRecorder metrics;
    // assembling + queued bytes last recorded in the ledger (inbox planes are reserved one by one)
    private long ledgerHeld;
    private final Object lock = new Object();

    EngineMemory(MemoryLedger ledger, boolean shared, MetricsRecorder metrics) {
        this.ledger = ledger;
        this.shared = shared;
        this.metrics = metrics;
    }

    /** Acquisition thread: reserves a plane handed in; false when the ledger's limit would be passed. */
    boolean reservePlane(long bytes) {
        if (!ledger.tryReserve(bytes)) return false;
        inboxBytes.addAndGet(bytes);
        return true;
    }

    /** Records the holdings now. */
    void update() {
        update(0);
    }

    /** Records the holdings now, giving back {@code releasedInboxBytes} of a plane taken up. */
    void update(long releasedInboxBytes) {
        long other = assemblingBytes.get() + queuedBytes.get();
        synchronized (lock) {
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

    /** Whether everything sharing the ledger holds more than half its limit with {@code bytes} more. */
    boolean sharedOverHalf(long bytes) {
        return shared && ledger.heldBytes() + bytes > ledger.limitBytes() / 2;
    }
}
