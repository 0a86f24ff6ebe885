package org.livedecon.sim.acquisition;

import java.util.concurrent.atomic.AtomicInteger;

import org.livedecon.core.acquisition.PlaneSink;
import org.livedecon.core.hardware.FocusDrive;
import org.livedecon.core.hardware.Microscope;

/**
 * Runs multi-dimensional acquisitions the way Micro-Manager's acquisition engine orders them:
 *
 * <pre>
 * for t:                      wait until start + t * interval
 *   for p:                    positionSelector.selectPosition(p)
 *     SLICES_FIRST:   for c: selectChannel(c); for z: focus.moveTo(z), waitUntilSettled, snap
 *     CHANNELS_FIRST: for z: focus.moveTo(z), waitUntilSettled; for c: selectChannel(c), snap
 * </pre>
 *
 * Every snap becomes an {@link org.livedecon.core.acquisition.AcquiredPlane} (commanded focus
 * position in µm, {@link System#nanoTime()} after read-out) handed to {@link PlaneSink#accept} on
 * the acquisition thread. With a frame rate, snap {@code k} starts at {@code t0 + k / fps}, a fixed
 * schedule that begins at the first snap and, when an interval is set, again at the first snap of
 * every time point (focus moves and selector calls happen inside the frame period). Hardware slower
 * than the frame rate runs as fast as it can, late frames counted; after a delay of a period or
 * more the schedule restarts, so at most one frame follows early (no catch-up burst) and the lost
 * time is not made up. At the end the focus drive goes back to
 * where it was at the start and {@link PlaneSink#finished} is called exactly once.
 *
 * <p>Thread-safe and stateless: {@link #start} may be called from any thread. The hardware is not
 * thread-safe, so do not run two acquisitions on one microscope at once, nor use it elsewhere while
 * one runs; the selectors and the sink are called only from the acquisition thread.
 */
public final class AcquisitionRunner {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final PositionSelector positionSelector;
    private final ChannelSelector channelSelector;

    /** A runner that selects neither positions nor channels (single-position, single-light-path set-ups). */
    public AcquisitionRunner() {
        this(null, null);
    }

    /**
     * @param positionSelector moves the stage to a position; {@code null} = {@link PositionSelector#NONE}
     * @param channelSelector  switches channels; {@code null} = {@link ChannelSelector#NONE}
     */
    public AcquisitionRunner(PositionSelector positionSelector, ChannelSelector channelSelector) {
        this.positionSelector = positionSelector == null ? PositionSelector.NONE : positionSelector;
        this.channelSelector = channelSelector == null ? ChannelSelector.NONE : channelSelector;
    }

    /**
     * Starts an acquisition on a new daemon thread and returns its handle at once. Hardware errors
     * do not surface here but through {@link Acquisition#failure()} (and
     * {@code finished(true, n)} to the sink).
     *
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when a z slice lies outside the focus drive's limits
     */
    public Acquisition start(Microscope scope, AcquisitionSettings settings, PlaneSink sink) {
        if (scope == null) throw new NullPointerException("microscope is null");
        if (settings == null) throw new NullPointerException("settings are null");
        if (sink == null) throw new NullPointerException("sink is null");
        checkFocusRange(scope.focus(), settings);
        Acquisition acquisition = new Acquisition(settings, sink);
        AcquisitionLoop loop = new AcquisitionLoop(scope, settings, sink, acquisition, positionSelector, channelSelector);
        Thread thread = new Thread(loop, "livedecon-acquisition-" + THREAD_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        acquisition.attach(thread);
        thread.start();
        return acquisition;
    }

    private static void checkFocusRange(FocusDrive focus, AcquisitionSettings s) {
        double first = s.zUm(0);
        double last = s.zUm(s.zSlices() - 1);
        double lower = focus.lowerLimitUm();
        double upper = focus.upperLimitUm();
        if (Math.min(first, last) < lower || Math.max(first, last) > upper) {
            throw new IllegalArgumentException("z-stack from " + first + " to " + last + " µm (" + s.zSlices()
                    + " slices, step " + s.zStepUm() + " µm) leaves the focus drive's range [" + lower + ", " + upper
                    + "] µm");
        }
    }
}
