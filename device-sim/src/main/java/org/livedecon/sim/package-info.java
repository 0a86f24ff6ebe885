/**
 * A simulated widefield microscope behind the hardware contract of
 * {@link org.livedecon.core.hardware}: no Micro-Manager types.
 *
 * <ul>
 *   <li>Samples (ground truth in photons/s per voxel): {@link org.livedecon.sim.Sample},
 *       {@link org.livedecon.sim.BeadSample}, {@link org.livedecon.sim.CellSample},
 *       {@link org.livedecon.sim.UniformSample}, {@link org.livedecon.sim.VolumeSample}.</li>
 *   <li>Optics and PSF: {@link org.livedecon.sim.SimOptics}.</li>
 *   <li>Camera physics: {@link org.livedecon.sim.CameraModel} (parameters),
 *       {@link org.livedecon.sim.SimCamera} (the {@code Camera}),
 *       {@link org.livedecon.sim.PhotonSource} (what it looks at).</li>
 *   <li>Focus: {@link org.livedecon.sim.SimFocusDrive} (limits, settling, backlash).</li>
 *   <li>The whole: {@link org.livedecon.sim.SimulatedMicroscope} (image formation by a cached
 *       non-circulant FFT convolution, channels).</li>
 *   <li>Micro-Manager's demo: {@link org.livedecon.sim.DemoBeadMicroscope} (DemoCamera
 *       "Fluorescent Beads" with its Z stage; not a physical microscope, on purpose).</li>
 * </ul>
 * Units: µm, ms, photons/s, e⁻, ADU. Everything is deterministic for its seeds.
 */
package org.livedecon.sim;
