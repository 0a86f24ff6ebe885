package org.livedecon.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import ij.io.FileInfo;
import ij.io.ImageReader;
import ij.io.RandomAccessStream;
import ij.io.TiffDecoder;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Reads one channel and one time point of a TIFF stack into a float32 {@link Volume}.
 *
 * <p>Accepted: plain multipage TIFFs (each page one z plane, in order) and ImageJ stacks and
 * hyperstacks (ImageJ's description {@code images=, channels=, slices=, frames=}, planes in
 * ImageJ's order with the channel fastest, then z, then time), of 8-bit, 16-bit unsigned or
 * 32-bit float grayscale pixels, uncompressed or with the compressions ImageJ decodes (LZW,
 * PackBits, Deflate). 8-bit palette (LUT) images read as their 8-bit indices, 16-bit signed
 * images (SampleFormat 2) as their signed values.
 *
 * <p>Intensities are the stored values: an ImageJ calibration function (for example the one
 * ImageJ uses for signed 16-bit data, or the one {@link TiffWriter#write16} records) is NOT
 * applied, so 16-bit data read as unsigned 0..65535.
 *
 * <p>Voxel size in µm: x and y from the TIFF resolution tags, z from ImageJ's {@code spacing=},
 * with the unit from ImageJ's {@code unit=} (or the TIFF ResolutionUnit cm). Units micron, µm
 * and um are taken as they are, nm divided by 1000, mm multiplied by 1000 (cm, m likewise);
 * pixel, none, inch (a print resolution, not a microscope's) and unknown units make the stack
 * {@linkplain TiffStack#calibrated() uncalibrated}.
 *
 * <p>ImageJ is used only as a decoder (TiffDecoder, ImageReader): nothing is displayed and no
 * ImageJ dialog is opened, so this works headless. Every problem becomes a {@link TiffException}
 * whose message names the file. Stateless and thread-safe.
 */
public final class TiffReader {
    private TiffReader() {}

    /** Same as {@link #read(Path, int, int) read(file, channel, 0)}: the file must have one time point. */
    public static TiffStack read(Path file, int channel) throws TiffException {
        return read(file, channel, 0);
    }

    /**
     * @param channel 1-based channel to read, or 0 when the file must have exactly one channel
     * @param frame   1-based time point to read, or 0 when the file must have exactly one
     * @throws TiffException when the file is missing, unreadable, not a TIFF, truncated or
     *                       corrupt, holds an unsupported pixel type, or when the channel or frame
     *                       is missing or out of range; the message names the file
     */
    public static TiffStack read(Path file, int channel, int frame) throws TiffException {
        if (file == null) {
            throw new IllegalArgumentException("file is required");
        }
        checkReadable(file);
        long fileLength = checkHeader(file);
        FileInfo[] info = decode(file);
        FileInfo first = info[0];
        int bitDepth = bitDepth(file, first);
        ImageJDescription desc = ImageJDescription.parse(first.description);

        List<TiffDirectories.Directory> directories = TiffDirectories.walk(file, fileLength);
        List<FileInfo> planes = planes(file, info, fileLength);
        checkDirectories(file, info, planes, directories);
        int n = planes.size();
        PlaneLayout layout = layout(file, first.description, desc, n);
        int channels = layout.channels;
        int frames = layout.frames;
        int slices = layout.slices;
        int c = select(file, channel, channels, "channel", "channels", "--channel");
        int t = select(file, frame, frames, "time point", "time points", "--frame");

        int nx = first.width;
        int ny = first.height;
        Shape shape;
        try {
            shape = Shape.of(nx, ny, slices);
        } catch (IllegalArgumentException e) {
            throw new TiffException("file " + file + ": " + e.getMessage(), e);
        }
        float[] out = new float[shape.voxels()];
        int planeSize = nx * ny;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            RandomAccessStream in = new RandomAccessStream(raf);
            for (int z = 0; z < slices; z++) {
                int index = layout.page(c - 1, z, t - 1);
                if (index < 0) {
                    throw new TiffException("file " + file + ": its " + layout.format + " metadata name no page for "
                            + "channel " + c + ", plane " + (z + 1) + ", time point " + t + " (incomplete acquisition?)");
                }
                Object pixels = readPlane(file, in, planes.get(index), index);
                toFloat(file, pixels, first.fileType, out, z * planeSize, planeSize);
            }
        } catch (IOException e) {
            throw new TiffException("file " + file + " could not be read: " + e.getMessage(), e);
        }

        Calibrated cal = layout.physicalSizeUm != null ? physical(first, desc, layout.physicalSizeUm, slices)
                : calibration(first, desc, slices);
        Volume volume = new Volume(shape, cal.voxelSize, out);
        return new TiffStack(volume, cal.calibrated, bitDepth, channels, frames, file, scale16(first, desc),
                layout.format, layout.channelNames);
    }

    /** How channels, z planes and time points lie among the pages: OME-XML, tifffile, ImageJ or plain. */
    private static PlaneLayout layout(Path file, String description, ImageJDescription desc, int n) throws TiffException {
        if (OmeXml.looksLikeOme(description)) return OmeXml.parse(file, description, n);
        PlaneLayout tifffile = PlaneLayout.tifffile(file, description, n);
        if (tifffile != null) return tifffile;
        int channels = desc.getInt("channels", 1);
        int frames = desc.getInt("frames", 1);
        if (channels < 1 || frames < 1 || n % (channels * frames) != 0) {
            throw new TiffException("file " + file + " has " + n + " planes, which does not fit its ImageJ description ("
                    + channels + " channels, " + frames + " frames): the file is inconsistent");
        }
        return PlaneLayout.ordered(desc.get("images") != null ? "ImageJ" : "TIFF", "CZT", channels,
                n / (channels * frames), frames, null, null);
    }

    /** The voxel size from OME's PhysicalSize (µm); axes it lacks fall back to the TIFF tags. */
    private static Calibrated physical(FileInfo fi, ImageJDescription desc, double[] um, int nz) {
        if (!(um[0] > 0) || !(um[1] > 0)) return calibration(fi, desc, nz);
        if (um[2] > 0) return new Calibrated(VoxelSize.of(um[0], um[1], um[2]), true);
        return nz == 1 ? new Calibrated(VoxelSize.of(um[0], um[1], um[0]), true)
                : new Calibrated(VoxelSize.of(um[0], um[1], 1), false);
    }

    private static void checkReadable(Path file) throws TiffException {
        if (!Files.exists(file)) {
            throw new TiffException("file " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new TiffException("file " + file + " is a directory, expected a TIFF file");
        }
        if (!Files.isReadable(file)) {
            throw new TiffException("file " + file + " is not readable (permissions?)");
        }
    }

    /** Checks the 8-byte TIFF header ourselves, for a clear message; returns the file length. */
    private static long checkHeader(Path file) throws TiffException {
        byte[] h = new byte[8];
        long length;
        try (InputStream in = Files.newInputStream(file)) {
            length = Files.size(file);
            int got = 0;
            while (got < h.length) {
                int r = in.read(h, got, h.length - got);
                if (r < 0) break;
                got += r;
            }
            if (got < h.length) {
                throw new TiffException("file " + file + " is not a TIFF: it has only " + length
                        + " bytes, shorter than a TIFF header");
            }
        } catch (TiffException e) {
            throw e;
        } catch (IOException e) {
            throw new TiffException("file " + file + " could not be read: " + e.getMessage(), e);
        }
        boolean intel = h[0] == 'I' && h[1] == 'I';
        boolean motorola = h[0] == 'M' && h[1] == 'M';
        if (!intel && !motorola) {
            throw new TiffException("file " + file + " is not a TIFF: it does not start with the TIFF byte order mark II or MM");
        }
        int magic = intel ? (h[2] & 0xff) | (h[3] & 0xff) << 8 : (h[2] & 0xff) << 8 | (h[3] & 0xff);
        if (magic == 43) {
            throw new TiffException("file " + file + " is a BigTIFF, which is not supported: save it as a standard (not Big) TIFF under 4 GB, e.g. an ImageJ TIFF or a single-file OME-TIFF, or crop it");
        }
        if (magic != 42) {
            throw new TiffException("file " + file + " is not a TIFF: magic number is " + magic + ", expected 42");
        }
        return length;
    }

    private static FileInfo[] decode(Path file) throws TiffException {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        String dir = parent == null ? "" : parent.toString() + java.io.File.separator;
        FileInfo[] info;
        try {
            info = new TiffDecoder(dir, abs.getFileName().toString()).getTiffInfo();
        } catch (IOException e) {
            throw new TiffException("file " + file + " is not a readable TIFF: " + oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new TiffException("file " + file + " is a corrupt or truncated TIFF (" + e + ")", e);
        }
        if (info == null || info.length == 0) {
            throw new TiffException("file " + file + " is not a readable TIFF: no image directory found (corrupt or truncated?)");
        }
        return info;
    }

    private static int bitDepth(Path file, FileInfo fi) throws TiffException {
        switch (fi.fileType) {
            case FileInfo.GRAY8:
            case FileInfo.COLOR8:
                return 8;
            case FileInfo.GRAY16_UNSIGNED:
            case FileInfo.GRAY16_SIGNED:
                return 16;
            case FileInfo.GRAY32_FLOAT:
                return 32;
            default:
                throw new TiffException("file " + file + " holds " + typeName(fi.fileType)
                        + " pixels; livedecon reads 8-bit, 16-bit or 32-bit float grayscale stacks only"
                        + " (convert it, e.g. in Fiji: Image > Type)");
        }
    }

    static String typeName(int fileType) {
        switch (fileType) {
            case FileInfo.RGB:
            case FileInfo.RGB_PLANAR:
            case FileInfo.BGR:
            case FileInfo.ARGB:
            case FileInfo.ABGR:
            case FileInfo.BARG:
            case FileInfo.CMYK:
                return "RGB colour (24-bit)";
            case FileInfo.RGB48:
            case FileInfo.RGB48_PLANAR:
                return "48-bit RGB colour";
            case FileInfo.BITMAP: return "1-bit bitmap";
            case FileInfo.GRAY12_UNSIGNED: return "12-bit packed";
            case FileInfo.GRAY24_UNSIGNED: return "24-bit integer";
            case FileInfo.GRAY32_INT: return "32-bit signed integer";
            case FileInfo.GRAY32_UNSIGNED: return "32-bit unsigned integer";
            case FileInfo.GRAY64_FLOAT: return "64-bit float";
            default: return "unsupported (ImageJ file type " + fileType + ")";
        }
    }

    private static int select(Path file, int wanted, int count, String what, String whats, String option)
            throws TiffException {
        if (wanted == 0) {
            if (count == 1) return 1;
            throw new TiffException("file " + file + " has " + count + " " + whats + ": choose one with "
                    + option + " 1.." + count);
        }
        if (wanted < 1 || wanted > count) {
            throw new TiffException("file " + file + " has " + count + " " + (count == 1 ? what : whats)
                    + ": " + option + " " + wanted + " is out of range, expected 1.." + count);
        }
        return wanted;
    }

    /**
     * One FileInfo per plane, in file order, each with its own offset (ImageJ stacks have one
     * directory describing all planes), after checking that every plane lies inside the file.
     */
    private static List<FileInfo> planes(Path file, FileInfo[] info, long fileLength) throws TiffException {
        FileInfo first = info[0];
        long planeBytes = (long) first.width * first.height * first.getBytesPerPixel();
        List<FileInfo> planes = new ArrayList<FileInfo>();
        if (info.length == 1 && first.nImages > 1) {
            if (isCompressed(first)) {
                throw new TiffException("file " + file + " is a compressed ImageJ stack, which is not supported: save it uncompressed");
            }
            for (int i = 0; i < first.nImages; i++) {
                FileInfo p = (FileInfo) first.clone();
                p.nImages = 1;
                p.longOffset = first.getOffset() + i * (planeBytes + first.getGap());
                planes.add(p);
            }
        } else {
            for (int i = 0; i < info.length; i++) {
                FileInfo p = info[i];
                if (p.width != first.width || p.height != first.height || p.fileType != first.fileType) {
                    throw new TiffException("file " + file + ": page " + (i + 1) + " is " + p.width + "x" + p.height
                            + " " + typeName(p.fileType).replace("unsupported (", "(") + " but page 1 is " + first.width + "x"
                            + first.height + ": all pages of a stack must have the same size and type");
                }
                planes.add(p);
            }
        }
        for (int i = 0; i < planes.size(); i++) {
            long end = endOf(planes.get(i), planeBytes);
            if (end > fileLength) {
                throw new TiffException("file " + file + " is truncated: plane " + (i + 1) + " of " + planes.size()
                        + " needs " + end + " bytes but the file has " + fileLength);
            }
        }
        return planes;
    }

    /**
     * What ImageJ's decoder does not check: every directory of the file was decoded (it stops at a
     * bad one), and an ImageJ stack, read as planes one after another, is stored that way.
     */
    private static void checkDirectories(Path file, FileInfo[] info, List<FileInfo> planes,
                                         List<TiffDirectories.Directory> directories) throws TiffException {
        if (info.length > 1 && info.length != directories.size()) {
            int bad = info.length + 1;
            long at = bad - 1 < directories.size() ? directories.get(bad - 1).offset : -1;
            throw new TiffException("file " + file + " is corrupt: it has " + directories.size()
                    + " image directories but only " + info.length + " could be decoded; plane " + bad
                    + (at >= 0 ? " (directory at byte offset " + at + ")" : "") + " is unreadable");
        }
        if (info.length == 1 && planes.size() > 1 && directories.size() > 1) {
            if (directories.size() != planes.size()) {
                throw new TiffException("file " + file + " is inconsistent: its ImageJ description says images="
                        + planes.size() + " but the file has " + directories.size() + " image directories");
            }
            for (int i = 0; i < planes.size(); i++) {
                long expected = planes.get(i).getOffset();
                long actual = directories.get(i).firstStrip;
                if (actual >= 0 && actual != expected) {
                    throw new TiffException("file " + file + " is inconsistent: its ImageJ description (images="
                            + planes.size() + ") means plane " + (i + 1) + " starts at byte offset " + expected
                            + ", but its image directory puts it at byte offset " + actual
                            + "; re-save it with ImageJ or as OME-TIFF");
                }
            }
        }
    }

    private static boolean isCompressed(FileInfo fi) {
        return fi.compression != FileInfo.COMPRESSION_NONE && fi.compression != 0;
    }

    private static long endOf(FileInfo fi, long planeBytes) {
        if (isCompressed(fi) && fi.stripOffsets != null && fi.stripLengths != null) {
            long end = 0;
            int n = Math.min(fi.stripOffsets.length, fi.stripLengths.length);
            for (int s = 0; s < n; s++) {
                end = Math.max(end, (fi.stripOffsets[s] & 0xffffffffL) + (fi.stripLengths[s] & 0xffffffffL));
            }
            return end;
        }
        return fi.getOffset() + planeBytes;
    }

    private static Object readPlane(Path file, RandomAccessStream in, FileInfo fi, int index) throws TiffException {
        Object pixels;
        try {
            in.seek(fi.getOffset());
            pixels = new ImageReader(fi).readPixels(in, 0L);
        } catch (IOException e) {
            throw new TiffException("file " + file + ": plane " + (index + 1) + " could not be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new TiffException("file " + file + ": plane " + (index + 1) + " is corrupt (" + e + ")", e);
        }
        if (pixels == null) {
            throw new TiffException("file " + file + ": plane " + (index + 1) + " could not be decoded (corrupt data?)");
        }
        return pixels;
    }

    private static void toFloat(Path file, Object pixels, int fileType, float[] out, int offset, int n)
            throws TiffException {
        if (pixels instanceof byte[]) {
            byte[] p = (byte[]) pixels;
            for (int i = 0; i < n; i++) out[offset + i] = p[i] & 0xff;
        } else if (pixels instanceof short[]) {
            short[] p = (short[]) pixels;
            // ImageReader adds 32768 to signed 16-bit data; undo that to give the signed values.
            int shift = fileType == FileInfo.GRAY16_SIGNED ? -32768 : 0;
            for (int i = 0; i < n; i++) out[offset + i] = (p[i] & 0xffff) + shift;
        } else if (pixels instanceof float[]) {
            System.arraycopy((float[]) pixels, 0, out, offset, n);
        } else {
            throw new TiffException("file " + file + ": ImageJ decoded a plane as " + pixels.getClass().getSimpleName()
                    + " (JPEG-compressed or colour data?); livedecon reads 8-bit, 16-bit or 32-bit float grayscale only");
        }
    }

    private static final class Calibrated {
        final VoxelSize voxelSize;
        final boolean calibrated;

        Calibrated(VoxelSize voxelSize, boolean calibrated) {
            this.voxelSize = voxelSize;
            this.calibrated = calibrated;
        }
    }

    private static Calibrated calibration(FileInfo fi, ImageJDescription desc, int nz) {
        String unit = desc.get("unit");
        if (unit == null) unit = fi.unit;
        double xy = Units.toMicron(unit);
        double yFactor = desc.get("yunit") == null ? xy : Units.toMicron(desc.get("yunit"));
        double zFactor = desc.get("zunit") == null ? xy : Units.toMicron(desc.get("zunit"));
        double x = fi.pixelWidth * xy;
        double y = fi.pixelHeight * yFactor;
        boolean xyOk = usable(x) && usable(y);
        double spacing = desc.getDouble("spacing", Double.NaN);
        double z = spacing * zFactor;
        boolean zOk = usable(z);
        if (!xyOk) {
            return new Calibrated(VoxelSize.of(1, 1, zOk ? z : 1), false);
        }
        if (zOk) {
            return new Calibrated(exact(desc, VoxelSize.of(x, y, z), true), true);
        }
        // One plane: ImageJ writes no spacing; the z size hardly matters, use the pixel size
        // unless TiffWriter recorded one.
        return nz == 1 ? new Calibrated(exact(desc, VoxelSize.of(x, y, x), false), true)
                : new Calibrated(VoxelSize.of(x, y, 1), false);
    }

    /** The exact voxel size TiffWriter records, when it agrees with ImageJ's (rounded) calibration. */
    private static VoxelSize exact(ImageJDescription desc, VoxelSize fromTags, boolean zKnown) {
        String s = desc.get(TiffWriter.VOXEL_SIZE_KEY);
        if (s == null) return fromTags;
        String[] parts = s.split(",");
        if (parts.length != 3) return fromTags;
        try {
            VoxelSize exact = VoxelSize.of(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()));
            for (int axis = 0; axis < (zKnown ? 3 : 2); axis++) {
                double a = exact.along(axis);
                double b = fromTags.along(axis);
                if (Math.abs(a - b) > 1e-4 * Math.max(a, b)) return fromTags;
            }
            return exact;
        } catch (IllegalArgumentException e) {
            return fromTags;
        }
    }

    private static boolean usable(double v) {
        return v > 0 && !Double.isInfinite(v);
    }

    private static OptionalDouble scale16(FileInfo fi, ImageJDescription desc) {
        String s = desc.get(TiffWriter.SCALE_KEY);
        if (s == null && fi.info != null) {
            s = ImageJDescription.parse(fi.info).get(TiffWriter.SCALE_KEY);
        }
        if (s == null) return OptionalDouble.empty();
        try {
            double v = Double.parseDouble(s.trim());
            return usable(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static String oneLine(String s) {
        return s == null ? "(no detail)" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
