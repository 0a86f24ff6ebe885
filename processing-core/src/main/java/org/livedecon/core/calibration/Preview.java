package org.livedecon.core.calibration;

import java.util.Locale;

/**
 * One preview snap: brightest pixel and median (ADU), saturated pixel count, full scale, the
 * exposure used and the suggested exposure (ms) that puts the brightest pixel near
 * {@link CalibrationSettings#TARGET_FRACTION} of full scale. Immutable.
 */
public final class Preview {
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
        this.suggestedExposureMs = exposureMs * factor;
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
