package org.livedecon.mm.wizard;

import java.util.Locale;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.mm.settings.ChannelPsf;
import org.livedecon.mm.settings.PluginSettings;

/**
 * What the user enters in the PSF wizard (optics, preview and scan pages), as one immutable value:
 * a page reads all its fields into a {@link Builder} and hands the model the whole new value
 * ({@link CalibrationWizardModel#setInputs}), so a page whose fields cannot all be read changes
 * nothing. Values are checked where they are used ({@link CalibrationWizardModel#settings()},
 * {@link CalibrationWizardModel#optics()}), with messages naming them, not here: the pages show
 * those messages. NaN means "not entered": the theory's z step and range, the hardware's pixel
 * size and exposure. Focus limits are not here: they follow the focus until the user enters them
 * ({@link CalibrationWizardModel#setFocusLimitsUm}).
 */
public final class WizardInputs {
    /**
     * The optics the wizard starts with are the processor's default theoretical PSF (model, NA,
     * emission, immersion), so that both windows name one default optics and one theory.
     */
    private static final ChannelPsf DEFAULT_OPTICS = PluginSettings.defaults().defaultPsf();
    private static final WizardInputs DEFAULTS = new Builder().build();

    private final String preset;
    private final double na;
    private final double immersionIndex;
    private final double wavelengthUm;
    private final double pixelSizeUm;
    private final double zStepUm;
    private final double zHalfRangeUm;
    private final double beadDiameterUm;
    private final double exposureMs;
    private final int framesPerPlane;
    private final PsfModel theoryModel;

    private WizardInputs(Builder b) {
        preset = b.preset;
        na = b.na;
        immersionIndex = b.immersionIndex;
        wavelengthUm = b.wavelengthUm;
        pixelSizeUm = b.pixelSizeUm;
        zStepUm = b.zStepUm;
        zHalfRangeUm = b.zHalfRangeUm;
        beadDiameterUm = b.beadDiameterUm;
        exposureMs = b.exposureMs;
        framesPerPlane = b.framesPerPlane;
        theoryModel = b.theoryModel;
    }

    /** The processor's default optics, bead 0.1 µm, one frame per plane, nothing else entered. */
    public static WizardInputs defaults() { return DEFAULTS; }

    public Builder toBuilder() { return new Builder(this); }

    /** The objective preset the NA and immersion index come from, "" when entered by hand. */
    public String preset() { return preset; }
    public double na() { return na; }
    public double immersionIndex() { return immersionIndex; }
    /** Emission wavelength, µm. */
    public double wavelengthUm() { return wavelengthUm; }
    /** Pixel size at the sample, µm; NaN if unknown. */
    public double pixelSizeUm() { return pixelSizeUm; }
    /** The z step entered, NaN for the theory's. */
    public double zStepUm() { return zStepUm; }
    /** Half the z range entered, NaN for the theory's. */
    public double zHalfRangeUm() { return zHalfRangeUm; }
    public double beadDiameterUm() { return beadDiameterUm; }
    /** Exposure for the preview and the scan, ms; NaN for the camera's. */
    public double exposureMs() { return exposureMs; }
    public int framesPerPlane() { return framesPerPlane; }
    /** The theory the measured PSF is compared with. */
    public PsfModel theoryModel() { return theoryModel; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WizardInputs)) return false;
        WizardInputs w = (WizardInputs) o;
        return preset.equals(w.preset) && same(na, w.na) && same(immersionIndex, w.immersionIndex)
                && same(wavelengthUm, w.wavelengthUm) && same(pixelSizeUm, w.pixelSizeUm) && same(zStepUm, w.zStepUm)
                && same(zHalfRangeUm, w.zHalfRangeUm) && same(beadDiameterUm, w.beadDiameterUm)
                && same(exposureMs, w.exposureMs) && framesPerPlane == w.framesPerPlane && theoryModel == w.theoryModel;
    }

    @Override
    public int hashCode() {
        int h = preset.hashCode();
        for (double v : new double[] {na, immersionIndex, wavelengthUm, pixelSizeUm, zStepUm, zHalfRangeUm, beadDiameterUm,
            exposureMs}) {
            h = 31 * h + Double.hashCode(v);
        }
        return 31 * (31 * h + framesPerPlane) + theoryModel.hashCode();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%sNA %s, immersion %s, emission %s µm, pixel %s µm, z step %s µm, "
                + "half range %s µm, bead %s µm, exposure %s ms, %d frame(s) per plane, theory %s",
                preset.isEmpty() ? "" : preset + ": ", na, immersionIndex, wavelengthUm, pixelSizeUm, zStepUm, zHalfRangeUm,
                beadDiameterUm, exposureMs, framesPerPlane, theoryModel.label());
    }

    /** NaN equals NaN: "not entered" is a value here. */
    private static boolean same(double a, double b) { return Double.compare(a, b) == 0; }

    /** Not thread-safe; {@link #build()} copies, so a builder can go on after it. */
    public static final class Builder {
        private String preset = "";
        private double na = DEFAULT_OPTICS.na();
        private double immersionIndex = DEFAULT_OPTICS.immersionIndex();
        private double wavelengthUm = DEFAULT_OPTICS.wavelengthUm();
        private double pixelSizeUm = Double.NaN;
        private double zStepUm = Double.NaN;
        private double zHalfRangeUm = Double.NaN;
        private double beadDiameterUm = 0.1;
        private double exposureMs = Double.NaN;
        private int framesPerPlane = 1;
        private PsfModel theoryModel = DEFAULT_OPTICS.model();

        private Builder() {
        }

        private Builder(WizardInputs w) {
            preset = w.preset;
            na = w.na;
            immersionIndex = w.immersionIndex;
            wavelengthUm = w.wavelengthUm;
            pixelSizeUm = w.pixelSizeUm;
            zStepUm = w.zStepUm;
            zHalfRangeUm = w.zHalfRangeUm;
            beadDiameterUm = w.beadDiameterUm;
            exposureMs = w.exposureMs;
            framesPerPlane = w.framesPerPlane;
            theoryModel = w.theoryModel;
        }

        /** An objective preset: its name, NA and immersion index together. */
        public Builder preset(String name, double na, double immersionIndex) {
            this.preset = name == null ? "" : name;
            this.na = na;
            this.immersionIndex = immersionIndex;
            return this;
        }

        /** NA entered by hand: no longer a preset's. */
        public Builder na(double v) { na = v; preset = ""; return this; }
        /** Immersion index entered by hand: no longer a preset's. */
        public Builder immersionIndex(double v) { immersionIndex = v; preset = ""; return this; }
        public Builder wavelengthUm(double v) { wavelengthUm = v; return this; }
        public Builder pixelSizeUm(double v) { pixelSizeUm = v; return this; }
        public Builder zStepUm(double v) { zStepUm = v; return this; }
        public Builder zHalfRangeUm(double v) { zHalfRangeUm = v; return this; }
        public Builder beadDiameterUm(double v) { beadDiameterUm = v; return this; }
        public Builder exposureMs(double v) { exposureMs = v; return this; }
        public Builder framesPerPlane(int v) { framesPerPlane = v; return this; }

        public Builder theoryModel(PsfModel v) {
            if (v == null) throw new IllegalArgumentException("the theory model is required");
            theoryModel = v;
            return this;
        }

        public WizardInputs build() { return new WizardInputs(this); }
    }
}
