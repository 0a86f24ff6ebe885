package org.livedecon.core.calibration;

import org.livedecon.core.io.JsonWriter;
import org.livedecon.core.psf.PsfMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.livedecon.core.psf.Psf;

/**
 * What {@link PsfExtractor} produced: the PSF (sum 1, odd, bead centre on the centre voxel n/2),
 * every detected bead with its position and fate, the quality report, and the derived numbers
 * (detection threshold in stack units, crop half-widths in voxels). Immutable.
 */
public final class ExtractionResult {
    private final Psf psf;
    private final List<Bead> beads;
    private final QualityReport report;
    private final double threshold;
    private final int[] cropHalfWidths;

    ExtractionResult(Psf psf, List<Bead> beads, QualityReport report, double threshold, int[] cropHalfWidths) {
        this.psf = psf;
        this.beads = Collections.unmodifiableList(new ArrayList<Bead>(beads));
        this.report = report;
        this.threshold = threshold;
        this.cropHalfWidths = cropHalfWidths.clone();
    }

    public Psf psf() { return psf; }

    /** All detected beads, used and rejected, in detection order. */
    public List<Bead> beads() { return beads; }

    public QualityReport report() { return report; }

    /** Detection threshold in stack units (ADU) on the smoothed maximum projection. */
    public double threshold() { return threshold; }

    /** Crop half-widths (x, y, z) in stack voxels. */
    public int[] cropHalfWidths() { return cropHalfWidths.clone(); }

    /**
     * What the PSF's sidecar records: optics and FWHM from the report, sampling from the PSF,
     * the bead count, and the time now.
     *
     * @param beadDiameterUm the bead diameter used for the correction (NaN when none)
     */
    public PsfMetadata metadata(String source, String camera, double beadDiameterUm) {
        return metadata(source, camera, beadDiameterUm, null);
    }

    /** As {@link #metadata(String, String, double)}, with the camera offset and read noise of {@code dark} (null: none). */
    public PsfMetadata metadata(String source, String camera, double beadDiameterUm, CameraDark dark) {
        org.livedecon.core.psf.model.Optics o = report.optics();
        return PsfMetadata.builder().source(source).camera(camera)
                .created(new java.text.SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX", java.util.Locale.ROOT)
                        .format(new java.util.Date()))
                .optics(o.na(), o.wavelengthUm(), o.immersionIndex(), o.sampleIndex())
                .sampling(psf.voxelSize().x(), psf.voxelSize().z()).beads(beadDiameterUm, report.beadsUsed())
                .fwhmUm(report.fwhmUm(0), report.fwhmUm(1), report.fwhmUm(2))
                .dark(dark == null ? Double.NaN : dark.offsetAdu(), dark == null ? Double.NaN : dark.readNoiseAdu())
                .build();
    }

    /** The report plus the bead table as JSON. */
    public String toJson() {
        JsonWriter w = new JsonWriter().beginObject();
        report.writeFields(w);
        w.field("detectionThreshold", threshold);
        w.beginArray("beads");
        for (Bead b : beads) {
            w.beginObject().field("x", b.x()).field("y", b.y()).field("z", b.z()).field("height", b.peak())
                    .field("integrated", b.integrated()).field("status", b.accepted() ? "used" : b.rejection().label())
                    .endObject();
        }
        w.endArray();
        return w.endObject().toString();
    }
}
