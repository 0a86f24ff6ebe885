package org.livedecon.mm.processor;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.livedecon.core.live.MemoryLedger;

/**
 * The memory of deconvolved stacks held in RAM result datastores, against a cap, inside the
 * plugin's {@link MemoryLedger}. A RAM datastore keeps every image until Micro-Manager lets go of
 * it (its window closed); the API tells us nothing then, so each store's account is released when
 * the store object is garbage collected (a weak reference), which is when its pixels are freed.
 * Thread-safe.
 */
public final class ResultMemory {
    private final MemoryLedger ledger;
    private final long capBytes;
    private final ReferenceQueue<Object> gone = new ReferenceQueue<Object>();
    private final Set<Account> open = Collections.synchronizedSet(new HashSet<Account>());
    private long heldBytes;

    public ResultMemory(MemoryLedger ledger, long capBytes) {
        if (ledger == null || capBytes < 0) throw new IllegalArgumentException("a ledger and a cap >= 0 are required");
        this.ledger = ledger;
        this.capBytes = capBytes;
    }

    /** The most bytes all RAM result stores together may hold. */
    public long capBytes() { return capBytes; }

    /** Bytes held by the RAM result stores still alive. */
    public synchronized long heldBytes() {
        collect();
        return heldBytes;
    }

    /** An account for {@code store}, released when the store is garbage collected. */
    public Account open(Object store) {
        Account a = new Account(store);
        open.add(a);
        return a;
    }

    private synchronized void collect() {
        Reference<?> r;
        while ((r = gone.poll()) != null) {
            Account a = (Account) r;
            open.remove(a);
            ledger.release(a.bytes);
            heldBytes -= a.bytes;
            a.bytes = 0;
        }
    }

    private synchronized boolean hold(Account a, long bytes) {
        collect();
        if (heldBytes + bytes > capBytes || !ledger.tryReserve(bytes)) return false;
        heldBytes += bytes;
        a.bytes += bytes;
        return true;
    }

    /** One store's share. */
    public final class Account extends WeakReference<Object> {
        private long bytes;

        private Account(Object store) {
            super(store, gone);
        }

        /** Reserves {@code bytes} for images to be put into the store; false (nothing reserved) beyond the cap or the limit. */
        public boolean tryHold(long bytes) { return hold(this, bytes); }
    }
}
