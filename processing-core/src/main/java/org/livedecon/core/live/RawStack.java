package org.livedecon.core.live;

import java.util.ArrayList;
import java.util.List;

import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * The camera planes of one z-stack as they arrived: slot z holds the pixels of slice z
 * ({@code byte[]}, {@code short[]} or {@code float[]}, row-major {@code x + width*y}) or null
 * when that slice is missing. Mutable while assembling, then handed from thread to thread
 * (intake → queue → worker) with a happens-before edge; never shared concurrently.
 */
public final class RawStack {
    private final PlaneCoords key;
    private final Object[] planes;
    private final int width;
    private final int height;
    private int present;
    private long bytes;
    private long firstArrivalNanos;
    private long lastArrivalNanos;
    private boolean complete;

    RawStack(PlaneCoords key, int zPlanes, int width, int height) {
        this.key = key;
        this.planes = new Object[zPlanes];
        this.width = width;
        this.height = height;
    }

    /** Stores slice z; returns the plane it replaced (a duplicate), or null. */
    Object put(int z, Object pixels, long arrivalNanos) {
        Object old = planes[z];
        planes[z] = pixels;
        if (old == null) present++;
        bytes += bytesOf(pixels) - (old == null ? 0 : bytesOf(old));
        if (present == 1 && old == null) firstArrivalNanos = arrivalNanos;
        lastArrivalNanos = arrivalNanos;
        return old;
    }

    void markComplete() { complete = true; }

    /** (time, position, channel) with slice 0. */
    public PlaneCoords key() { return key; }
    public int width() { return width; }
    public int height() { return height; }
    /** Planes expected. */
    public int zPlanes() { return planes.length; }
    /** Planes that arrived. */
    public int present() { return present; }
    /** Whether every slice arrived; false for a partial stack. */
    public boolean complete() { return complete; }
    /** Bytes of pixel data held. */
    public long bytes() { return bytes; }
    /** {@link System#nanoTime()} when the first plane was handed in. */
    public long firstArrivalNanos() { return firstArrivalNanos; }
    /** {@link System#nanoTime()} when the last plane was handed in: latencies are measured from here. */
    public long lastArrivalNanos() { return lastArrivalNanos; }
    /** Slice z, or null when missing. */
    public Object plane(int z) { return planes[z]; }

    /** The present planes in z order as a float32 volume (a partial stack becomes shorter). */
    public Volume toVolume(VoxelSize voxelSize) {
        List<Object> list = new ArrayList<Object>(present);
        for (Object p : planes) if (p != null) list.add(p);
        return Volume.fromPlanes(list, width, height, voxelSize);
    }

    /**
     * The automatic background of this stack, read from the camera planes directly (no float copy).
     * Missing planes are skipped by estimating over the present ones only when the stack is complete;
     * a partial stack goes through {@link #toVolume}.
     */
    public double estimateBackground(VoxelSize voxelSize) {
        if (present < planes.length) {
            return org.livedecon.core.deconv.BackgroundEstimator.estimate(toVolume(voxelSize));
        }
        return org.livedecon.core.deconv.BackgroundEstimator.estimate(width, height, planes.length,
                new org.livedecon.core.deconv.BackgroundEstimator.Planes() {
                    @Override
                    public float value(int z, int index) {
                        Object p = planes[z];
                        if (p instanceof short[]) return ((short[]) p)[index] & 0xffff;
                        if (p instanceof byte[]) return ((byte[]) p)[index] & 0xff;
                        return ((float[]) p)[index];
                    }
                });
    }

    /** Frees the pixel arrays (after spilling or deconvolving). */
    void release() {
        for (int i = 0; i < planes.length; i++) planes[i] = null;
    }

    void restore(int z, Object pixels) { planes[z] = pixels; }

    static long bytesOf(Object pixels) {
        if (pixels instanceof byte[]) return ((byte[]) pixels).length;
        if (pixels instanceof short[]) return 2L * ((short[]) pixels).length;
        if (pixels instanceof float[]) return 4L * ((float[]) pixels).length;
        return 0;
    }

    @Override
    public String toString() {
        return "stack " + key.time() + "/" + key.position() + "/" + key.channel() + " (t/p/c), " + present + " of "
                + planes.length + " planes " + width + "x" + height;
    }
}
