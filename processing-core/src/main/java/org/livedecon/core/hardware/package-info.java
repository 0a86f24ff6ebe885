/**
 * The hardware contract: {@link org.livedecon.core.hardware.Microscope} with its
 * {@link org.livedecon.core.hardware.Camera} and {@link org.livedecon.core.hardware.FocusDrive}.
 * Units: µm for positions and pixel sizes, ms for exposure, sensor pixels for ROIs. The
 * Micro-Manager plugin implements it over MMCore, device-sim with a simulated microscope.
 */
package org.livedecon.core.hardware;
