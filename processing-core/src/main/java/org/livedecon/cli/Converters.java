package org.livedecon.cli;

import java.util.Locale;

import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsers for option values; each failure names the value and the expected form. */
final class Converters {
    private Converters() {}

    /** "X,Y,Z" in µm (or "XY,Z"), each finite and positive. */
    /** Smallest and largest voxel side accepted, µm: beyond them a PSF has no sensible size in voxels. */
    static final double MIN_VOXEL_UM = 1e-3;
    static final double MAX_VOXEL_UM = 1e3;

    /** @throws CliException (usage) when a voxel size from a file lies outside the accepted range */
    static void checkVoxelSize(String what, VoxelSize v, String option) {
        for (int axis = 0; axis < 3; axis++) {
            double a = v.along(axis);
            if (a < MIN_VOXEL_UM || a > MAX_VOXEL_UM) {
                throw new CliException(CliException.USAGE, what + " voxel size " + v + " is outside " + MIN_VOXEL_UM
                        + " to " + MAX_VOXEL_UM + " µm along " + "xyz".charAt(axis) + ": give the right one with " + option);
            }
        }
    }

    static final class VoxelSizeConverter implements ITypeConverter<VoxelSize> {
        @Override
        public VoxelSize convert(String s) {
            String[] p = s.split(",");
            if (p.length != 2 && p.length != 3) {
                throw new TypeConversionException("'" + s + "' is not a voxel size: expected X,Y,Z in µm, e.g. 0.1,0.1,0.2");
            }
            double[] v = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                v[i] = positive(p[i], s, "voxel size");
                if (v[i] < MIN_VOXEL_UM || v[i] > MAX_VOXEL_UM) {
                    throw new TypeConversionException("'" + s + "': voxel size " + p[i].trim() + " µm is outside "
                            + MIN_VOXEL_UM + " to " + MAX_VOXEL_UM + " µm (1 nm to 1 mm): give it in µm, e.g. 0.1,0.1,0.2");
                }
            }
            try {
                return p.length == 3 ? VoxelSize.of(v[0], v[1], v[2]) : VoxelSize.of(v[0], v[1]);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** "ZxYxX" in voxels, e.g. 64x256x256. */
    static final class ShapeConverter implements ITypeConverter<Shape> {
        @Override
        public Shape convert(String s) {
            String[] p = s.trim().toLowerCase(Locale.ROOT).split("x");
            if (p.length != 3) {
                throw new TypeConversionException("'" + s + "' is not a size: expected ZxYxX in voxels, e.g. 64x256x256");
            }
            int[] n = new int[3];
            for (int i = 0; i < 3; i++) {
                try {
                    n[i] = Integer.parseInt(p[i].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + s + "' is not a size: '" + p[i] + "' is not a whole number (expected ZxYxX)");
                }
            }
            try {
                return Shape.of(n[2], n[1], n[0]);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + s + "': " + e.getMessage());
            }
        }
    }

    static final class AlgorithmConverter implements ITypeConverter<Algorithm> {
        @Override
        public Algorithm convert(String s) {
            try {
                return Algorithm.parse(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class BoundaryConverter implements ITypeConverter<Boundary> {
        @Override
        public Boundary convert(String s) {
            try {
                return Boundary.parse(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class BackgroundConverter implements ITypeConverter<Background> {
        @Override
        public Background convert(String s) {
            try {
                if (s.trim().toLowerCase(Locale.ROOT).startsWith("dark:")) return dark(s.trim().substring(5));
                return Background.parse(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * {@code dark:FILE.tif}: the camera offset measured on a dark frame or stack of dark frames
     * (shutter closed, the data's exposure).
     */
    static Background dark(String file) {
        if (file.isEmpty()) throw new IllegalArgumentException("--background dark:FILE needs a TIFF file of dark frames");
        java.nio.file.Path p = java.nio.file.Paths.get(file);
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new IllegalArgumentException("--background dark:" + file + ": no such file");
        }
        try {
            org.livedecon.core.io.TiffStack t = org.livedecon.core.io.TiffReader.read(p, 0, 0);
            org.livedecon.core.calibration.CameraDark d = org.livedecon.core.calibration.CameraDark.fromVolume(t.volume(),
                    "dark frame " + p.getFileName());
            return Background.measured(d.offsetAdu(), String.format(Locale.ROOT, "%s, %d frame%s, read noise %.2f counts",
                    d.source(), d.frames(), d.frames() == 1 ? "" : "s", d.readNoiseAdu()));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("--background dark:" + file + ": " + e.getMessage());
        }
    }

    /** "gibson-lanni" or "born-wolf" (case and - / _ insensitive). */
    static final class ModelConverter implements ITypeConverter<PsfModel> {
        @Override
        public PsfModel convert(String s) {
            String t = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (PsfModel m : PsfModel.values()) {
                if (m.name().equals(t)) return m;
            }
            throw new TypeConversionException("unknown PSF model '" + s + "': use gibson-lanni or born-wolf");
        }
    }

    /** The command-line name of a model: gibson-lanni, born-wolf. */
    static String modelName(PsfModel m) {
        return m.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static double positive(String part, String whole, String what) {
        double d;
        try {
            d = Double.parseDouble(part.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + whole + "' is not a " + what + ": '" + part + "' is not a number");
        }
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new TypeConversionException("'" + whole + "' is not a " + what + ": " + part.trim()
                    + " must be a finite number > 0");
        }
        return d;
    }
}
