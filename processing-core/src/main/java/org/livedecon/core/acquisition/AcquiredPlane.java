package org.livedecon.core.acquisition;

/**
 * One camera image of an acquisition with its coordinates and metadata. The pixel array
 * ({@code byte[]} or {@code short[]} with unsigned values, or {@code float[]}, row-major) is owned
 * by the receiver once handed over; the sender does not touch it again. Immutable otherwise.
 */
public final class AcquiredPlane {
    private final PlaneCoords coords;
    private final Object pixels;
    private final int width;
    private final int height;
    private final double zUm;
    private final long timestampNanos;

    public AcquiredPlane(PlaneCoords coords, Object pixels, int width, int height, double zUm, long timestampNanos) {
        this.coords = coords;
        this.pixels = pixels;
        this.width = width;
        this.height = height;
        this.zUm = zUm;
        this.timestampNanos = timestampNanos;
    }

    public PlaneCoords coords() { return coords; }
    public Object pixels() { return pixels; }
    public int width() { return width; }
    public int height() { return height; }
    /** Focus position of the plane in µm. */
    public double zUm() { return zUm; }
    /** {@link System#nanoTime()} when the image was read out. */
    public long timestampNanos() { return timestampNanos; }

    @Override
    public String toString() { return "plane " + coords + " " + width + "x" + height + " at z=" + zUm + " µm"; }
}
