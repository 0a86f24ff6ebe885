package org.livedecon.core.psf.source;

import java.io.IOException;
import java.nio.file.Path;

import org.livedecon.core.io.TiffReader;
import org.livedecon.core.io.TiffStack;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.PsfOptions;
import org.livedecon.core.psf.PsfPreparer;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.psf.model.TheoreticalPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Where a PSF comes from (a model and optics, a TIFF file, or a volume in memory) and how it is
 * made ready for a stack: the one path from a PSF source to a {@link Psf} at the stack's voxel
 * size, for the command line, the plugin and the demo. Immutable.
 *
 * <ul>
 *   <li>Theoretical: computed at the stack's voxel size, of the model's suggested shape (or one
 *       given), refused beyond {@link #MAX_THEORETICAL_VOXELS}.</li>
 *   <li>File: read (first channel and frame), with its voxel size calibration or one given
 *       ({@link #withVoxelSize}), then {@link PsfPreparer#prepare}d: background, normalisation,
 *       resampling to the stack's voxel size.</li>
 *   <li>Volume: {@link PsfPreparer#prepare}d likewise.</li>
 * </ul>
 */
public final class PsfSource {
    /** Largest theoretical PSF computed: 256x512x512, far beyond what sensible sampling needs. */
    public static final long MAX_THEORETICAL_VOXELS = 256L * 512 * 512;

    /** Looks at a PSF file's contents before it is prepared (to refuse or warn), e.g. a 2D PSF for a 3D image. */
    public interface Check {
        /** @param raw the file as read; {@code calibrated} its volume with the voxel size used */
        void check(TiffStack raw, Volume calibrated);
    }

    /** A PSF file without voxel size calibration, and none given ({@link #withVoxelSize}). */
    public static final class NoCalibrationException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NoCalibrationException(String message) { super(message); }
    }

    private final PsfModel model;
    private final Optics optics;
    private final Shape shape;
    private final Path file;
    private final Volume volume;
    private final String name;
    private final VoxelSize voxelSize;
    private final String calibrationHint;
    private final Check check;

    private PsfSource(PsfModel model, Optics optics, Shape shape, Path file, Volume volume, String name, VoxelSize voxelSize,
                      String calibrationHint, Check check) {
        this.model = model;
        this.optics = optics;
        this.shape = shape;
        this.file = file;
        this.volume = volume;
        this.name = name;
        this.voxelSize = voxelSize;
        this.calibrationHint = calibrationHint;
        this.check = check;
    }

    /** A PSF computed from {@code model} and {@code optics}, of the model's suggested shape. */
    public static PsfSource theoretical(PsfModel model, Optics optics) {
        return new PsfSource(model, optics, null, null, null, model.label() + " theoretical", null, null, null);
    }

    /** A PSF read from a TIFF file; {@code name} names it in messages and in the {@link Psf}'s source. */
    public static PsfSource file(Path file, String name) {
        return new PsfSource(null, null, null, file, null, name, null, "", null);
    }

    /** A PSF volume in memory (its voxel size must be set). */
    public static PsfSource volume(Volume volume, String name) {
        return new PsfSource(null, null, null, null, volume, name, null, null, null);
    }

    /** A theoretical PSF of {@code s} (z,y,x) rather than the suggested shape; null: suggested. */
    public PsfSource withShape(Shape s) {
        return new PsfSource(model, optics, s, file, volume, name, voxelSize, calibrationHint, check);
    }

    /** A file's voxel size, µm, replacing its calibration; null: the file's own. */
    public PsfSource withVoxelSize(VoxelSize v) {
        return new PsfSource(model, optics, shape, file, volume, name, v, calibrationHint, check);
    }

    /** What to tell the user when a file has no calibration (e.g. the option that gives it). */
    public PsfSource withCalibrationHint(String hint) {
        return new PsfSource(model, optics, shape, file, volume, name, voxelSize, hint, check);
    }

    /** A check of a file's contents, run before it is prepared. */
    public PsfSource withCheck(Check c) {
        return new PsfSource(model, optics, shape, file, volume, name, voxelSize, calibrationHint, c);
    }

    /** Whether the PSF is computed from a model. */
    public boolean theoretical() { return model != null; }

    /**
     * The PSF at {@code target}, prepared with {@code options} (a file or a volume; its target voxel
     * size is replaced by {@code target}).
     *
     * @throws NoCalibrationException for a file without voxel size calibration and none given
     * @throws IllegalArgumentException naming the PSF and what is wrong (too large, unusable, ...)
     * @throws IOException when a file cannot be read
     */
    public Psf at(VoxelSize target, PsfOptions options) throws IOException {
        if (model != null) return generate(target);
        PsfOptions o = options.toBuilder().targetVoxelSize(target).build();
        if (volume != null) return PsfPreparer.prepare(volume, name, o);
        TiffStack raw = TiffReader.read(file, 0, 0);
        Volume v = raw.volume();
        if (voxelSize != null) {
            v = v.withVoxelSize(voxelSize);
        } else if (!raw.calibrated()) {
            throw new NoCalibrationException("PSF " + name + " (" + file + ") has no voxel size calibration (µm)"
                    + (calibrationHint.isEmpty() ? "" : ": " + calibrationHint) + "; the stack's is " + target);
        }
        if (check != null) check.check(raw, v);
        return PsfPreparer.prepare(v, name, o);
    }

    /** {@link #at(VoxelSize, PsfOptions)} with {@link PsfOptions#defaults()}. */
    public Psf at(VoxelSize target) throws IOException {
        return at(target, PsfOptions.defaults());
    }

    private Psf generate(VoxelSize target) {
        Shape s = shape != null ? shape : TheoreticalPsf.suggestedShape(model, optics, target);
        if ((long) s.nx() * s.ny() * s.nz() > MAX_THEORETICAL_VOXELS) {
            throw new IllegalArgumentException("a theoretical PSF at voxel size " + target + " µm would be " + s
                    + " (z,y,x) voxels, more than " + MAX_THEORETICAL_VOXELS + ": check the voxel size (in µm) and the optics");
        }
        return TheoreticalPsf.generate(model, optics, s, target);
    }

    @Override
    public String toString() {
        return model != null ? name + " (" + optics + ")" : file != null ? "PSF " + name + " (" + file + ")" : "PSF " + name;
    }
}
