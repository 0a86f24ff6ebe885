package org.livedecon.core.calibration;

import org.livedecon.core.io.JsonWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.psf.model.TheoreticalPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Quality figures of an extracted PSF (PSF-CALIBRATION.md §7.3): FWHM x, y, z (µm) of the result
 * and of the theoretical PSF for the same optics and voxel size (model named in
 * {@link #theoryModel()}), their ratios, beads used and rejected by reason, SNR of the average
 * (peak above the rim median over the rim's standard deviation), lateral asymmetry
 * (min/max of FWHM x, y), the axial peak shift (sub-voxel peak z − centre, µm; non-zero for
 * spherical aberration) and the centring error of the peak (voxels). Immutable.
 */
public final class QualityReport {
    private final double[] fwhm;
    private final double[] theoryFwhm;
    private final PsfModel theoryModel;
    private final Optics optics;
    private final int beadsUsed;
    private final Map<RejectionReason, Integer> rejected;
    private final double snr;
    private final double[] centreOffset;
    private final double axialPeakShiftUm;
    private final boolean beadCorrected;
    private final double beadDiameterUm;
    private final double axialLightRatio;
    private final double cropHalfDepthUm;

    private QualityReport(double[] fwhm, double[] theoryFwhm, PsfModel theoryModel, Optics optics, int beadsUsed,
                          Map<RejectionReason, Integer> rejected, double snr, double[] centreOffset,
                          double axialPeakShiftUm, boolean beadCorrected, double beadDiameterUm,
                          double axialLightRatio, double cropHalfDepthUm) {
        this.fwhm = fwhm;
        this.theoryFwhm = theoryFwhm;
        this.theoryModel = theoryModel;
        this.optics = optics;
        this.beadsUsed = beadsUsed;
        this.rejected = Collections.unmodifiableMap(new EnumMap<RejectionReason, Integer>(rejected));
        this.snr = snr;
        this.centreOffset = centreOffset;
        this.axialPeakShiftUm = axialPeakShiftUm;
        this.beadCorrected = beadCorrected;
        this.beadDiameterUm = beadDiameterUm;
        this.axialLightRatio = axialLightRatio;
        this.cropHalfDepthUm = cropHalfDepthUm;
    }

    static QualityReport measure(Psf psf, ExtractionSettings s, int used, Map<RejectionReason, Integer> rejected,
                                 double snr, boolean corrected) {
        Volume v = psf.volume();
        double[] f = {PsfMeasures.fwhmUm(v, 0), PsfMeasures.fwhmUm(v, 1), PsfMeasures.fwhmUm(v, 2)};
        double[] peak = PsfMeasures.subVoxelPeak(v);
        double[] centre = {peak[0] - v.nx() / 2, peak[1] - v.ny() / 2, peak[2] - v.nz() / 2};
        double[] t = theoryFwhm(s.theoryModel(), s.optics(), v);
        int[] pv = PsfMeasures.peakVoxel(v);
        double focusSum = planeSum(v, pv[2]);
        double endSum = Math.max(planeSum(v, 0), planeSum(v, v.nz() - 1));
        return new QualityReport(f, t, s.theoryModel(), s.optics(), used, rejected, snr, centre,
                centre[2] * v.voxelSize().z(), corrected, s.beadDiameterUm(),
                focusSum > 0 ? endSum / focusSum : Double.NaN, (v.nz() / 2) * v.voxelSize().z());
    }

    private static double planeSum(Volume v, int z) {
        double sum = 0;
        for (int y = 0; y < v.ny(); y++) for (int x = 0; x < v.nx(); x++) sum += v.get(x, y, z);
        return sum;
    }

    /**
     * Light in the outermost plane of the PSF (the brighter end) over the light in its focus
     * plane. A microscope conserves light along z, so this is at most about 1 (less where the
     * crop cuts the defocused tails); well above 1 the sample's light grows away from focus, which
     * no physical PSF does (Micro-Manager's DemoCamera beads do).
     */
    public double axialLightRatio() { return axialLightRatio; }

    /** Above this {@link #axialLightRatio()} the PSF is reported as not physical. */
    public static final double MAX_PHYSICAL_AXIAL_LIGHT_RATIO = 1.3;

    /** Half the depth of the PSF (µm): the axial FWHM is measured only up to twice this. */
    public double cropHalfDepthUm() { return cropHalfDepthUm; }

    /**
     * Plain-language findings that a user must read beside the numbers: an axial profile that
     * stays above half maximum over the whole measured depth, light that grows away from focus.
     */
    public List<String> notes() {
        List<String> out = new ArrayList<String>();
        if (Double.isNaN(fwhm[2]) && cropHalfDepthUm > 0) {
            out.add(String.format(Locale.ROOT, "axial FWHM not reached: the measured axial profile stays above half its "
                    + "peak over the whole PSF depth of ±%.3f µm, so the axial FWHM is more than %.3f µm", cropHalfDepthUm,
                    2 * cropHalfDepthUm));
        }
        if (axialLightRatio > MAX_PHYSICAL_AXIAL_LIGHT_RATIO) {
            out.add(String.format(Locale.ROOT, "not a physical PSF: the light per plane grows %.2fx from focus to the "
                    + "end of the measured depth, but a microscope conserves light along z (Micro-Manager's DemoCamera "
                    + "beads do this: their width grows with defocus faster than their brightness falls)",
                    axialLightRatio));
        }
        return out;
    }

    /** FWHM x, y, z (µm) of the theoretical PSF on the grid of {@code like}, lateral size capped at 31. */
    static double[] theoryFwhm(PsfModel model, Optics optics, Volume like) {
        return theoryFwhmUm(model, optics, like.shape(), like.voxelSize());
    }

    /**
     * FWHM x, y, z (µm) of the theoretical PSF of {@code model} on a grid of {@code shape} (lateral
     * size capped at 31) and {@code voxel}: the numbers the report compares with, for a wizard to
     * show before the scan. NaN along an axis whose profile does not fall to half inside the grid.
     */
    public static double[] theoryFwhmUm(PsfModel model, Optics optics, Shape shape, org.livedecon.core.volume.VoxelSize voxel) {
        int nx = Math.min(shape.nx(), 31) | 1, ny = Math.min(shape.ny(), 31) | 1;
        Psf t = TheoreticalPsf.generate(model, optics, Shape.of(nx, ny, shape.nz()), voxel);
        Volume tv = t.volume();
        return new double[] {PsfMeasures.fwhmUm(tv, 0), PsfMeasures.fwhmUm(tv, 1), PsfMeasures.fwhmUm(tv, 2)};
    }

    /** FWHM (µm) along axis 0 x, 1 y, 2 z of the extracted PSF. */
    public double fwhmUm(int axis) { return fwhm[axis]; }

    /** FWHM (µm) of the theoretical PSF, same optics and voxel size. */
    public double theoryFwhmUm(int axis) { return theoryFwhm[axis]; }

    /** Measured / theoretical FWHM along {@code axis}; above 1 is broader than theory. */
    public double fwhmRatio(int axis) { return fwhm[axis] / theoryFwhm[axis]; }

    public PsfModel theoryModel() { return theoryModel; }
    public Optics optics() { return optics; }
    public int beadsUsed() { return beadsUsed; }

    /** Rejected beads per reason (every reason present, 0 when none). */
    public Map<RejectionReason, Integer> rejected() { return rejected; }

    public int beadsRejected() {
        int n = 0;
        for (int v : rejected.values()) n += v;
        return n;
    }

    public double snr() { return snr; }

    /** min(FWHM x, FWHM y) / max: 1 for a round PSF. */
    public double lateralSymmetry() { return Math.min(fwhm[0], fwhm[1]) / Math.max(fwhm[0], fwhm[1]); }

    /** Sub-voxel peak minus centre voxel n/2, per axis, voxels. */
    public double[] centreOffsetVoxels() { return centreOffset.clone(); }

    /** Axial peak position relative to the centre plane, µm. */
    public double axialPeakShiftUm() { return axialPeakShiftUm; }

    public boolean beadCorrected() { return beadCorrected; }

    /** One line for logs. */
    public String summary() {
        boolean zBeyond = Double.isNaN(fwhm[2]) && cropHalfDepthUm > 0;
        String z = zBeyond ? String.format(Locale.ROOT, "> %.3f", 2 * cropHalfDepthUm) : String.format(Locale.ROOT, "%.3f", fwhm[2]);
        String zRatio = zBeyond ? String.format(Locale.ROOT, "> %.2f", 2 * cropHalfDepthUm / theoryFwhm[2])
                : String.format(Locale.ROOT, "%.2f", fwhmRatio(2));
        return String.format(Locale.ROOT, "%d beads used, %d rejected (%s); FWHM x %.3f y %.3f z %s µm, "
                        + "%s theory %.3f %.3f %.3f µm, ratio %.2f %.2f %s; SNR %.1f; lateral symmetry %.2f; "
                        + "axial peak shift %.3f µm", beadsUsed, beadsRejected(), PsfExtractor.describe(rejected),
                fwhm[0], fwhm[1], z, theoryModel.label(), theoryFwhm[0], theoryFwhm[1], theoryFwhm[2],
                fwhmRatio(0), fwhmRatio(1), zRatio, snr, lateralSymmetry(), axialPeakShiftUm)
                + (notes().isEmpty() ? "" : "; " + String.join("; ", notes()));
    }

    /** The report as a JSON object. */
    public String toJson() {
        JsonWriter w = new JsonWriter().beginObject();
        writeFields(w);
        return w.endObject().toString();
    }

    void writeFields(JsonWriter w) {
        w.beginObject("optics").field("na", optics.na()).field("wavelengthUm", optics.wavelengthUm())
                .field("immersionIndex", optics.immersionIndex()).field("sampleIndex", optics.sampleIndex())
                .field("depthUm", optics.depthUm()).endObject();
        w.field("theoryModel", theoryModel.label());
        w.beginObject("fwhmUm").field("x", fwhm[0]).field("y", fwhm[1]).field("z", fwhm[2]).endObject();
        w.beginObject("theoryFwhmUm").field("x", theoryFwhm[0]).field("y", theoryFwhm[1]).field("z", theoryFwhm[2])
                .endObject();
        w.beginObject("fwhmRatio").field("x", fwhmRatio(0)).field("y", fwhmRatio(1)).field("z", fwhmRatio(2))
                .endObject();
        w.field("beadsUsed", beadsUsed);
        w.beginObject("beadsRejected");
        for (Map.Entry<RejectionReason, Integer> e : rejected.entrySet()) w.field(e.getKey().label(), e.getValue());
        w.endObject();
        w.field("snr", snr);
        w.field("lateralSymmetry", lateralSymmetry());
        w.field("axialPeakShiftUm", axialPeakShiftUm);
        w.beginObject("centreOffsetVoxels").field("x", centreOffset[0]).field("y", centreOffset[1])
                .field("z", centreOffset[2]).endObject();
        w.field("beadDiameterUm", beadDiameterUm);
        w.field("beadCorrected", beadCorrected);
        w.field("axialLightRatio", axialLightRatio);
    }
}
