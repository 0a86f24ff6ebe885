package org.livedecon.core.acquisition;

/**
 * Receives the planes of an acquisition, on the acquisition's thread, in acquisition order.
 * Must return quickly: a slow sink delays the camera.
 */
public interface PlaneSink {
    void accept(AcquiredPlane plane);

    /** The acquisition has ended: all planes were delivered, or it was aborted after {@code delivered} planes. */
    void finished(boolean aborted, long delivered);
}
