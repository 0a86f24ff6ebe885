package org.livedecon.core.calibration;

import java.util.List;
import java.util.Locale;

import org.livedecon.core.hardware.Camera;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Shutter;
import org.livedecon.core.volume.Volume;

/**
 * The camera's offset and read noise, measured on dark frames (shutter closed, same exposure as
 * the data, so dark current is included): the b of y = H x + b that needs no guessing. Immutable.
 *
 * <p>Offset: the mean of every pixel of every frame (float64), hot pixels excluded (more than
 * 8 read-noise σ above the median frame value). Read noise: with several frames, the temporal
 * spread of each pixel (pooled variance of pixel − its mean over frames, fixed-pattern offsets
 * cancel); with one frame, the spread of the frame.
 */
public final class CameraDark {
    /** Frames the wizard's dark step takes: 20 frames give the offset to a few hundredths of a count. */
    public static final int DEFAULT_FRAMES = 20;

    private final double offsetAdu;
    private final double readNoiseAdu;
    private final int frames;
    private final String source;

    public CameraDark(double offsetAdu, double readNoiseAdu, int frames, String source) {
        if (!(offsetAdu >= 0) || Double.isInfinite(offsetAdu)) {
            throw new IllegalArgumentException("dark offset must be a finite value >= 0 counts, got " + offsetAdu);
        }
        this.offsetAdu = offsetAdu;
        this.readNoiseAdu = readNoiseAdu;
        this.frames = frames;
        this.source = source == null ? "" : source;
    }

    /** Offset plus dark current, ADU (camera counts). */
    public double offsetAdu() { return offsetAdu; }

    /** Read noise, ADU rms (NaN when unknown). */
    public double readNoiseAdu() { return readNoiseAdu; }

    public int frames() { return frames; }

    /** Where it was measured (a file, the wizard's camera). */
    public String source() { return source; }

    /**
     * Takes {@code frames} dark frames: auto-shutter off, shutter closed, snap, and both restored
     * afterwards whatever happens.
     *
     * @throws HardwareException when the shutter or camera fails (the settings are still restored)
     */
    public static CameraDark measure(Camera camera, Shutter shutter, int frames, String source) throws HardwareException {
        if (frames < 1) throw new IllegalArgumentException("dark frames must be at least 1, got " + frames);
        boolean auto = shutter.autoShutter();
        boolean open = shutter.isOpen();
        Object[] planes = new Object[frames];
        try {
            shutter.setAutoShutter(false);
            shutter.setOpen(false);
            for (int i = 0; i < frames; i++) planes[i] = camera.snap();
        } finally {
            try {
                shutter.setOpen(open);
            } finally {
                shutter.setAutoShutter(auto);
            }
        }
        return fromPlanes(java.util.Arrays.asList(planes), camera.roi().width() * camera.roi().height(), source);
    }

    /** From a dark frame or a stack of them (each plane one frame). */
    public static CameraDark fromVolume(Volume v, String source) {
        int plane = v.nx() * v.ny();
        float[] d = v.data();
        java.util.List<Object> planes = new java.util.ArrayList<Object>();
        for (int z = 0; z < v.nz(); z++) planes.add(java.util.Arrays.copyOfRange(d, z * plane, (z + 1) * plane));
        return fromPlanes(planes, plane, source);
    }

    /** From frames of {@code pixels} pixels each: {@code byte[]}, {@code short[]} (unsigned) or {@code float[]}. */
    public static CameraDark fromPlanes(List<Object> frames, int pixels, String source) {
        int n = frames.size();
        if (n == 0 || pixels == 0) throw new IllegalArgumentException("dark frames: none given (" + source + ")");
        // median of the first frame as the reference level for excluding hot pixels
        float[] first = new float[pixels];
        for (int i = 0; i < pixels; i++) first[i] = value(frames.get(0), i);
        float[] sorted = first.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[(pixels - 1) / 2];
        double mad = 0;
        for (int i = 0; i < pixels; i++) sorted[i] = (float) Math.abs(first[i] - median);
        java.util.Arrays.sort(sorted);
        mad = 1.4826 * sorted[(pixels - 1) / 2];
        double limit = median + 8 * Math.max(mad, 1);
        double sum = 0, count = 0, temporal = 0, spatialSq = 0;
        long temporalDof = 0;
        for (int i = 0; i < pixels; i++) {
            double s = 0;
            boolean hot = false;
            for (int f = 0; f < n; f++) {
                float v = value(frames.get(f), i);
                if (!(v <= limit)) hot = true;
                s += v;
            }
            if (hot) continue;
            double mean = s / n;
            sum += s;
            count += n;
            for (int f = 0; f < n; f++) {
                double d = value(frames.get(f), i) - mean;
                temporal += d * d;
                spatialSq += (double) value(frames.get(f), i) * value(frames.get(f), i);
            }
            temporalDof += n - 1;
        }
        if (count == 0) throw new IllegalArgumentException("dark frames: every pixel is hot or not finite (" + source + ")");
        double offset = sum / count;
        double noise = n > 1 ? Math.sqrt(temporal / temporalDof)
                : Math.sqrt(Math.max(0, spatialSq / count - offset * offset));
        return new CameraDark(Math.max(0, offset), noise, n, source);
    }

    private static float value(Object p, int i) {
        if (p instanceof short[]) return ((short[]) p)[i] & 0xffff;
        if (p instanceof byte[]) return ((byte[]) p)[i] & 0xff;
        return ((float[]) p)[i];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "dark offset %.2f counts, read noise %.2f counts rms (%d frame%s%s)", offsetAdu,
                readNoiseAdu, frames, frames == 1 ? "" : "s", source.isEmpty() ? "" : ", " + source);
    }
}
