package org.livedecon.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.livedecon.core.acquisition.PlaneCoords;

/** The hand-off queue: the intake sleeps while it is empty and no wake-up is ever lost. */
class InboxTest {
    @Test
    void aSleepingTakeIsWokenByTheNextArrival() throws Exception {
        final Inbox inbox = new Inbox();
        final Inbox.Arrival[] got = new Inbox.Arrival[1];
        final CountDownLatch done = new CountDownLatch(1);
        Thread intake = new Thread(() -> {
            got[0] = inbox.take();
            done.countDown();
        });
        intake.setDaemon(true);
        intake.start();
        // wait until the intake is parked in take() (it has nothing to do otherwise)
        while (intake.getState() != Thread.State.WAITING) Thread.yield();
        assertEquals(1, done.getCount(), "take() waits while the inbox is empty");
        Inbox.Arrival a = new Inbox.Arrival(new PlaneCoords(0, 0, 0, 0), 7);
        inbox.offerAndWake(a);
        assertTrue(done.await(2, TimeUnit.MINUTES), "the arrival woke the intake");
        assertSame(a, got[0]);
    }

    @Test
    void everyArrivalIsTakenInOrderWhileTheIntakeKeepsFallingAsleep() throws Exception {
        final Inbox inbox = new Inbox();
        final int n = 200_000;
        final AtomicLong outOfOrder = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        Thread intake = new Thread(() -> {
            for (long i = 0; i < n; i++) {
                if (inbox.take().nanos != i) outOfOrder.incrementAndGet();
            }
            done.countDown();
        });
        intake.setDaemon(true);
        intake.start();
        for (int i = 0; i < n; i++) {
            inbox.offer(new Inbox.Arrival(new PlaneCoords(i, 0, 0, 0), i));
            inbox.wakeIntake();
            if (i % 1000 == 0) Thread.yield(); // let the intake empty the queue and park again
        }
        assertTrue(done.await(2, TimeUnit.MINUTES), "a lost wake-up would leave the intake asleep with planes waiting");
        assertEquals(0, outOfOrder.get());
        assertTrue(inbox.isEmpty());
    }
}
