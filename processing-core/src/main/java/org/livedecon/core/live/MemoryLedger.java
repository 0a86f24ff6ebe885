package org.livedecon.core.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One account of the bytes a program holds on behalf of the acquisition (raw planes handed in,
 * stacks being assembled or waiting, results kept in memory), against one hard limit. Several
 * engines (a closing one and the next), hand-off buffers and result stores may share a ledger, so
 * the limit holds for all of them together: the heap is shared with the acquisition, which must
 * never run out of memory because of us.
 *
 * <p>{@link #tryReserve} is the only call that can refuse; {@link #adjust} records memory that is
 * already held (it may go over the limit, which then refuses further reservations). Lock-free,
 * thread-safe, never blocks.
 */
public final class MemoryLedger {
    private final long limitBytes;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    /** @throws IllegalArgumentException for a limit below 1 byte */
    public MemoryLedger(long limitBytes) {
        if (limitBytes < 1) throw new IllegalArgumentException("memory limit must be at least 1 byte, got " + limitBytes);
        this.limitBytes = limitBytes;
    }

    /** Bytes of a plane's pixel array (byte[], short[] or float[]; 0 for anything else). */
    public static long bytesOf(Object pixels) {
        return RawStack.bytesOf(pixels);
    }

    /** The hard limit, bytes. */
    public long limitBytes() { return limitBytes; }

    /** Bytes held now. */
    public long heldBytes() { return held.get(); }

    /** The most bytes held at any time since this ledger was made. */
    public long peakBytes() { return peak.get(); }

    /** Reserves {@code bytes} when the total stays within the limit; false (nothing reserved) otherwise. */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        while (true) {
            long h = held.get();
            if (h + bytes > limitBytes) return false;
            if (held.compareAndSet(h, h + bytes)) {
                notePeak(h + bytes);
                return true;
            }
        }
    }

    /** Gives back {@code bytes} reserved earlier (or recorded by {@link #adjust}). */
    public void release(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("cannot release " + bytes + " bytes");
        held.addAndGet(-bytes);
    }

    /** Records a change of memory already held (positive or negative), unconditionally. */
    public void adjust(long deltaBytes) {
        long now = held.addAndGet(deltaBytes);
        notePeak(now);
    }

    private void notePeak(long now) {
        long p;
        while (now > (p = peak.get())) {
            if (peak.compareAndSet(p, now)) return;
        }
    }

    @Override
    public String toString() {
        return "memory " + (held.get() >> 20) + " of " + (limitBytes >> 20) + " MiB (peak " + (peak.get() >> 20) + " MiB)";
    }
}
