package org.livedecon.core.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.TiffEncoder;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Writes a {@link Volume} as an uncompressed ImageJ TIFF stack (one page per z plane, ImageJ's
 * description with {@code images=, slices=}, readable by ImageJ/Fiji, {@link TiffReader} and
 * other TIFF readers), with the voxel size as ImageJ calibration in µm (pixelWidth, pixelHeight,
 * pixelDepth, unit "micron"), so that reading it back gives the same voxel size (to about 1e-7
 * relative: the TIFF resolution tags are rationals).
 *
 * <p>Existing files are replaced (callers check first that replacing was asked for, see
 * {@link OutputSafety}): the stack is written to a partial file next to the target, with the
 * user's normal file mode, then moved over it, so a failed write leaves no half-written target; the
 * partial file is deleted on error and on exit (Ctrl-C included, {@link TempFiles}), and one left by
 * a killed run is deleted by the next write of the same file. A replaced file keeps its mode. ImageJ is used only as an
 * encoder; nothing is displayed. Stateless and thread-safe.
 */
public final class TiffWriter {
    /**
     * Key of the 16-bit scale in the ImageJ description and Info property of files from
     * {@link #write16}: {@code livedecon.scale=<scale>} with stored = round(value * scale).
     */
    public static final String SCALE_KEY = "livedecon.scale";

    /**
     * Key of the exact voxel size in µm ({@code livedecon.voxelSizeUm=x,y,z}) in the ImageJ
     * description: the TIFF resolution tags ImageJ writes keep only about 6 significant digits.
     * {@link TiffReader} uses it only when it agrees with the ImageJ calibration to 1e-4.
     */
    public static final String VOXEL_SIZE_KEY = "livedecon.voxelSizeUm";

    /** The maximum {@link #autoScale16} maps to, leaving headroom under 65535. */
    public static final double AUTO_SCALE_TARGET = 65000;

    /** Ending of the partial file written next to the target and moved over it when complete. */
    static final String PART_SUFFIX = ".part";

    private TiffWriter() {}

    /** Writes 32-bit float planes; values are stored exactly. */
    public static void writeFloat(Volume v, Path file) throws TiffException {
        check(v, file);
        int nx = v.nx();
        int ny = v.ny();
        ImageStack stack = new ImageStack(nx, ny);
        for (int z = 0; z < v.nz(); z++) {
            stack.addSlice(null, new FloatProcessor(nx, ny, v.plane(z)));
        }
        write(image(file, stack, v.voxelSize()), file, voxelLine(v.voxelSize()));
    }

    /**
     * Writes 16-bit unsigned planes: stored = round(value * scale), clipped to [0, 65535] (NaN
     * becomes 0). The scale goes into the ImageJ description and the Info property as
     * {@code livedecon.scale=<scale>}, and into an ImageJ calibration function (straight line,
     * value = stored / scale), so ImageJ shows the original values and {@code stored / scale}
     * undoes the scaling.
     *
     * @throws IllegalArgumentException if scale is not a finite positive number
     */
    public static void write16(Volume v, Path file, double scale) throws TiffException {
        check(v, file);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("16-bit scale must be a finite positive number, got " + scale
                    + " (writing " + file + ")");
        }
        int nx = v.nx();
        int ny = v.ny();
        int n = nx * ny;
        float[] data = v.data();
        ImageStack stack = new ImageStack(nx, ny);
        for (int z = 0; z < v.nz(); z++) {
            short[] p = new short[n];
            for (int i = 0; i < n; i++) {
                double s = Math.rint(data[z * n + i] * scale);
                // NaN fails both comparisons and stays 0.
                int u = s >= 65535 ? 65535 : (s > 0 ? (int) s : 0);
                p[i] = (short) u;
            }
            stack.addSlice(null, new ShortProcessor(nx, ny, p, null));
        }
        ImagePlus imp = image(file, stack, v.voxelSize());
        imp.getCalibration().setFunction(Calibration.STRAIGHT_LINE, new double[] {0, 1 / scale}, "value");
        String scaleLine = SCALE_KEY + "=" + format(scale);
        imp.setProperty("Info", scaleLine + "\n");
        write(imp, file, voxelLine(v.voxelSize()) + "\n" + scaleLine);
    }

    /** A scale that maps the volume's maximum to about 65000 ({@link #AUTO_SCALE_TARGET}), or 1 if the maximum is not positive and finite. */
    public static double autoScale16(Volume v) {
        double max = v.max();
        if (!(max > 0) || Double.isInfinite(max)) return 1;
        return AUTO_SCALE_TARGET / max;
    }

    private static void check(Volume v, Path file) {
        if (v == null || file == null) {
            throw new IllegalArgumentException("volume and file are required");
        }
    }

    private static ImagePlus image(Path file, ImageStack stack, VoxelSize vs) {
        Path name = file.getFileName();
        ImagePlus imp = new ImagePlus(name == null ? "livedecon" : name.toString(), stack);
        if (stack.getSize() > 1) {
            imp.setDimensions(1, stack.getSize(), 1);
        }
        Calibration cal = imp.getCalibration();
        cal.setUnit("micron");
        cal.pixelWidth = vs.x();
        cal.pixelHeight = vs.y();
        cal.pixelDepth = vs.z();
        return imp;
    }

    private static String voxelLine(VoxelSize vs) {
        return VOXEL_SIZE_KEY + "=" + format(vs.x()) + "," + format(vs.y()) + "," + format(vs.z());
    }

    private static String format(double d) {
        return String.format(Locale.ROOT, "%.17g", d);
    }

    /** The smallest and largest finite value of every plane. */
    static double[] stackRange(ImageStack stack) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 1; i <= stack.getSize(); i++) {
            ij.process.ImageProcessor ip = stack.getProcessor(i);
            int n = ip.getPixelCount();
            for (int k = 0; k < n; k++) {
                float v = ip.getf(k);
                if (!Float.isFinite(v)) continue;
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 0};
    }

    /** Encodes like ImageJ's FileSaver.saveAsTiff(Stack), but lets errors surface as exceptions. */
    private static void write(ImagePlus imp, Path file, String extraDescriptionLines) throws TiffException {
        // ImageJ would record the display range of the first plane only (97-255 on the demo's
        // raw stack whose middle planes reach 1511): use the whole stack's
        double[] range = stackRange(imp.getStack());
        if (range[1] > range[0]) imp.setDisplayRange(range[0], range[1]);
        FileInfo fi = imp.getFileInfo();
        String description = new FileSaver(imp).getDescriptionString();
        description = description + extraDescriptionLines + "\n";
        fi.description = description;
        fi.info = imp.getInfoProperty();
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            if (dir != null && !Files.isDirectory(dir)) {
                throw new TiffException("cannot write " + file + ": directory " + dir + " does not exist");
            }
            String prefix = "." + abs.getFileName();
            // a partial file an earlier, killed run left for this same output
            TempFiles.sweepStale(dir, prefix, PART_SUFFIX, null);
            tmp = abs.resolveSibling(prefix + ".livedecon-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                    + PART_SUFFIX);
            TempFiles.register(tmp);
            // FileChannel.open creates the file with the user's normal mode (0666 less the umask),
            // unlike Files.createTempFile (0600); the lock marks it as in use for a later sweep.
            try (TempFiles.Held held = TempFiles.hold(tmp)) {
                OutputStream os = Channels.newOutputStream(held.channel());
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 20));
                new TiffEncoder(fi).write(out);
                out.flush();
            }
            keepMode(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            TempFiles.forget(tmp);
            tmp = null;
        } catch (TiffException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TiffException("cannot write " + file + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed; that error is the one to report.
                }
                TempFiles.forget(tmp);
            }
        }
    }

    /** A replaced file keeps its permissions (the caller asked to replace its content, not its mode). */
    private static void keepMode(Path target, Path tmp) {
        try {
            if (Files.isRegularFile(target)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            }
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system, or not ours to read: the new file keeps the default mode
        }
    }
}
