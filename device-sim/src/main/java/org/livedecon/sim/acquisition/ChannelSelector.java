package org.livedecon.sim.acquisition;

import org.livedecon.core.hardware.HardwareException;

/**
 * Switches the microscope to a channel (filters, light source, exposure). Called by the
 * {@link AcquisitionRunner} on the acquisition thread: with
 * {@link org.livedecon.core.acquisition.AcquisitionOrder#SLICES_FIRST} once before each channel's
 * z-stack, with {@link org.livedecon.core.acquisition.AcquisitionOrder#CHANNELS_FIRST} before every
 * plane (after the focus has settled at the slice).
 */
public interface ChannelSelector {
    /** Does nothing. */
    ChannelSelector NONE = new ChannelSelector() {
        @Override
        public void selectChannel(int channel, String name) {
        }
    };

    /**
     * Switches to channel {@code channel} (0-based) named {@code name} and returns once it is active.
     *
     * @throws HardwareException when a device fails; the acquisition stops and records it
     */
    void selectChannel(int channel, String name) throws HardwareException;
}
