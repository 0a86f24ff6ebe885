/**
 * PSF calibration from beads, against the hardware contract only (no Micro-Manager types).
 *
 * <ul>
 *   <li>{@link org.livedecon.core.calibration.PsfExtractor}: bead stack → PSF
 *       ({@link org.livedecon.core.calibration.BeadDetector} detection, rejection by
 *       {@link org.livedecon.core.calibration.RejectionReason}, phasor localisation,
 *       {@link org.livedecon.core.calibration.SubVoxelShift} phase-ramp alignment, averaging,
 *       {@link org.livedecon.core.calibration.BeadCorrection} bead-size correction), with
 *       {@link org.livedecon.core.calibration.ExtractionSettings} in and an
 *       {@link org.livedecon.core.calibration.ExtractionResult} (PSF, beads,
 *       {@link org.livedecon.core.calibration.QualityReport}) out.</li>
 *   <li>{@link org.livedecon.core.calibration.CalibrationSession}: preview, z-scan plan, acquisition
 *       with progress and cancel, extraction; restores focus, exposure and ROI in every case.</li>
 *   <li>{@link org.livedecon.core.calibration.PsfMeasures} (FWHM, centre, NRMSE),
 *       {@link org.livedecon.core.calibration.OpticsFacts} (closed-form FWHM and Nyquist),
 *       {@link org.livedecon.core.calibration.JsonWriter} (report JSON).</li>
 * </ul>
 * Units: µm for lengths, ms for exposure, ADU for camera values, voxels where stated.
 */
package org.livedecon.core.calibration;
