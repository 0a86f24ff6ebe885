package org.livedecon.core.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.PsfOptions;
import org.livedecon.core.psf.PsfPreparer;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Distils an empirical PSF from a 3D stack of sub-resolution beads (PSF-CALIBRATION.md §7.2).
 *
 * <ol>
 *   <li>Detect candidates ({@link BeadDetector}): smoothed maximum projection, median + k·MAD.</li>
 *   <li>Crop half-widths from the theory: lateral max(8 FWHM_xy, 1.5 µm), axial 3 FWHM_z (or the
 *       settings'), padded by {@value #PAD} voxels for the periodic shift; then from the beads as
 *       measured ({@link BeadExtent}): laterally at least {@value #MEASURED_CROP_FWHMS} measured
 *       in-focus FWHMs, axially at most what the scan holds about the beads' median focus. The
 *       optics typed in may be wrong, or the sample not a physical PSF.</li>
 *   <li>Reject with a reason: crop outside the stack ({@link RejectionReason#EDGE}); another
 *       candidate within the lateral half-width ({@link RejectionReason#CROWDED}); localisation
 *       moving the bead by more than a voxel, or its crop out of the stack
 *       ({@link RejectionReason#DRIFT}); a pixel ≥
 *       saturation − 1 ({@link RejectionReason#SATURATED}); integrated intensity above
 *       {@code doubletFactor} × or below {@code dimFactor} × the median of the remaining beads
 *       ({@link RejectionReason#DOUBLET}, {@link RejectionReason#DIM}).</li>
 *   <li>Background: median of the crop's outer 2-pixel lateral rim over all planes, subtracted
 *       (no clipping before averaging).</li>
 *   <li>Localise: phasor (first Fourier coefficient) of the x, y and z profiles of a window of
 *       ±1.5 FWHM_xy and ±1 FWHM_z around the integer peak (Martens et al. 2017), the z profile from
 *       the core (±0.25 FWHM_xy) only, re-centred once.</li>
 *   <li>Align: phase-ramp shift ({@link SubVoxelShift}) so each bead centre lands on the centre
 *       voxel of the odd crop, then trim the padding.</li>
 *   <li>Average the unit-sum beads (mean or median per voxel); subtract the rim median of the
 *       average; clamp at 0.</li>
 *   <li>Bead-size correction ({@link BeadCorrection}) when the diameter is ≥ 0.4 FWHM_xy.</li>
 *   <li>Normalise to sum 1; resample to the target voxel size with {@link PsfPreparer} if one is
 *       set.</li>
 * </ol>
 * Stateless and thread-safe; the stack is not modified.
 */
public final class PsfExtractor {
    /** Padding (voxels) around each crop while shifting, trimmed afterwards. */
    static final int PAD = 4;
    /**
     * Lateral crop half-width in measured in-focus FWHMs when the theory's is narrower: a
     * Gaussian bead is down to 10⁻⁴ of its peak at 2.4 FWHM, and the margin holds defocused light.
     */
    static final double MEASURED_CROP_FWHMS = 4;

    private PsfExtractor() {}

    /**
     * @param stack bead stack in camera units (ADU; offset included is fine), voxel size in µm
     * @param name label of the result PSF (file or session name)
     * @throws CalibrationException naming the numbers when no bead or fewer than
     *     {@link ExtractionSettings#minBeads()} usable beads are found
     */
    public static ExtractionResult extract(Volume stack, String name, ExtractionSettings settings)
            throws CalibrationException {
        VoxelSize vs = stack.voxelSize();
        double fwhmXy = OpticsFacts.lateralFwhmUm(settings.optics());
        double fwhmZ = OpticsFacts.axialFwhmUm(settings.optics());
        double hxyUm = Double.isNaN(settings.cropHalfWidthXyUm()) ? Math.max(8 * fwhmXy, 1.5) : settings.cropHalfWidthXyUm();
        double hzUm = Double.isNaN(settings.cropHalfWidthZUm()) ? 3 * fwhmZ : settings.cropHalfWidthZUm();
        int hx = Math.max(2, (int) Math.round(hxyUm / vs.x()));
        int hy = Math.max(2, (int) Math.round(hxyUm / vs.y()));
        int hz = stack.nz() == 1 ? 0 : Math.max(1, (int) Math.round(hzUm / vs.z()));
        int window = Math.max(1, (int) Math.round(fwhmXy / vs.x()));

        BeadDetector.Detection det = BeadDetector.detect(stack, settings.thresholdMads(), window, hx);
        if (det.positions.isEmpty()) {
            throw new CalibrationException(String.format(java.util.Locale.ROOT,
                    "no beads found in the %s (z,y,x) stack: no local maximum of the smoothed maximum projection above "
                            + "%.4g (median %.4g + %.3g x MAD %.4g). Check that beads are in the field and in the z range, "
                            + "or lower the threshold", stack.shape(), det.threshold, det.median, settings.thresholdMads(),
                    det.mad));
        }

        // The crop follows the beads as measured, not only the theory: the optics entered may be
        // wrong (or the sample not a physical PSF, like Micro-Manager's demo beads), and a crop
        // derived from them alone can be far narrower than the beads or far deeper than the scan.
        double measuredFwhmPx = BeadExtent.lateralFwhmPx(stack, det.positions);
        int[] loc = {Math.max(2, (int) Math.ceil(1.5 * fwhmXy / vs.x())), Math.max(2, (int) Math.ceil(1.5 * fwhmXy / vs.y())),
            hz == 0 ? 0 : Math.max(2, (int) Math.ceil(fwhmZ / vs.z()))};
        if (measuredFwhmPx > 0 && Double.isNaN(settings.cropHalfWidthXyUm())) {
            int m = (int) Math.ceil(MEASURED_CROP_FWHMS * measuredFwhmPx);
            hx = Math.max(hx, m);
            hy = Math.max(hy, m);
            loc[0] = Math.max(loc[0], (int) Math.ceil(1.5 * measuredFwhmPx));
            loc[1] = Math.max(loc[1], (int) Math.ceil(1.5 * measuredFwhmPx));
        }
        int axialRoom = hz == 0 ? 0 : BeadExtent.axialRoom(stack, det.positions) - PAD - 1;
        boolean axialCropLimited = false;
        if (hz > 0 && Double.isNaN(settings.cropHalfWidthZUm()) && hz > axialRoom && axialRoom >= 1) {
            hz = axialRoom;
            axialCropLimited = true;
        }
        for (int a = 0; a < 2; a++) loc[a] = Math.min(loc[a], a == 0 ? hx : hy);
        loc[2] = Math.min(loc[2], hz);
        double coreFwhmPx = measuredFwhmPx > 0 ? measuredFwhmPx : fwhmXy / vs.x();
        loc = new int[] {loc[0], loc[1], loc[2], Math.min(Math.min(loc[0], loc[1]), Math.max(1, (int) Math.round(0.25 * coreFwhmPx)))};

        int[] half = {hx, hy, hz};
        int[] pad = {PAD, PAD, hz == 0 ? 0 : PAD};
        int n = det.positions.size();
        Bead[] beads = new Bead[n];
        double[][] aligned = new double[n][];
        for (int i = 0; i < n; i++) {
            int[] p = det.positions.get(i);
            double height = det.heights.get(i);
            RejectionReason reason = null;
            for (int j = 0; j < n && reason == null; j++) {
                int[] q = det.positions.get(j);
                double dx = p[0] - q[0], dy = p[1] - q[1];
                if (i != j && dx * dx + dy * dy <= (double) hx * hx) reason = RejectionReason.CROWDED;
            }
            if (reason == null && !fits(stack, p, half, pad)) reason = RejectionReason.EDGE;
            if (reason == null && saturated(stack, p, half, pad, settings.saturationLevel())) {
                reason = RejectionReason.SATURATED;
            }
            if (reason != null) {
                beads[i] = new Bead(p[0], p[1], p[2], height, Double.NaN, reason);
                continue;
            }
            // localise, re-centring the integer crop once when the bead lies nearer another voxel
            int[] c = p.clone();
            double[] offset = null;
            double[] crop = null;
            int[] dims = null;
            double integrated = 0;
            for (int iter = 0; iter < 2; iter++) {
                if (!fits(stack, c, half, pad)) {
                    reason = RejectionReason.DRIFT; // the detected position fitted: localisation moved it out
                    break;
                }
                dims = new int[] {2 * (hx + pad[0]) + 1, 2 * (hy + pad[1]) + 1, 2 * (hz + pad[2]) + 1};
                crop = crop(stack, c, dims);
                subtractRimMedian(crop, dims, 2);
                offset = phasor(crop, dims, loc);
                integrated = centralSum(crop, dims, loc);
                boolean again = false;
                for (int a = 0; a < 3; a++) {
                    if (Math.abs(offset[a]) > 0.5) {
                        c[a] += (int) Math.round(offset[a]);
                        again = true;
                    }
                }
                if (!again) break;
            }
            if (reason == null && (offset == null || Math.abs(offset[0]) > 1 || Math.abs(offset[1]) > 1
                    || Math.abs(offset[2]) > 1)) {
                reason = RejectionReason.DRIFT;
            }
            if (reason != null) {
                beads[i] = new Bead(p[0], p[1], p[2], height, Double.NaN, reason);
                continue;
            }
            double[] shifted = SubVoxelShift.shift(crop, dims, new double[] {-offset[0], -offset[1], -offset[2]});
            aligned[i] = trim(shifted, dims, pad);
            beads[i] = new Bead(c[0] + offset[0], c[1] + offset[1], c[2] + offset[2], height, integrated, null);
        }

        // brightness outliers against the median of the beads still in
        double[] ints = new double[n];
        int k = 0;
        for (Bead b : beads) if (b.accepted()) ints[k++] = b.integrated();
        double medianIntegrated = PsfMeasures.median(ints, k);
        for (int i = 0; i < n; i++) {
            Bead b = beads[i];
            if (!b.accepted()) continue;
            if (b.integrated() > settings.doubletFactor() * medianIntegrated) {
                beads[i] = b.with(b.x(), b.y(), b.z(), b.integrated(), RejectionReason.DOUBLET);
            } else if (!(b.integrated() >= settings.dimFactor() * medianIntegrated)) {
                beads[i] = b.with(b.x(), b.y(), b.z(), b.integrated(), RejectionReason.DIM);
            }
        }
        List<double[]> used = new ArrayList<double[]>();
        Map<RejectionReason, Integer> rejected = new EnumMap<RejectionReason, Integer>(RejectionReason.class);
        for (RejectionReason r : RejectionReason.values()) rejected.put(r, 0);
        for (int i = 0; i < n; i++) {
            if (beads[i].accepted()) used.add(aligned[i]);
            else rejected.put(beads[i].rejection(), rejected.get(beads[i].rejection()) + 1);
        }
        if (used.size() < settings.minBeads()) {
            throw new TooFewBeadsException("only " + used.size() + " usable bead" + (used.size() == 1 ? "" : "s")
                    + " of " + n + " detected (rejected: " + describe(rejected) + "); at least " + settings.minBeads()
                    + " are needed. " + advice(rejected, n), Arrays.asList(beads));
        }

        int[] outDims = {2 * hx + 1, 2 * hy + 1, 2 * hz + 1};
        double[] avg = average(used, settings.averaging());
        double[] noise = rimStats(avg, outDims, 2);
        double peakRaw = 0;
        for (double v : avg) peakRaw = Math.max(peakRaw, v);
        double snr = noise[1] > 0 ? (peakRaw - noise[0]) / noise[1] : Double.POSITIVE_INFINITY;
        for (int i = 0; i < avg.length; i++) avg[i] = Math.max(0, avg[i] - noise[0]);
        boolean corrected = false;
        if (settings.beadCorrection() && settings.beadDiameterUm() > 0 && settings.beadDiameterUm() >= 0.4 * fwhmXy) {
            avg = BeadCorrection.apply(avg, outDims, new double[] {vs.x(), vs.y(), vs.z()}, settings.beadDiameterUm(),
                    settings.beadCorrectionEpsilon());
            corrected = true;
        }
        double sum = 0;
        for (double v : avg) sum += v;
        float[] out = new float[avg.length];
        for (int i = 0; i < avg.length; i++) out[i] = (float) (avg[i] / sum);
        Volume raw = new Volume(Shape.of(outDims[0], outDims[1], outDims[2]), vs, out);
        String label = name == null || name.isEmpty() ? "beads" : name;
        Psf psf;
        if (settings.targetVoxelSize() != null && !settings.targetVoxelSize().approximatelyEquals(vs)) {
            psf = PsfPreparer.prepare(raw, label, PsfOptions.builder().energyFraction(1)
                    .targetVoxelSize(settings.targetVoxelSize()).build());
        } else {
            psf = new Psf(raw, label);
        }
        QualityReport report = QualityReport.measure(psf, settings, used.size(), rejected, snr, corrected);
        return new ExtractionResult(psf, Arrays.asList(beads), report, det.threshold, half);
    }

    static String describe(Map<RejectionReason, Integer> rejected) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<RejectionReason, Integer> e : rejected.entrySet()) {
            if (e.getValue() == 0) continue;
            if (sb.length() > 0) sb.append(", ");
            sb.append(e.getValue()).append(' ').append(e.getKey().label());
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String advice(Map<RejectionReason, Integer> rejected, int n) {
        if (rejected.get(RejectionReason.SATURATED) == n) {
            return "All beads are saturated: lower the exposure or the illumination.";
        }
        if (rejected.get(RejectionReason.DRIFT) > n / 2) {
            return "Most beads moved by more than one voxel while being localised: check for stage drift during the "
                    + "scan, or whether the beads are point-like at this sampling.";
        }
        if (rejected.get(RejectionReason.EDGE) > n / 2) {
            return "Most beads are too close to the stack's edges: widen the z range or centre the beads.";
        }
        if (rejected.get(RejectionReason.CROWDED) > n / 2) {
            return "Most beads are crowded: use a sparser bead slide.";
        }
        return "Use a field with more isolated beads.";
    }

    private static boolean fits(Volume s, int[] c, int[] half, int[] pad) {
        int[] n = {s.nx(), s.ny(), s.nz()};
        for (int a = 0; a < 3; a++) {
            int h = half[a] + pad[a];
            if (c[a] - h < 0 || c[a] + h >= n[a]) return false;
        }
        return true;
    }

    private static boolean saturated(Volume s, int[] c, int[] half, int[] pad, double level) {
        if (Double.isInfinite(level)) return false;
        for (int z = c[2] - half[2] - pad[2]; z <= c[2] + half[2] + pad[2]; z++) {
            for (int y = c[1] - half[1]; y <= c[1] + half[1]; y++) {
                for (int x = c[0] - half[0]; x <= c[0] + half[0]; x++) {
                    if (s.get(x, y, z) >= level - 1) return true;
                }
            }
        }
        return false;
    }

    private static double[] crop(Volume s, int[] c, int[] dims) {
        double[] out = new double[dims[0] * dims[1] * dims[2]];
        int x0 = c[0] - dims[0] / 2, y0 = c[1] - dims[1] / 2, z0 = c[2] - dims[2] / 2;
        int i = 0;
        for (int z = 0; z < dims[2]; z++) {
            for (int y = 0; y < dims[1]; y++) {
                for (int x = 0; x < dims[0]; x++) out[i++] = s.get(x0 + x, y0 + y, z0 + z);
            }
        }
        return out;
    }

    /** Subtracts the median of the voxels within {@code rim} pixels of the lateral border (all planes). */
    private static void subtractRimMedian(double[] d, int[] dims, int rim) {
        double bg = rimStats(d, dims, rim)[0];
        for (int i = 0; i < d.length; i++) d[i] -= bg;
    }

    /** Median and standard deviation of the lateral rim voxels. */
    static double[] rimStats(double[] d, int[] dims, int rim) {
        int nx = dims[0], ny = dims[1];
        double[] buf = new double[d.length];
        int k = 0;
        for (int i = 0; i < d.length; i++) {
            int x = i % nx, y = (i / nx) % ny;
            if (x < rim || y < rim || x >= nx - rim || y >= ny - rim) buf[k++] = d[i];
        }
        double med = PsfMeasures.median(buf, k);
        double mean = 0;
        for (int i = 0; i < k; i++) mean += buf[i];
        mean /= k;
        double var = 0;
        for (int i = 0; i < k; i++) var += (buf[i] - mean) * (buf[i] - mean);
        return new double[] {med, Math.sqrt(var / Math.max(1, k - 1))};
    }

    /**
     * Phasor offsets (x, y, z) of the bead from the crop's centre voxel, from a window of ±loc[0..2];
     * the axial profile only from the core, ±loc[3] pixels laterally: summed over a wide window,
     * the axial profile of a bead whose light is not conserved along z (or of a noisy widefield
     * bead) can dip at focus instead of peaking there.
     */
    private static double[] phasor(double[] d, int[] dims, int[] loc) {
        int[] c = {dims[0] / 2, dims[1] / 2, dims[2] / 2};
        double[][] prof = {new double[2 * loc[0] + 1], new double[2 * loc[1] + 1], new double[2 * loc[2] + 1]};
        for (int z = -loc[2]; z <= loc[2]; z++) {
            for (int y = -loc[1]; y <= loc[1]; y++) {
                for (int x = -loc[0]; x <= loc[0]; x++) {
                    double v = d[(c[0] + x) + dims[0] * ((c[1] + y) + dims[1] * (c[2] + z))];
                    prof[0][x + loc[0]] += v;
                    prof[1][y + loc[1]] += v;
                    if (Math.abs(x) <= loc[3] && Math.abs(y) <= loc[3]) prof[2][z + loc[2]] += v;
                }
            }
        }
        double[] out = new double[3];
        for (int a = 0; a < 3; a++) {
            int m = prof[a].length;
            if (m == 1) continue;
            double re = 0, im = 0;
            for (int j = 0; j < m; j++) {
                double t = 2 * Math.PI * j / m;
                re += prof[a][j] * Math.cos(t);
                im -= prof[a][j] * Math.sin(t);
            }
            double pos = -Math.atan2(im, re) * m / (2 * Math.PI); // in [−m/2, m/2]
            double rel = pos - loc[a];
            while (rel > m / 2.0) rel -= m;
            while (rel < -m / 2.0) rel += m;
            out[a] = rel;
        }
        return out;
    }

    private static double centralSum(double[] d, int[] dims, int[] loc) {
        int[] c = {dims[0] / 2, dims[1] / 2, dims[2] / 2};
        double s = 0;
        for (int z = -loc[2]; z <= loc[2]; z++) {
            for (int y = -loc[1]; y <= loc[1]; y++) {
                for (int x = -loc[0]; x <= loc[0]; x++) {
                    s += d[(c[0] + x) + dims[0] * ((c[1] + y) + dims[1] * (c[2] + z))];
                }
            }
        }
        return s;
    }

    private static double[] trim(double[] d, int[] dims, int[] pad) {
        int mx = dims[0] - 2 * pad[0], my = dims[1] - 2 * pad[1], mz = dims[2] - 2 * pad[2];
        double[] out = new double[mx * my * mz];
        double sum = 0;
        int i = 0;
        for (int z = 0; z < mz; z++) {
            for (int y = 0; y < my; y++) {
                for (int x = 0; x < mx; x++) {
                    double v = d[(x + pad[0]) + dims[0] * ((y + pad[1]) + dims[1] * (z + pad[2]))];
                    out[i++] = v;
                    sum += v;
                }
            }
        }
        if (sum > 0) for (int j = 0; j < out.length; j++) out[j] /= sum;
        return out;
    }

    private static double[] average(List<double[]> beads, ExtractionSettings.Averaging how) {
        int len = beads.get(0).length;
        double[] out = new double[len];
        if (how == ExtractionSettings.Averaging.MEAN) {
            for (double[] b : beads) for (int i = 0; i < len; i++) out[i] += b[i];
            for (int i = 0; i < len; i++) out[i] /= beads.size();
        } else {
            double[] col = new double[beads.size()];
            for (int i = 0; i < len; i++) {
                for (int j = 0; j < col.length; j++) col[j] = beads.get(j)[i];
                out[i] = PsfMeasures.median(col, col.length);
            }
        }
        return out;
    }
}
