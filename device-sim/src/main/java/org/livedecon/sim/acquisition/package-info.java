/**
 * Multi-dimensional acquisition over the {@link org.livedecon.core.hardware.Microscope} contract,
 * for the simulator and tests: {@link org.livedecon.sim.acquisition.AcquisitionSettings} (what to
 * record, immutable), {@link org.livedecon.sim.acquisition.AcquisitionRunner} (starts the loop on
 * its own thread), {@link org.livedecon.sim.acquisition.Acquisition} (the handle: abort, wait,
 * outcome, failure, {@link org.livedecon.sim.acquisition.AcquisitionStatistics}), and the
 * optional {@link org.livedecon.sim.acquisition.PositionSelector} and
 * {@link org.livedecon.sim.acquisition.ChannelSelector} callbacks. Package-private:
 * {@code AcquisitionLoop} (the thread's body) and {@code FramePacer} (the frame-rate schedule).
 * Planes go to a {@link org.livedecon.core.acquisition.PlaneSink} on the acquisition thread.
 */
package org.livedecon.sim.acquisition;
