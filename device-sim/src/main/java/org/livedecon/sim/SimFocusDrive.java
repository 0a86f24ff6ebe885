package org.livedecon.sim;

import org.livedecon.core.hardware.FocusDrive;
import org.livedecon.core.hardware.HardwareException;

/**
 * A simulated motorised focus drive.
 *
 * <p><b>Positions.</b> {@link #positionUm()} reports exactly the last commanded position (the
 * double passed to {@link #moveTo(double)}, no rounding or drift), as a drive's controller does.
 * The focal plane the optics actually image is {@link #actualUm()}, which differs from it only by
 * backlash.
 *
 * <p><b>Backlash model.</b> With a backlash of b µm: a move that reverses the direction of the
 * previous move (that changed the position) lands short by b, {@code actual = target − b·sign(target −
 * start)}; the next move in the same direction takes up the play and lands exactly. The first move
 * after construction is exact (direction unknown = taken up). A move to the current commanded
 * position changes nothing. So a z stack driven in one direction is regular, and the first plane
 * after a return move is off by b.
 *
 * <p><b>Timing.</b> {@link #waitUntilSettled()} blocks settle time × timeScale after a move (once).
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class SimFocusDrive implements FocusDrive {
    private final String name;
    private final double lowerUm;
    private final double upperUm;
    private final double settleMs;
    private final double backlashUm;
    private final double timeScale;
    private double commanded;
    private double actual;
    private int lastDirection;
    private boolean unsettled;

    /**
     * @param name      device name for messages ("Z")
     * @param lowerUm   lower travel limit, µm
     * @param upperUm   upper travel limit, µm (>= lower)
     * @param initialUm start position, µm, within the limits
     * @param settleMs  settle time after a move, ms
     * @param backlashUm backlash, µm (>= 0)
     * @param timeScale 0: no waiting; 1: real time
     */
    public SimFocusDrive(String name, double lowerUm, double upperUm, double initialUm, double settleMs, double backlashUm,
                         double timeScale) {
        if (!(lowerUm <= upperUm) || Double.isInfinite(lowerUm) || Double.isInfinite(upperUm)) {
            throw new IllegalArgumentException("focus drive " + name + ": limits [" + lowerUm + ", " + upperUm
                    + "] µm must be finite with lower <= upper");
        }
        if (!(initialUm >= lowerUm && initialUm <= upperUm)) {
            throw new IllegalArgumentException("focus drive " + name + ": start position " + initialUm
                    + " µm is outside its limits [" + lowerUm + ", " + upperUm + "] µm");
        }
        BeadSample.nonNegative("focus drive " + name + ": settle time (ms)", settleMs);
        BeadSample.nonNegative("focus drive " + name + ": backlash (µm)", backlashUm);
        Timing.checkScale(timeScale);
        this.name = name;
        this.lowerUm = lowerUm;
        this.upperUm = upperUm;
        this.settleMs = settleMs;
        this.backlashUm = backlashUm;
        this.timeScale = timeScale;
        this.commanded = initialUm;
        this.actual = initialUm;
    }

    @Override
    public double positionUm() { return commanded; }

    /** Where the focal plane really is, µm: the commanded position less any backlash (class comment). */
    public double actualUm() { return actual; }

    /** @throws HardwareException "focus drive Z: 1234.5 µm is outside its limits [0.0, 100.0] µm"; no move then */
    @Override
    public void moveTo(double um) throws HardwareException {
        if (!(um >= lowerUm && um <= upperUm)) {
            throw new HardwareException("focus drive " + name + ": " + um + " µm is outside its limits ["
                    + lowerUm + ", " + upperUm + "] µm");
        }
        if (um == commanded) return;
        int direction = um > commanded ? 1 : -1;
        boolean reversal = lastDirection != 0 && direction != lastDirection;
        actual = reversal ? um - backlashUm * direction : um;
        commanded = um;
        lastDirection = direction;
        unsettled = true;
    }

    @Override
    public void waitUntilSettled() throws HardwareException {
        if (!unsettled) return;
        unsettled = false;
        Timing.sleep(settleMs, timeScale, "focus drive " + name);
    }

    @Override
    public double lowerLimitUm() { return lowerUm; }

    @Override
    public double upperLimitUm() { return upperUm; }

    public double backlashUm() { return backlashUm; }

    @Override
    public String toString() {
        return "simulated focus drive " + name + " at " + commanded + " µm (actual " + actual + ") in [" + lowerUm + ", "
                + upperUm + "] µm, backlash " + backlashUm + " µm";
    }
}
