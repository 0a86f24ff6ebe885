package org.livedecon.sim.acquisition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.livedecon.core.acquisition.AcquisitionOrder;

/**
 * What a multi-dimensional acquisition records: time points, stage positions, channels and a
 * z-stack, their order, and how fast the camera runs. Immutable and thread-safe; built with
 * {@link #builder()} and validated once in {@link Builder#build()}, with messages that name the
 * offending value.
 *
 * <p>Units: intervals and limits in milliseconds, z in µm (absolute focus-drive positions), frame
 * rate in frames per second. The focus position of slice {@code k} is
 * {@code zStartUm + k * zStepUm}.
 */
public final class AcquisitionSettings {
    private final int timePoints;
    private final double intervalMs;
    private final int positions;
    private final List<String> channels;
    private final double zStartUm;
    private final double zStepUm;
    private final int zSlices;
    private final AcquisitionOrder order;
    private final double framesPerSecond;
    private final long timeLimitMs;

    private AcquisitionSettings(Builder b) {
        this.timePoints = b.timePoints;
        this.intervalMs = b.intervalMs;
        this.positions = b.positions;
        this.channels = Collections.unmodifiableList(new ArrayList<String>(b.channels));
        this.zStartUm = b.zStartUm;
        this.zStepUm = b.zStepUm;
        this.zSlices = b.zSlices;
        this.order = b.order;
        this.framesPerSecond = b.framesPerSecond;
        this.timeLimitMs = b.timeLimitMs;
    }

    /**
     * A builder with the defaults: 1 time point, interval 0 ms, 1 position, one channel "Default",
     * one slice at 0 µm with step 1 µm, {@link AcquisitionOrder#SLICES_FIRST}, frame rate 0 (as
     * fast as the hardware goes), no time limit.
     */
    public static Builder builder() { return new Builder(); }

    /** A builder holding this object's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.timePoints = timePoints;
        b.intervalMs = intervalMs;
        b.positions = positions;
        b.channels = new ArrayList<String>(channels);
        b.zStartUm = zStartUm;
        b.zStepUm = zStepUm;
        b.zSlices = zSlices;
        b.order = order;
        b.framesPerSecond = framesPerSecond;
        b.timeLimitMs = timeLimitMs;
        return b;
    }

    /** Number of time points, ≥ 1. */
    public int timePoints() { return timePoints; }

    /** Interval between the starts of consecutive time points in ms; 0 = as fast as possible. */
    public double intervalMs() { return intervalMs; }

    /** Number of stage positions, ≥ 1. */
    public int positions() { return positions; }

    /** Channel names in acquisition order (at least one, distinct); unmodifiable. */
    public List<String> channels() { return channels; }

    /** Focus position of slice 0 in µm. */
    public double zStartUm() { return zStartUm; }

    /** Distance between consecutive slices in µm (may be negative or 0). */
    public double zStepUm() { return zStepUm; }

    /** Number of z slices, ≥ 1. */
    public int zSlices() { return zSlices; }

    /** Focus position of slice {@code slice} in µm: {@code zStartUm + slice * zStepUm}. */
    public double zUm(int slice) { return zStartUm + slice * zStepUm; }

    /** Order of the channel and slice loops. */
    public AcquisitionOrder order() { return order; }

    /** Camera frame rate in frames per second; 0 = as fast as the hardware goes. */
    public double framesPerSecond() { return framesPerSecond; }

    /** Wall-clock limit of the whole acquisition in ms, counted from its start; empty = none. */
    public OptionalLong timeLimitMs() { return timeLimitMs > 0 ? OptionalLong.of(timeLimitMs) : OptionalLong.empty(); }

    /** Planes of a complete acquisition: time points × positions × channels × slices. */
    public long totalPlanes() { return (long) timePoints * positions * channels.size() * zSlices; }

    @Override
    public String toString() {
        return "AcquisitionSettings{timePoints=" + timePoints + ", intervalMs=" + intervalMs + ", positions=" + positions
                + ", channels=" + channels + ", zStartUm=" + zStartUm + ", zStepUm=" + zStepUm + ", zSlices=" + zSlices
                + ", order=" + order + ", framesPerSecond=" + framesPerSecond
                + ", timeLimitMs=" + (timeLimitMs > 0 ? Long.toString(timeLimitMs) : "none") + "}";
    }

    /** Collects values for {@link AcquisitionSettings}; not thread-safe. Setters return {@code this}. */
    public static final class Builder {
        private int timePoints = 1;
        private double intervalMs = 0;
        private int positions = 1;
        private List<String> channels = new ArrayList<String>(Collections.singletonList("Default"));
        private double zStartUm = 0;
        private double zStepUm = 1;
        private int zSlices = 1;
        private AcquisitionOrder order = AcquisitionOrder.SLICES_FIRST;
        private double framesPerSecond = 0;
        private long timeLimitMs = 0;

        private Builder() {
        }

        public Builder timePoints(int n) { this.timePoints = n; return this; }

        /** Interval between time-point starts in ms; 0 = as fast as possible. */
        public Builder intervalMs(double ms) { this.intervalMs = ms; return this; }

        public Builder positions(int n) { this.positions = n; return this; }

        public Builder channels(String... names) {
            this.channels = names == null ? null : new ArrayList<String>(Arrays.asList(names));
            return this;
        }

        public Builder channels(List<String> names) {
            this.channels = names == null ? null : new ArrayList<String>(names);
            return this;
        }

        /** Slices at {@code startUm + k * stepUm} µm for k = 0 … count − 1. */
        public Builder zStack(double startUm, double stepUm, int count) {
            this.zStartUm = startUm;
            this.zStepUm = stepUm;
            this.zSlices = count;
            return this;
        }

        public Builder order(AcquisitionOrder order) { this.order = order; return this; }

        /** Camera frames per second; 0 = as fast as the hardware goes. */
        public Builder framesPerSecond(double fps) { this.framesPerSecond = fps; return this; }

        /** Wall-clock limit in ms (≥ 1); see {@link #noTimeLimit()}. */
        public Builder timeLimitMs(long ms) {
            if (ms < 1) {
                throw new IllegalArgumentException("time limit must be >= 1 ms (use noTimeLimit() for none), got " + ms);
            }
            this.timeLimitMs = ms;
            return this;
        }

        public Builder noTimeLimit() { this.timeLimitMs = 0; return this; }

        /** @throws IllegalArgumentException naming the first invalid value */
        public AcquisitionSettings build() {
            require(timePoints >= 1, "time points must be >= 1, got " + timePoints);
            require(isFinite(intervalMs) && intervalMs >= 0, "interval must be a finite number of ms >= 0, got " + intervalMs);
            require(positions >= 1, "positions must be >= 1, got " + positions);
            require(channels != null && !channels.isEmpty(), "at least one channel is needed, got " + channels);
            Set<String> seen = new HashSet<String>();
            for (int i = 0; i < channels.size(); i++) {
                String name = channels.get(i);
                require(name != null && !name.trim().isEmpty(), "channel " + i + " needs a name, got '" + name + "'");
                require(seen.add(name), "channel names must be distinct, '" + name + "' appears twice in " + channels);
            }
            require(zSlices >= 1, "z slices must be >= 1, got " + zSlices);
            require(isFinite(zStartUm), "z start must be a finite number of µm, got " + zStartUm);
            require(isFinite(zStepUm), "z step must be a finite number of µm, got " + zStepUm);
            require(order != null, "acquisition order must be given, got null");
            require(isFinite(framesPerSecond) && framesPerSecond >= 0,
                    "frame rate must be a finite number of frames per second >= 0 (0 = as fast as possible), got "
                            + framesPerSecond);
            long total = (long) timePoints * positions * channels.size() * zSlices;
            require(total <= Integer.MAX_VALUE, "acquisition of " + timePoints + " time points x " + positions + " positions x "
                    + channels.size() + " channels x " + zSlices + " slices = " + total + " planes is too large");
            return new AcquisitionSettings(this);
        }

        private static boolean isFinite(double v) { return !Double.isNaN(v) && !Double.isInfinite(v); }

        private static void require(boolean ok, String message) {
            if (!ok) throw new IllegalArgumentException(message);
        }
    }
}
