package org.livedecon.core.acquisition;

/**
 * Where a plane belongs in a multi-dimensional acquisition: time point, stage position, channel
 * and z slice, all 0-based, as Micro-Manager's Coords. Immutable.
 */
public final class PlaneCoords {
    private final int time;
    private final int position;
    private final int channel;
    private final int slice;

    public PlaneCoords(int time, int position, int channel, int slice) {
        if (time < 0 || position < 0 || channel < 0 || slice < 0) {
            throw new IllegalArgumentException("coordinates must be >= 0, got t=" + time + " p=" + position + " c=" + channel
                    + " z=" + slice);
        }
        this.time = time;
        this.position = position;
        this.channel = channel;
        this.slice = slice;
    }

    public int time() { return time; }
    public int position() { return position; }
    public int channel() { return channel; }
    public int slice() { return slice; }

    /** The same coordinates with slice 0: the key of the z-stack this plane belongs to. */
    public PlaneCoords stackKey() { return slice == 0 ? this : new PlaneCoords(time, position, channel, 0); }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PlaneCoords)) return false;
        PlaneCoords c = (PlaneCoords) o;
        return time == c.time && position == c.position && channel == c.channel && slice == c.slice;
    }

    @Override
    public int hashCode() { return ((time * 31 + position) * 31 + channel) * 31 + slice; }

    @Override
    public String toString() { return "t=" + time + " p=" + position + " c=" + channel + " z=" + slice; }
}
