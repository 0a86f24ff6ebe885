/**
 * The simulator's commands, added to the {@code livedecon} command line through
 * {@code META-INF/services/org.livedecon.cli.CliCommand}: {@link org.livedecon.sim.cli.SimulateCommand}
 * (a stack with its truth and PSF), {@link org.livedecon.sim.cli.SimDemoCommand} (the main job:
 * acquire, deconvolve, show) and {@link org.livedecon.sim.cli.LiveSimCommand} (the live engine fed by
 * the acquisition runner, with metrics and soak). Shared: {@link org.livedecon.sim.cli.SimulationOptions}
 * (sample, optics, camera) and {@code StackAcquisition} (one z-stack through the runner).
 */
package org.livedecon.sim.cli;
