package org.livedecon.core.calibration;

import java.util.Locale;

/** A z-scan: {@code planes} focus positions from {@code startUm} in steps of {@code stepUm} (µm). Immutable. */
public final class ScanPlan {
    private final double startUm;
    private final double stepUm;
    private final int planes;

    public ScanPlan(double startUm, double stepUm, int planes) {
        if (!(stepUm > 0) || planes < 1 || Double.isNaN(startUm) || Double.isInfinite(startUm)) {
            throw new IllegalArgumentException("a scan needs a finite start, a step > 0 µm and >= 1 plane, got start "
                    + startUm + " µm, step " + stepUm + " µm, " + planes + " planes");
        }
        this.startUm = startUm;
        this.stepUm = stepUm;
        this.planes = planes;
    }

    public double startUm() { return startUm; }
    public double stepUm() { return stepUm; }
    public int planes() { return planes; }
    /** Focus position of plane k, µm. */
    public double positionUm(int k) { return startUm + k * stepUm; }
    public double endUm() { return positionUm(planes - 1); }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "z-scan %.3f to %.3f µm in %d planes of %.4g µm", startUm, endUm(), planes, stepUm);
    }
}
