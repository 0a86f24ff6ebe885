package org.livedecon.sim.acquisition;

import org.livedecon.core.hardware.HardwareException;

/**
 * Moves the stage to a position of the acquisition's position list. Called by the
 * {@link AcquisitionRunner} on the acquisition thread at the start of every (time point, position),
 * before any plane of it, also when there is only one position.
 */
public interface PositionSelector {
    /** Does nothing. */
    PositionSelector NONE = new PositionSelector() {
        @Override
        public void selectPosition(int position) {
        }
    };

    /**
     * Moves to {@code position} (0-based) and returns once the stage is there.
     *
     * @throws HardwareException when the stage fails; the acquisition stops and records it
     */
    void selectPosition(int position) throws HardwareException;
}
