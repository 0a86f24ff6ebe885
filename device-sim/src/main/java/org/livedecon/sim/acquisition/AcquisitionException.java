package org.livedecon.sim.acquisition;

import org.livedecon.core.acquisition.PlaneCoords;

/**
 * Why an acquisition stopped early: the hardware, a selector or the sink threw. Carries the plane
 * being acquired when it happened ({@code null} before the first plane or after the last, e.g.
 * while reading the camera ROI or restoring the focus) and the original exception as the cause.
 */
public final class AcquisitionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient PlaneCoords coords;

    AcquisitionException(String message, PlaneCoords coords, Throwable cause) {
        super(message, cause);
        this.coords = coords;
    }

    /** The plane being acquired when the failure happened, or {@code null} outside any plane. */
    public PlaneCoords coords() { return coords; }
}
