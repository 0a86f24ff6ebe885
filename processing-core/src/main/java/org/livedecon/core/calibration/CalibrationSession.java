package org.livedecon.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.livedecon.core.hardware.Camera;
import org.livedecon.core.hardware.FocusDrive;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Microscope;
import org.livedecon.core.hardware.Roi;
import org.livedecon.core.volume.Planes;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * A headless PSF calibration against the hardware contract ({@link Microscope} only): optics from
 * the settings and the pixel size from the hardware, a preview snap with a saturation check and a
 * suggested exposure, a z-scan about the current focus (range and step from the theory unless
 * set), acquisition with progress, cancel and optional frame averaging, then detection and
 * extraction ({@link PsfExtractor}). A wizard UI drives the same steps.
 *
 * <p><b>Safety.</b> {@link #run} and {@link #acquire} record the focus position, exposure and ROI
 * first and restore them in a {@code finally} block, after success, failure or cancel; a failure
 * while restoring is attached to the primary error (or thrown when there is none). The z-scan is
 * checked against the drive's limits before anything moves. Scans are unidirectional, low to high.
 *
 * <p>Not thread-safe, except {@link #cancel()}, which any thread may call.
 */
public final class CalibrationSession {
    private final Microscope microscope;
    private final CalibrationSettings settings;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public CalibrationSession(Microscope microscope, CalibrationSettings settings) {
        if (microscope == null || settings == null) {
            throw new IllegalArgumentException("microscope and settings are required, got " + microscope + ", " + settings);
        }
        this.microscope = microscope;
        this.settings = settings;
    }

    /** Asks the acquisition to stop before its next plane (any thread). */
    public void cancel() { cancelled.set(true); }

    public boolean isCancelled() { return cancelled.get(); }

    /** Snaps one image at the current settings and measures it. Changes nothing. */
    public Preview preview() throws CalibrationException {
        Camera cam = microscope.camera();
        try {
            Roi roi = cam.roi();
            int n = roi.width() * roi.height();
            float[] img = new float[n];
            Planes.toFloat(cam.snap(), n, img, 0, "preview");
            double full = fullScale(cam);
            double max = Double.NEGATIVE_INFINITY;
            int sat = 0;
            for (float v : img) {
                max = Math.max(max, v);
                if (v >= full - 1) sat++;
            }
            return new Preview(cam.exposureMs(), max, PsfMeasures.median(img), sat, full);
        } catch (HardwareException e) {
            throw new CalibrationException("preview snap failed: " + e.getMessage(), e);
        }
    }

    /**
     * The z-scan about the current focus: ± {@link CalibrationSettings#zHalfRangeUm()} (auto:
     * max(5 FWHM_z, 3 FWHM_z + 1 µm)) in steps of {@link CalibrationSettings#zStepUm()} (auto:
     * min(Nyquist z, 0.2 µm)).
     *
     * @throws CalibrationException naming the range and the limits when the scan leaves the drive's travel
     */
    public ScanPlan plan() throws CalibrationException {
        FocusDrive focus = microscope.focus();
        double centre;
        try {
            centre = focus.positionUm();
        } catch (HardwareException e) {
            throw new CalibrationException("cannot read the focus position: " + e.getMessage(), e);
        }
        double fz = OpticsFacts.axialFwhmUm(settings.extraction().optics());
        double half = Double.isNaN(settings.zHalfRangeUm()) ? Math.max(5 * fz, 3 * fz + 1) : settings.zHalfRangeUm();
        double step = Double.isNaN(settings.zStepUm())
                ? Math.min(OpticsFacts.nyquistAxialUm(settings.extraction().optics()), 0.2) : settings.zStepUm();
        int k = (int) Math.ceil(half / step - 1e-9);
        ScanPlan plan = new ScanPlan(centre - k * step, step, 2 * k + 1);
        double lo = focus.lowerLimitUm(), hi = focus.upperLimitUm();
        if (plan.startUm() < lo - 1e-9 || plan.endUm() > hi + 1e-9) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the z-scan from %.3f to %.3f µm (focus %.3f ± %.3f µm) leaves the focus drive's limits [%.3f, %.3f] µm: "
                            + "move the focus away from the limit or reduce the z range", plan.startUm(), plan.endUm(),
                    centre, k * step, lo, hi));
        }
        return plan;
    }

    /**
     * Acquires the scan: for each plane, move, settle, average {@code framesPerPlane} snaps.
     * Restores the focus position afterwards, also on failure or cancel.
     *
     * @return the stack in ADU, voxel size pixel × pixel × step µm
     * @throws CalibrationCancelledException when {@link #cancel()} was called (checked before each plane)
     */
    public Volume acquire(ScanPlan plan, CalibrationListener listener) throws CalibrationException {
        State state = State.record(microscope);
        CalibrationException failure = null;
        try {
            return scan(plan, listener == null ? CalibrationListener.NONE : listener);
        } catch (CalibrationException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = new CalibrationException("acquisition failed: " + e, e);
            throw failure;
        } finally {
            state.restore(microscope, failure);
        }
    }

    /**
     * The whole calibration: preview (auto exposure or saturation check), plan, acquire, extract.
     * The focus, exposure and ROI are restored before it returns or throws.
     */
    public ExtractionResult run(String name, CalibrationListener listener) throws CalibrationException {
        CalibrationListener l = listener == null ? CalibrationListener.NONE : listener;
        State state = State.record(microscope);
        CalibrationException failure = null;
        Volume stack;
        int bitDepth;
        try {
            Camera cam = microscope.camera();
            bitDepth = cam.bitDepth();
            if (settings.roi() != null) cam.setRoi(settings.roi());
            if (!Double.isNaN(settings.exposureMs())) cam.setExposureMs(settings.exposureMs());
            l.step("preview");
            Preview p = preview();
            for (int i = 0; i < 6 && settings.autoExposure() && (p.saturated()
                    || Math.abs(p.suggestedExposureMs() / p.exposureMs() - 1) > 0.2); i++) {
                cam.setExposureMs(p.suggestedExposureMs());
                Preview q = preview();
                if (exposureHasNoEffect(p, q)) {
                    cam.setExposureMs(p.exposureMs()); // a simulated camera (the DemoCamera): keep what was set
                    p = q;
                    break;
                }
                p = q;
            }
            if (p.saturated()) {
                throw new CalibrationException(String.format(Locale.ROOT, "the preview is saturated: %d pixels at "
                        + "%.0f ADU (full scale %.0f) with %.4g ms exposure; use about %.4g ms or less light (or auto "
                        + "exposure)", p.saturatedPixels(), p.max(), p.fullScale(), p.exposureMs(),
                        p.suggestedExposureMs()));
            }
            ScanPlan plan = plan();
            l.step("acquisition");
            stack = scan(plan, l);
        } catch (HardwareException e) {
            failure = new CalibrationException("hardware failed during calibration: " + e.getMessage(), e);
            throw failure;
        } catch (CalibrationException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = new CalibrationException("calibration failed: " + e, e);
            throw failure;
        } finally {
            state.restore(microscope, failure);
        }
        l.step("extraction");
        ExtractionSettings es = settings.extraction().toBuilder().saturationLevel((1 << bitDepth) - 1).build();
        return PsfExtractor.extract(stack, name, es);
    }

    /**
     * The last step: stores the measured PSF in {@code library} under {@code name} with its
     * sidecar (optics, FWHM, beads, the bead diameter corrected for, and the hardware's pixel
     * size through the PSF's calibration).
     *
     * @return the saved TIFF
     * @throws CalibrationException naming the file when it cannot be written or the name is not valid
     */
    public java.nio.file.Path save(ExtractionResult result, String name, org.livedecon.core.psf.PsfLibrary library)
            throws CalibrationException {
        return save(result, name, library, null);
    }

    /** As {@link #save(ExtractionResult, String, org.livedecon.core.psf.PsfLibrary)}, recording the camera's dark offset (null: none). */
    public java.nio.file.Path save(ExtractionResult result, String name, org.livedecon.core.psf.PsfLibrary library,
                                   CameraDark dark) throws CalibrationException {
        ExtractionSettings es = settings.extraction();
        try {
            return library.save(name, result.psf(), result.metadata("calibration session '" + name + "'", "",
                    es.beadCorrection() ? es.beadDiameterUm() : Double.NaN, dark));
        } catch (IllegalArgumentException e) {
            throw new CalibrationException(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new CalibrationException("cannot save the PSF '" + name + "' in " + library.folder() + ": "
                    + e.getMessage(), e);
        }
    }

    private Volume scan(ScanPlan plan, CalibrationListener l) throws CalibrationException {
        FocusDrive focus = microscope.focus();
        Camera cam = microscope.camera();
        if (plan.startUm() < focus.lowerLimitUm() - 1e-9 || plan.endUm() > focus.upperLimitUm() + 1e-9) {
            throw new CalibrationException(String.format(Locale.ROOT, "%s leaves the focus drive's limits [%.3f, %.3f] µm",
                    plan, focus.lowerLimitUm(), focus.upperLimitUm()));
        }
        try {
            double pixel = microscope.pixelSizeUm();
            Roi roi = cam.roi();
            int n = roi.width() * roi.height();
            int frames = settings.framesPerPlane();
            List<float[]> planes = new ArrayList<float[]>();
            for (int k = 0; k < plan.planes(); k++) {
                if (cancelled.get()) {
                    throw new CalibrationCancelledException("calibration cancelled after " + k + " of " + plan.planes()
                            + " planes; focus, exposure and ROI restored");
                }
                focus.moveTo(plan.positionUm(k));
                focus.waitUntilSettled();
                float[] acc = new float[n];
                float[] frame = new float[n];
                for (int f = 0; f < frames; f++) {
                    Planes.toFloat(cam.snap(), n, frame, 0, "plane " + k + " frame " + f);
                    for (int i = 0; i < n; i++) acc[i] += frame[i];
                }
                if (frames > 1) for (int i = 0; i < n; i++) acc[i] /= frames;
                planes.add(acc);
                l.plane(k + 1, plan.planes());
            }
            return Volume.fromPlanes(planes, roi.width(), roi.height(), VoxelSize.of(pixel, plan.stepUm()));
        } catch (HardwareException e) {
            throw new CalibrationException("hardware failed during the z-scan: " + e.getMessage(), e);
        }
    }

    /**
     * True when two previews at exposures at least 1.5x apart have the same brightest pixel
     * (within 5 %): the camera's brightness does not follow its exposure (Micro-Manager's
     * DemoCamera), so changing the exposure only lengthens the scan.
     */
    public static boolean exposureHasNoEffect(Preview a, Preview b) {
        double r = Math.max(a.exposureMs(), b.exposureMs()) / Math.min(a.exposureMs(), b.exposureMs());
        return r >= 1.5 && !a.saturated() && !b.saturated() && Math.abs(a.max() - b.max()) <= 0.05 * Math.max(a.max(), b.max());
    }

    private static double fullScale(Camera cam) {
        return (1 << cam.bitDepth()) - 1;
    }

    /** Focus, exposure and ROI as found. */
    private static final class State {
        final double focusUm;
        final double exposureMs;
        final Roi roi;

        private State(double focusUm, double exposureMs, Roi roi) {
            this.focusUm = focusUm;
            this.exposureMs = exposureMs;
            this.roi = roi;
        }

        static State record(Microscope m) throws CalibrationException {
            try {
                return new State(m.focus().positionUm(), m.camera().exposureMs(), m.camera().roi());
            } catch (HardwareException e) {
                throw new CalibrationException("cannot read the hardware state before calibrating: " + e.getMessage(), e);
            }
        }

        /** Restores everything it can; failures go onto {@code primary} or are thrown when there is none. */
        void restore(Microscope m, CalibrationException primary) throws CalibrationException {
            List<String> failed = new ArrayList<String>();
            Exception first = null;
            try {
                m.focus().moveTo(focusUm);
                m.focus().waitUntilSettled();
            } catch (HardwareException | RuntimeException e) {
                failed.add("focus to " + focusUm + " µm: " + e.getMessage());
                first = e;
            }
            try {
                if (m.camera().exposureMs() != exposureMs) m.camera().setExposureMs(exposureMs);
            } catch (HardwareException | RuntimeException e) {
                failed.add("exposure to " + exposureMs + " ms: " + e.getMessage());
                if (first == null) first = e;
            }
            try {
                if (!roi.equals(m.camera().roi())) m.camera().setRoi(roi);
            } catch (HardwareException | RuntimeException e) {
                failed.add("ROI to " + roi + ": " + e.getMessage());
                if (first == null) first = e;
            }
            if (failed.isEmpty()) return;
            CalibrationException e = new CalibrationException("could not restore the hardware: " + failed, first);
            if (primary != null) primary.addSuppressed(e);
            else throw e;
        }
    }
}
