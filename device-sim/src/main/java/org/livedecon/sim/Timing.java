package org.livedecon.sim;

import org.livedecon.core.hardware.HardwareException;

/** Sleeps for simulated durations scaled by a time factor (0: no sleeping). */
final class Timing {
    private Timing() {}

    /**
     * Blocks for {@code ms · timeScale} milliseconds (nothing when the product is not positive).
     *
     * @throws HardwareException naming the device when the thread is interrupted (the interrupt flag is kept)
     */
    static void sleep(double ms, double timeScale, String device) throws HardwareException {
        double d = ms * timeScale;
        if (!(d > 0)) return;
        long whole = (long) d;
        int nanos = (int) Math.round((d - whole) * 1e6);
        if (nanos >= 1000000) {
            whole++;
            nanos = 0;
        }
        try {
            Thread.sleep(whole, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HardwareException(device + ": interrupted while waiting " + d + " ms", e);
        }
    }

    static void checkScale(double timeScale) {
        if (!(timeScale >= 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("time scale must be a finite number >= 0 (0: no waiting, 1: real time), got "
                    + timeScale);
        }
    }
}
