package org.livedecon.core.psf;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.livedecon.core.io.JsonWriter;

/**
 * What a saved PSF records about itself (the JSON sidecar next to its TIFF): where it came from,
 * the optics, the camera and sampling, the beads, and the measured FWHM. Units: µm. Immutable;
 * unknown numbers are NaN, unknown texts empty.
 */
public final class PsfMetadata {
    private final String source;
    private final String created;
    private final double na;
    private final double wavelengthUm;
    private final double immersionIndex;
    private final double sampleIndex;
    private final String camera;
    private final double pixelSizeUm;
    private final double zStepUm;
    private final double beadDiameterUm;
    private final int beadsUsed;
    private final double[] fwhmUm;
    private final double cameraOffsetAdu;
    private final double readNoiseAdu;

    private PsfMetadata(Builder b) {
        source = b.source;
        created = b.created;
        na = b.na;
        wavelengthUm = b.wavelengthUm;
        immersionIndex = b.immersionIndex;
        sampleIndex = b.sampleIndex;
        camera = b.camera;
        pixelSizeUm = b.pixelSizeUm;
        zStepUm = b.zStepUm;
        beadDiameterUm = b.beadDiameterUm;
        beadsUsed = b.beadsUsed;
        fwhmUm = b.fwhmUm.clone();
        cameraOffsetAdu = b.cameraOffsetAdu;
        readNoiseAdu = b.readNoiseAdu;
    }

    public static Builder builder() { return new Builder(); }

    public String source() { return source; }
    /** ISO-8601 date and time of the measurement. */
    public String created() { return created; }
    public double na() { return na; }
    public double wavelengthUm() { return wavelengthUm; }
    public double immersionIndex() { return immersionIndex; }
    public double sampleIndex() { return sampleIndex; }
    public String camera() { return camera; }
    public double pixelSizeUm() { return pixelSizeUm; }
    public double zStepUm() { return zStepUm; }
    public double beadDiameterUm() { return beadDiameterUm; }
    /** Beads averaged into the PSF; -1 when not measured from beads. */
    public int beadsUsed() { return beadsUsed; }
    /** FWHM along x, y, z in µm. */
    public double[] fwhmUm() { return fwhmUm.clone(); }

    /**
     * The camera offset (plus dark current) measured on dark frames when the PSF was calibrated,
     * ADU; NaN when not measured. The processor uses it as b for stacks deconvolved with this PSF.
     */
    public double cameraOffsetAdu() { return cameraOffsetAdu; }

    /** Read noise measured with the offset, ADU rms; NaN when not measured. */
    public double readNoiseAdu() { return readNoiseAdu; }

    /** Whether a dark offset was measured. */
    public boolean hasCameraOffset() { return !Double.isNaN(cameraOffsetAdu); }

    public String toJson() {
        JsonWriter w = new JsonWriter().beginObject();
        w.field("format", "livedecon-psf-1").field("source", source).field("created", created);
        w.beginObject("optics").field("na", na).field("wavelengthUm", wavelengthUm)
                .field("immersionIndex", immersionIndex).field("sampleIndex", sampleIndex).endObject();
        w.field("camera", camera).field("pixelSizeUm", pixelSizeUm).field("zStepUm", zStepUm);
        w.field("beadDiameterUm", beadDiameterUm).field("beadsUsed", beadsUsed);
        w.beginObject("fwhmUm").field("x", fwhmUm[0]).field("y", fwhmUm[1]).field("z", fwhmUm[2]).endObject();
        w.field("cameraOffsetAdu", cameraOffsetAdu).field("readNoiseAdu", readNoiseAdu);
        return w.endObject().toString();
    }

    /** Reads a sidecar written by {@link #toJson()}; missing fields stay unknown. */
    public static PsfMetadata fromJson(String json) {
        Builder b = builder().source(text(json, "source")).created(text(json, "created")).camera(text(json, "camera"))
                .optics(number(json, "na"), number(json, "wavelengthUm"), number(json, "immersionIndex"),
                        number(json, "sampleIndex"))
                .sampling(number(json, "pixelSizeUm"), number(json, "zStepUm"))
                .beads(number(json, "beadDiameterUm"), (int) orElse(number(json, "beadsUsed"), -1));
        Matcher f = Pattern.compile("\"fwhmUm\"\\s*:\\s*\\{([^}]*)\\}").matcher(json);
        if (f.find()) b.fwhmUm(number(f.group(1), "x"), number(f.group(1), "y"), number(f.group(1), "z"));
        b.dark(number(json, "cameraOffsetAdu"), number(json, "readNoiseAdu"));
        return b.build();
    }

    private static double orElse(double v, double fallback) { return Double.isNaN(v) ? fallback : v; }

    private static String text(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : "";
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
        if (!m.find()) return Double.NaN;
        try {
            return Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** One line for listings. */
    public String summary() {
        return String.format(Locale.ROOT, "%s; NA %.3g, %.3g µm; FWHM x %.3f y %.3f z %.3f µm; %s beads; %s",
                created.isEmpty() ? "date unknown" : created, na, wavelengthUm, fwhmUm[0], fwhmUm[1], fwhmUm[2],
                beadsUsed < 0 ? "no" : String.valueOf(beadsUsed), source);
    }

    public static final class Builder {
        private String source = "";
        private String created = "";
        private double na = Double.NaN;
        private double wavelengthUm = Double.NaN;
        private double immersionIndex = Double.NaN;
        private double sampleIndex = Double.NaN;
        private String camera = "";
        private double pixelSizeUm = Double.NaN;
        private double zStepUm = Double.NaN;
        private double beadDiameterUm = Double.NaN;
        private int beadsUsed = -1;
        private double[] fwhmUm = {Double.NaN, Double.NaN, Double.NaN};
        private double cameraOffsetAdu = Double.NaN;
        private double readNoiseAdu = Double.NaN;

        private Builder() {}

        /** Camera offset and read noise from dark frames, ADU (NaN: not measured). */
        public Builder dark(double offsetAdu, double readNoiseAdu) {
            this.cameraOffsetAdu = offsetAdu;
            this.readNoiseAdu = readNoiseAdu;
            return this;
        }

        public Builder source(String s) { source = s == null ? "" : s; return this; }
        public Builder created(String s) { created = s == null ? "" : s; return this; }
        public Builder optics(double na, double wavelengthUm, double immersionIndex, double sampleIndex) {
            this.na = na;
            this.wavelengthUm = wavelengthUm;
            this.immersionIndex = immersionIndex;
            this.sampleIndex = sampleIndex;
            return this;
        }
        public Builder camera(String s) { camera = s == null ? "" : s; return this; }
        public Builder sampling(double pixelSizeUm, double zStepUm) {
            this.pixelSizeUm = pixelSizeUm;
            this.zStepUm = zStepUm;
            return this;
        }
        public Builder beads(double diameterUm, int used) {
            beadDiameterUm = diameterUm;
            beadsUsed = used;
            return this;
        }
        public Builder fwhmUm(double x, double y, double z) {
            fwhmUm = new double[] {x, y, z};
            return this;
        }
        public PsfMetadata build() { return new PsfMetadata(this); }
    }
}
