package org.livedecon.core.hardware;

/** A camera region of interest in sensor pixels: top-left corner (x, y), width and height. Immutable. */
public final class Roi {
    private final int x;
    private final int y;
    private final int width;
    private final int height;

    public Roi(int x, int y, int width, int height) {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("ROI must have x, y >= 0 and width, height >= 1, got x=" + x + " y=" + y
                    + " width=" + width + " height=" + height);
        }
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
    }

    /** The whole sensor. */
    public static Roi full(int width, int height) { return new Roi(0, 0, width, height); }

    public int x() { return x; }
    public int y() { return y; }
    public int width() { return width; }
    public int height() { return height; }

    /** True when this ROI lies inside a sensor of the given size. */
    public boolean fitsIn(int sensorWidth, int sensorHeight) {
        return x + width <= sensorWidth && y + height <= sensorHeight;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Roi)) return false;
        Roi r = (Roi) o;
        return x == r.x && y == r.y && width == r.width && height == r.height;
    }

    @Override
    public int hashCode() { return ((x * 31 + y) * 31 + width) * 31 + height; }

    @Override
    public String toString() { return "ROI x=" + x + " y=" + y + " " + width + "x" + height; }
}
