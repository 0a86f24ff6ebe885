package org.livedecon.core.calibration;

import java.util.Locale;

/**
 * One preview snap: brightest pixel and median (ADU), saturated pixel count, full scale, the
 * exposure used and the suggested exposure (ms) that puts the brightest pixel near
 * {@link CalibrationSettings#TARGET_FRACTION} of full scale, by at most {@link #MAX_STEP} times the
 * exposure used and at most {@link #MAX_SUGGESTED_MS} ms. Immutable.
 */
public final class Preview {
    /**
     * The largest factor one suggestion changes the exposure by: a camera whose brightness does not
     * follow the exposure (Micro-Manager's DemoCamera) must not be sent to seconds in one step;
     * a second preview at the new exposure refines it.
     */
    public static final double MAX_STEP = 10;
    /**
     * The longest exposure suggested, ms (unless the current one is longer): a z-scan of 50 planes
     * at 2 s already takes nearly two minutes.
     */
    public static final double MAX_SUGGESTED_MS = 2000;

    private final double exposureMs;
    private final double max;
    private final double median;
    private final int saturatedPixels;
    private final double fullScale;
    private final double suggestedExposureMs;

    Preview(double exposureMs, double max, double median, int saturatedPixels, double fullScale) {
        this.exposureMs = exposureMs;
        this.max = max;
        this.median = median;
        this.saturatedPixels = saturatedPixels;
        this.fullScale = fullScale;
        double signal = max - median;
        double wanted = CalibrationSettings.TARGET_FRACTION * fullScale - median;
        double factor = signal > 0 && wanted > 0 ? wanted / signal : 1;
        if (saturatedPixels > 0) factor = Math.min(factor, 0.5);
        factor = Math.min(factor, MAX_STEP);
        this.suggestedExposureMs = Math.min(exposureMs * factor, Math.max(exposureMs, MAX_SUGGESTED_MS));
    }

    public double exposureMs() { return exposureMs; }
    public double max() { return max; }
    public double median() { return median; }
    public int saturatedPixels() { return saturatedPixels; }
    public boolean saturated() { return saturatedPixels > 0; }
    public double fullScale() { return fullScale; }
    public double suggestedExposureMs() { return suggestedExposureMs; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "preview at %.4g ms: max %.0f ADU of %.0f, median %.1f ADU, %d saturated "
                + "pixels; suggested exposure %.4g ms", exposureMs, max, fullScale, median, saturatedPixels,
                suggestedExposureMs);
    }
}
