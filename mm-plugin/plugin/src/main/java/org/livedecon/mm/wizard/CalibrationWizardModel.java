package org.livedecon.mm.wizard;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.livedecon.core.calibration.Bead;
import org.livedecon.core.calibration.CalibrationException;
import org.livedecon.core.calibration.CalibrationListener;
import org.livedecon.core.calibration.CalibrationSession;
import org.livedecon.core.calibration.CalibrationSettings;
import org.livedecon.core.calibration.CameraDark;
import org.livedecon.core.calibration.ExtractionResult;
import org.livedecon.core.calibration.ExtractionSettings;
import org.livedecon.core.calibration.OpticsFacts;
import org.livedecon.core.calibration.Preview;
import org.livedecon.core.calibration.PsfReportPng;
import org.livedecon.core.calibration.QualityReport;
import org.livedecon.core.calibration.RejectionReason;
import org.livedecon.core.calibration.ScanPlan;
import org.livedecon.core.calibration.TooFewBeadsException;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Microscope;
import org.livedecon.core.hardware.Shutter;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.mm.settings.PsfAssignments;



/**
 * The PSF calibration wizard without Swing: the inputs of each page and the work behind each step,
 * over {@link CalibrationSession}. Steps, in order: {@link #readHardware()} (pixel size, exposure,
 * focus and default focus limits), optics ({@link #setInputs}, {@link #applyPreset}), {@link #preview()} and
 * {@link #useSuggestedExposure()}, {@link #plan()}, {@link #acquire} (live mode paused, focus,
 * exposure and ROI restored by the session), the bead review ({@link #rejectionCounts()},
 * {@link #scanProjection()}), the result ({@link #reportImage()}, {@link #fwhmTable()}) and
 * {@link #save}.
 *
 * <p><b>Focus limits.</b> MMCore reports no stage travel: the wizard's limits default to the
 * current focus ± {@value #DEFAULT_LIMIT_HALF_RANGE_UM} µm and the user may edit them; the scan
 * is checked against them (and against the drive's own, if it has any) before anything moves.
 *
 * <p>Threading: the hardware steps block and belong on a worker thread; the inputs and the step
 * methods are called by one thread at a time (the EDT hands over to the worker). {@link #cancel()}
 * may be called from any thread.
 */
public final class CalibrationWizardModel {
    /** Half of the default focus range the scan may use about the focus found at start, µm. */
    public static final double DEFAULT_LIMIT_HALF_RANGE_UM = 100;

    /** Micro-Manager's live mode, paused during the scan. */
    public interface LiveMode {
        /** No live mode (tests, the simulator). */
        LiveMode NONE = new LiveMode() {
            @Override
            public boolean isOn() { return false; }

            @Override
            public void setOn(boolean on) {}
        };

        boolean isOn();

        void setOn(boolean on);
    }

    private final Microscope hardware;
    private final PsfLibrary library;
    private final LiveMode live;

    /** What the user entered (or the hardware gave where nothing was entered). */
    private WizardInputs inputs = WizardInputs.defaults();
    private double hardwarePixelSizeUm = Double.NaN;
    /** The last theoretical FWHMs shown on the optics page, and what they were computed for. */
    private String theoryFwhmKey;
    private double[] theoryFwhm;
    private double focusLowerUm = Double.NaN;
    private double focusUpperUm = Double.NaN;
    private double focusAtStartUm = Double.NaN;
    /** True once the user set focus limits other than the defaults about the focus. */
    private boolean limitsEntered;

    private volatile CalibrationSession running;
    private volatile WizardMicroscope scope;
    private Preview preview;
    private boolean exposureIneffective;
    private float[] previewImage;
    private int previewWidth;
    private int previewHeight;
    private float[] projection;
    private int projectionWidth;
    private int projectionHeight;
    private ExtractionResult result;
    private CameraDark dark;
    private Shutter shutter;
    /** The name the last PSF was acquired under. */
    private String resultName;
    /** The beads of the last scan when the extraction refused it (too few usable), else null. */
    private List<Bead> refusedBeads;

    /**
     * @param hardware the microscope (MMCore or simulated)
     * @param library where {@link #save} puts the PSF
     * @param live Micro-Manager's live mode ({@link LiveMode#NONE} when there is none)
     */
    public CalibrationWizardModel(Microscope hardware, PsfLibrary library, LiveMode live) {
        if (hardware == null || library == null || live == null) {
            throw new IllegalArgumentException("hardware, PSF library and live mode are required, got " + hardware + ", "
                    + library + ", " + live);
        }
        this.hardware = hardware;
        this.library = library;
        this.live = live;
    }

    // ----- page 1: optics -----

    /** Objective presets by name: {@code [NA, immersion index]}, sorted by name. */
    public static Map<String, double[]> objectivePresets() {
        return org.livedecon.core.psf.model.ObjectivePresets.all();
    }

    /** Sets NA and immersion index from a preset of {@link #objectivePresets()}. */
    public void applyPreset(String name) {
        double[] v = objectivePresets().get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown objective preset '" + name + "': known are "
                    + objectivePresets().keySet());
        }
        inputs = inputs.toBuilder().preset(name, v[0], v[1]).build();
    }

    /**
     * Reads the pixel size, the exposure and the focus position; the focus limits become the focus ±
     * {@value #DEFAULT_LIMIT_HALF_RANGE_UM} µm (within the drive's own, if it has any).
     */
    public void readHardware() throws CalibrationException {
        double before = hardwarePixelSizeUm;
        try {
            hardwarePixelSizeUm = hardware.pixelSizeUm();
        } catch (HardwareException e) {
            hardwarePixelSizeUm = Double.NaN; // the user enters it on the optics page
        }
        // the pixel size follows the hardware (another objective) unless the user typed their own
        if (Double.isNaN(inputs.pixelSizeUm()) || inputs.pixelSizeUm() == before) {
            inputs = inputs.toBuilder().pixelSizeUm(hardwarePixelSizeUm).build();
        }
        try {
            inputs = inputs.toBuilder().exposureMs(hardware.camera().exposureMs()).build();
            focusAtStartUm = hardware.focus().positionUm();
        } catch (HardwareException e) {
            throw new CalibrationException("cannot read the hardware: " + e.getMessage(), e);
        }
        limitsEntered = false;
        defaultLimits(focusAtStartUm);
    }

    /** Focus ± {@value #DEFAULT_LIMIT_HALF_RANGE_UM} µm, within the drive's own limits. */
    private void defaultLimits(double focusUm) {
        focusLowerUm = Math.max(focusUm - DEFAULT_LIMIT_HALF_RANGE_UM, hardware.focus().lowerLimitUm());
        focusUpperUm = Math.min(focusUm + DEFAULT_LIMIT_HALF_RANGE_UM, hardware.focus().upperLimitUm());
    }

    /** The optics as entered. @throws IllegalArgumentException naming the bad value */
    public Optics optics() {
        return Optics.builder().na(inputs.na()).immersionIndex(inputs.immersionIndex())
                .sampleIndex(inputs.immersionIndex()).wavelengthUm(inputs.wavelengthUm()).build();
    }

    /**
     * What the optics imply: Nyquist sampling, the theoretical FWHMs and warnings for under-sampling
     * (lines of text, for the optics page).
     */
    public List<String> opticsFacts() {
        List<String> out = new ArrayList<String>();
        Optics o;
        try {
            o = optics();
        } catch (IllegalArgumentException e) {
            out.add("invalid optics: " + e.getMessage());
            return out;
        }
        double nx = OpticsFacts.nyquistLateralUm(o), nz = OpticsFacts.nyquistAxialUm(o);
        out.add(String.format(Locale.ROOT, "Nyquist sampling: pixel %.3f µm, z step %.3f µm", nx, nz));
        double[] f = theoryFwhmUm();
        if (f != null) {
            // the same model, optics and sampling as the theory column of the result
            out.add(String.format(Locale.ROOT, "theoretical FWHM (%s, at this pixel size and z step): lateral %.3f µm, "
                    + "axial %.3f µm", inputs.theoryModel().label(), f[0], f[2]));
        }
        if (inputs.pixelSizeUm() > 1.2 * nx) {
            out.add(String.format(Locale.ROOT, "warning: pixel %.3f µm is %.1fx Nyquist: the PSF will be under-sampled",
                    inputs.pixelSizeUm(), inputs.pixelSizeUm() / nx));
        }
        double step = effectiveZStepUm();
        if (step > nz * 1.0001) {
            out.add(String.format(Locale.ROOT, "warning: z step %.3f µm is %.1fx Nyquist: use %.3f µm or less", step,
                    step / nz, nz));
        }
        return out;
    }

    /**
     * FWHM x, y, z (µm) of the {@link #theoryModel()} PSF for these optics on the scan's sampling
     * (pixel size × z step), measured as the result page measures the theory; null without a pixel
     * size. Cached for the last inputs (a Gibson–Lanni PSF takes a moment).
     */
    public double[] theoryFwhmUm() {
        double pixelSizeUm = inputs.pixelSizeUm();
        if (!(pixelSizeUm > 0) || Double.isInfinite(pixelSizeUm)) return null;
        PsfModel theoryModel = inputs.theoryModel();
        Optics o = optics();
        double dz = effectiveZStepUm();
        // deep enough that the axial profile falls below half: ±2 closed-form axial FWHM
        int half = (int) Math.min(400, Math.ceil(2 * OpticsFacts.axialFwhmUm(o) / dz));
        String key = theoryModel + " " + o + " " + pixelSizeUm + " " + dz + " " + half;
        if (!key.equals(theoryFwhmKey)) {
            theoryFwhm = QualityReport.theoryFwhmUm(theoryModel, o, org.livedecon.core.volume.Shape.of(31, 31, 2 * half + 1),
                    org.livedecon.core.volume.VoxelSize.of(pixelSizeUm, dz));
            theoryFwhmKey = key;
        }
        return theoryFwhm.clone();
    }

    /** The z step the scan will use: the entered one, else min(Nyquist z, 0.2 µm). */
    public double effectiveZStepUm() {
        return Double.isNaN(inputs.zStepUm()) ? Math.min(OpticsFacts.nyquistAxialUm(optics()), 0.2) : inputs.zStepUm();
    }

    /**
     * Half the z range the scan covers: {@link #effectiveZHalfRangeUm()} rounded up to whole z
     * steps, as {@link #plan()} lays the planes out (the number shown for the scan).
     */
    public double plannedZHalfRangeUm() {
        double step = effectiveZStepUm();
        return Math.ceil(effectiveZHalfRangeUm() / step - 1e-9) * step;
    }

    /** Half the z range the scan will use: the entered one, else max(5 FWHM_z, 3 FWHM_z + 1 µm) of the theory. */
    public double effectiveZHalfRangeUm() {
        double fz = OpticsFacts.axialFwhmUm(optics());
        return Double.isNaN(inputs.zHalfRangeUm()) ? Math.max(5 * fz, 3 * fz + 1) : inputs.zHalfRangeUm();
    }

    // ----- page 2: preview and exposure -----

    /**
     * Snaps one preview at {@link #exposureMs()} (set for the snap and put back afterwards) and
     * measures it: brightest pixel, saturation, suggested exposure. The image is kept for display.
     * Live mode is paused for the snap.
     */
    public Preview preview() throws CalibrationException {
        boolean wasLive = live.isOn();
        if (wasLive) live.setOn(false);
        try {
            return snapPreview();
        } finally {
            if (wasLive) live.setOn(true);
        }
    }

    private Preview snapPreview() throws CalibrationException {
        WizardMicroscope m = microscope();
        double exposureMs = inputs.exposureMs();
        double before;
        try {
            before = m.camera().exposureMs();
            if (!Double.isNaN(exposureMs) && exposureMs != before) m.camera().setExposureMs(exposureMs);
        } catch (HardwareException e) {
            throw new CalibrationException("cannot set the exposure to " + exposureMs + " ms: " + e.getMessage(), e);
        }
        try {
            Preview before2 = preview;
            preview = new CalibrationSession(m, settings()).preview();
            if (before2 != null && CalibrationSession.exposureHasNoEffect(before2, preview)) exposureIneffective = true;
            previewImage = m.lastFrame();
            previewWidth = m.recordedWidth();
            previewHeight = m.recordedHeight();
            return preview;
        } finally {
            try {
                if (m.camera().exposureMs() != before) m.camera().setExposureMs(before);
            } catch (HardwareException e) {
                throw new CalibrationException("cannot restore the exposure of " + before + " ms: " + e.getMessage(), e);
            }
        }
    }

    /** The last preview, or null. */
    public Preview lastPreview() { return preview; }

    /** Pixels of the last preview (ADU, {@code x + width * y}), or null. */
    public float[] previewImage() { return previewImage == null ? null : previewImage.clone(); }

    public int previewWidth() { return previewWidth; }

    public int previewHeight() { return previewHeight; }

    /**
     * True once two previews at clearly different exposures had the same brightest pixel: the
     * camera's brightness does not follow the exposure (Micro-Manager's DemoCamera), and
     * {@link #suggestedExposureMs()} stops changing it.
     */
    public boolean exposureIneffective() { return exposureIneffective; }

    /**
     * The exposure the wizard suggests (ms): the last preview's (bounded, {@link Preview}), or the
     * exposure of that preview once the exposure proved to have no effect. NaN before a preview.
     */
    public double suggestedExposureMs() {
        if (preview == null) return Double.NaN;
        return exposureIneffective ? preview.exposureMs() : preview.suggestedExposureMs();
    }

    /** Takes {@link #suggestedExposureMs()}. @throws IllegalStateException before a preview */
    public void useSuggestedExposure() {
        if (preview == null) throw new IllegalStateException("snap a preview first");
        inputs = inputs.toBuilder().exposureMs(suggestedExposureMs()).build();
    }

    // ----- page 3: z-scan -----

    /**
     * The z-scan about the current focus from the entered (or theoretical) range and step.
     *
     * @throws CalibrationException naming the range and the limits when it leaves them
     */
    public ScanPlan plan() throws CalibrationException {
        return new CalibrationSession(microscope(), settings()).plan();
    }

    // ----- page 4: acquisition -----

    /**
     * Acquires the scan and extracts the PSF ({@link CalibrationSession#run}): live mode is switched
     * off first and back on afterwards if it was on; the session restores focus, exposure and ROI.
     *
     * @param name the PSF's name in reports
     * @throws org.livedecon.core.calibration.CalibrationCancelledException after {@link #cancel()}
     */
    public ExtractionResult acquire(String name, CalibrationListener listener) throws CalibrationException {
        WizardMicroscope m = microscope();
        CalibrationSession session = new CalibrationSession(m, settings());
        running = session;
        result = null;
        refusedBeads = null;
        projection = null;
        boolean wasLive = live.isOn();
        try {
            if (wasLive) live.setOn(false);
            m.resetRecording();
            try {
                result = session.run(name, listener);
                resultName = name;
            } catch (TooFewBeadsException e) {
                refusedBeads = e.beads(); // the bead page shows what the refusal counted
                throw e;
            } finally {
                projection = m.maxProjection();
                projectionWidth = m.recordedWidth();
                projectionHeight = m.recordedHeight();
            }
            return result;
        } finally {
            running = null;
            if (wasLive) live.setOn(true);
        }
    }

    /** Stops a running acquisition before its next plane (any thread); no effect otherwise. */
    public void cancel() {
        CalibrationSession s = running;
        if (s != null) s.cancel();
    }

    /** The frames recorded so far by the running (or last) acquisition: maximum projection, or null. */
    public float[] liveProjection() {
        WizardMicroscope m = scope;
        return m == null ? null : m.maxProjection();
    }

    /** Width of {@link #liveProjection()}, 0 when there is none. */
    public int liveProjectionWidth() {
        WizardMicroscope m = scope;
        return m == null ? 0 : m.recordedWidth();
    }

    // ----- page 5: beads -----

    /** The name given to the last acquisition that produced a PSF, or null. */
    public String resultName() { return result == null ? null : resultName; }

    /** The last extraction, or null. */
    public ExtractionResult result() { return result; }

    /** Maximum projection of the scan (ADU, {@code x + width * y}), or null before a scan. */
    public float[] scanProjection() { return projection == null ? null : projection.clone(); }

    public int projectionWidth() { return projectionWidth; }

    public int projectionHeight() { return projectionHeight; }

    /** Beads used, and rejected by reason (every reason listed, in declaration order). */
    public Map<String, Integer> beadCounts() {
        Map<String, Integer> out = new LinkedHashMap<String, Integer>();
        int used = 0;
        for (Bead b : beads()) if (b.accepted()) used++;
        out.put("used", used);
        for (Map.Entry<RejectionReason, Integer> e : rejectionCounts().entrySet()) out.put(e.getKey().label(), e.getValue());
        return out;
    }

    /**
     * The beads of the last scan with their rejection reasons: those of the result, or those of a
     * refused extraction (too few usable beads); empty before a scan.
     */
    public List<Bead> beads() {
        if (result != null) return result.beads();
        return refusedBeads == null ? Collections.<Bead>emptyList() : refusedBeads;
    }

    /** Rejected beads by reason, counted from {@link #beads()} (0 for reasons that did not occur). */
    public Map<RejectionReason, Integer> rejectionCounts() {
        Map<RejectionReason, Integer> out = new EnumMap<RejectionReason, Integer>(RejectionReason.class);
        for (RejectionReason r : RejectionReason.values()) out.put(r, 0);
        for (Bead b : beads()) if (!b.accepted()) out.put(b.rejection(), out.get(b.rejection()) + 1);
        return out;
    }

    // ----- page 6: result -----

    /** The report picture (XY/XZ/YZ sections and profiles, {@link PsfReportPng}). */
    public BufferedImage reportImage() throws IOException {
        if (result == null) throw new IllegalStateException("no PSF measured yet");
        Path tmp = Files.createTempFile("livedecon-psf-report", ".png");
        try {
            PsfReportPng.write(result.psf(), result.report(), false, tmp);
            BufferedImage img = ImageIO.read(tmp.toFile());
            if (img == null) throw new IOException("cannot read back the report picture " + tmp);
            return img;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Rows {axis, measured µm, theory µm, ratio} for x, y, z; the header names the theory model. */
    public List<String[]> fwhmTable() {
        if (result == null) return Collections.emptyList();
        QualityReport r = result.report();
        List<String[]> rows = new ArrayList<String[]>();
        rows.add(new String[] {"axis", "FWHM measured (µm)", r.theoryModel().label() + " theory (µm)", "ratio"});
        String[] axes = {"x", "y", "z"};
        for (int a = 0; a < 3; a++) {
            // an axial profile that stays above half maximum over the measured depth is reported as
            // the bound that was measured, not as a number the PSF does not have
            boolean beyond = a == 2 && Double.isNaN(r.fwhmUm(a)) && r.cropHalfDepthUm() > 0;
            double bound = 2 * r.cropHalfDepthUm();
            rows.add(new String[] {axes[a],
                beyond ? String.format(Locale.ROOT, "> %.3f", bound) : String.format(Locale.ROOT, "%.3f", r.fwhmUm(a)),
                String.format(Locale.ROOT, "%.3f", r.theoryFwhmUm(a)),
                beyond ? String.format(Locale.ROOT, "> %.2f", bound / r.theoryFwhmUm(a))
                        : String.format(Locale.ROOT, "%.2f", r.fwhmRatio(a))});
        }
        return rows;
    }

    // ----- page 7: save -----

    /**
     * Saves the PSF in the library under {@code name} and, when {@code channel} ≥ 0 (or
     * {@link PsfAssignments#DEFAULT}), assigns it to that channel index ({@link PsfAssignments}).
     * A channel below −1 saves without assigning.
     *
     * @return the saved TIFF
     */
    public Path save(String name, int channel) throws CalibrationException {
        return save(name, channel, false);
    }

    /**
     * As {@link #save(String, int)}; an entry of that name already in the library is replaced only
     * when {@code replace}, otherwise the save is refused and the entry left as it was.
     *
     * @throws CalibrationException naming the existing entry when it exists and {@code replace} is false
     */
    public Path save(String name, int channel, boolean replace) throws CalibrationException {
        if (result == null) throw new IllegalStateException("no PSF measured yet");
        String existing = replace ? null : existing(name);
        if (existing != null) {
            throw new CalibrationException("the PSF library already holds '" + name + "' (" + existing
                    + "): choose another name, or confirm replacing it");
        }
        Path tif = new CalibrationSession(hardware, settings()).save(result, name, library, dark);
        if (channel >= PsfAssignments.DEFAULT) {
            try {
                PsfAssignments.assign(library, channel, name);
            } catch (IOException e) {
                throw new CalibrationException("saved " + tif + " but cannot record the channel assignment in "
                        + library.folder().resolve(PsfAssignments.FILE_NAME) + ": " + e.getMessage(), e);
            }
        }
        return tif;
    }

    public PsfLibrary library() { return library; }

    /**
     * A short description of the library's entry {@code name} (its file name and when it was
     * saved; no folder, so that it fits the wizard's status lines), or null when there is none (or
     * the name is not a valid one).
     */
    public String existing(String name) {
        try {
            if (!library.contains(name)) return null;
            Path tif = library.folder().resolve(name + ".tif");
            String created = "";
            try {
                created = org.livedecon.core.psf.PsfFile.readMetadata(tif).created();
            } catch (IOException | RuntimeException e) {
                // the entry exists even when its sidecar cannot be read
            }
            return tif.getFileName() + (created == null || created.isEmpty() ? "" : ", saved " + created);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ----- dark step -----

    /**
     * The dark step: {@code frames} snaps with the shutter closed (auto-shutter off, shutter
     * closed, both restored afterwards) at the camera's current exposure, live mode paused; the
     * offset and read noise are saved with the PSF ({@link #save}) and used by the processor as b.
     */
    public CameraDark measureDark(Shutter shutter, int frames) throws CalibrationException {
        if (shutter == null) throw new IllegalArgumentException("a shutter is required for dark frames");
        boolean wasLive = live.isOn();
        if (wasLive) live.setOn(false);
        try {
            dark = CameraDark.measure(hardware.camera(), shutter, frames, "wizard dark step");
            return dark;
        } catch (HardwareException e) {
            throw new CalibrationException("dark frames failed: " + e.getMessage(), e);
        } finally {
            if (wasLive) live.setOn(true);
        }
    }

    /** The dark measurement of this session, or null. */
    public CameraDark dark() { return dark; }

    /** The shutter the dark step closes (Micro-Manager's Core-Shutter), or null when there is none. */
    public Shutter shutter() { return shutter; }

    public void setShutter(Shutter s) { shutter = s; }

    // ----- settings -----

    /** The session settings from the inputs. @throws IllegalArgumentException naming a bad value */
    public CalibrationSettings settings() {
        double beadDiameterUm = inputs.beadDiameterUm();
        if (!(beadDiameterUm >= 0 && beadDiameterUm < 5)) {
            throw new IllegalArgumentException("bead diameter must be 0 to 5 µm, got " + beadDiameterUm);
        }
        ExtractionSettings es = ExtractionSettings.builder().optics(optics()).theoryModel(inputs.theoryModel())
                .beadDiameterUm(beadDiameterUm).build();
        return CalibrationSettings.builder().extraction(es).zStepUm(effectiveZStepUm()).zHalfRangeUm(effectiveZHalfRangeUm())
                .exposureMs(inputs.exposureMs()).framesPerPlane(inputs.framesPerPlane()).build();
    }

    /** The hardware as the session sees it: the user's limits and pixel size. */
    private WizardMicroscope microscope() throws CalibrationException {
        if (Double.isNaN(focusLowerUm)) readHardware();
        double pixelSizeUm = inputs.pixelSizeUm();
        if (!(pixelSizeUm > 0) || Double.isInfinite(pixelSizeUm)) {
            throw new CalibrationException("no pixel size: enter the pixel size at the sample in µm (Micro-Manager "
                    + "reports " + hardwarePixelSizeUm + ")");
        }
        try {
            double f = hardware.focus().positionUm();
            // the focus may have moved since the wizard opened: limits nobody entered follow it
            if (!limitsEntered) defaultLimits(f);
            if (f < focusLowerUm || f > focusUpperUm) {
                throw new CalibrationException(String.format(Locale.ROOT, "the focus at %.3f µm lies outside the limits "
                        + "[%.3f, %.3f] µm set for the calibration", f, focusLowerUm, focusUpperUm));
            }
        } catch (HardwareException e) {
            throw new CalibrationException("cannot read the focus position: " + e.getMessage(), e);
        }
        double override = pixelSizeUm == hardwarePixelSizeUm ? Double.NaN : pixelSizeUm;
        WizardMicroscope m = new WizardMicroscope(hardware, focusLowerUm, focusUpperUm, override);
        scope = m;
        return m;
    }

    // ----- inputs -----

    /**
     * The optics, preview and scan inputs as entered; {@link #readHardware()} puts in the camera's
     * exposure and the hardware's pixel size (unless the user typed their own).
     */
    public WizardInputs inputs() { return inputs; }

    /** Takes a page's inputs, all at once. */
    public void setInputs(WizardInputs v) {
        if (v == null) throw new IllegalArgumentException("inputs are required");
        inputs = v;
    }

    // read shortcuts for the pages: inputs().x()
    public String preset() { return inputs.preset(); }
    public double na() { return inputs.na(); }
    public double immersionIndex() { return inputs.immersionIndex(); }
    /** Emission wavelength, µm. */
    public double wavelengthUm() { return inputs.wavelengthUm(); }
    /** Pixel size at the sample, µm (the hardware's after {@link #readHardware()}, NaN if unknown). */
    public double pixelSizeUm() { return inputs.pixelSizeUm(); }
    /** The z step entered, NaN for the theory's. */
    public double zStepUm() { return inputs.zStepUm(); }
    /** Half the z range entered, NaN for the theory's. */
    public double zHalfRangeUm() { return inputs.zHalfRangeUm(); }
    public double beadDiameterUm() { return inputs.beadDiameterUm(); }
    /** Exposure for the preview and the scan, ms (the camera's after {@link #readHardware()}). */
    public double exposureMs() { return inputs.exposureMs(); }
    public int framesPerPlane() { return inputs.framesPerPlane(); }
    public PsfModel theoryModel() { return inputs.theoryModel(); }
    public double focusLowerUm() { return focusLowerUm; }
    public double focusUpperUm() { return focusUpperUm; }
    /** Focus position found by {@link #readHardware()}, µm. */
    public double focusAtStartUm() { return focusAtStartUm; }

    /** @throws IllegalArgumentException unless lower < upper */
    public void setFocusLimitsUm(double lower, double upper) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("focus limits need lower < upper, got [" + lower + ", " + upper + "] µm");
        }
        if (lower != focusLowerUm || upper != focusUpperUm) limitsEntered = true;
        focusLowerUm = lower;
        focusUpperUm = upper;
    }
}
