package org.livedecon.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/** Test inputs: ImageJ-written stacks and a minimal non-ImageJ multipage TIFF writer. */
final class TestTiffs {
    private TestTiffs() {}

    /** Saves with ImageJ's own FileSaver, the way Fiji users produce files. */
    static Path saveWithImageJ(ImagePlus imp, Path file) {
        FileSaver fs = new FileSaver(imp);
        boolean ok = imp.getStackSize() > 1 ? fs.saveAsTiffStack(file.toString()) : fs.saveAsTiff(file.toString());
        if (!ok) throw new IllegalStateException("ImageJ could not save " + file);
        return file;
    }

    static ImagePlus image(ImageStack stack, int c, int z, int t) {
        ImagePlus imp = new ImagePlus("test", stack);
        imp.setDimensions(c, z, t);
        if (c > 1 || t > 1) imp.setOpenAsHyperStack(true);
        return imp;
    }

    static void calibrate(ImagePlus imp, String unit, double xy, double z) {
        Calibration cal = imp.getCalibration();
        cal.setUnit(unit);
        cal.pixelWidth = xy;
        cal.pixelHeight = xy;
        cal.pixelDepth = z;
    }

    /** An 8-bit (or 16-bit) stack with pixel (x, y) of plane p = f(x, y, p). */
    static ImageStack fill(int nx, int ny, int planes, boolean sixteenBit, PixelFunction f) {
        ImageStack stack = new ImageStack(nx, ny);
        for (int p = 0; p < planes; p++) {
            ImageProcessor ip = sixteenBit ? new ShortProcessor(nx, ny) : new ByteProcessor(nx, ny);
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    ip.putPixelValue(x, y, f.value(x, y, p));
                }
            }
            stack.addSlice(null, ip);
        }
        return stack;
    }

    interface PixelFunction {
        double value(int x, int y, int plane);
    }

    /**
     * Writes a little-endian, uncompressed 16-bit multipage TIFF with one IFD per page and no
     * ImageJ description, as non-ImageJ software does. With {@code pixelCm > 0} it adds
     * XResolution/YResolution in pixels per cm and ResolutionUnit = 3 (cm).
     */
    static Path writePlainMultipage16(Path file, int nx, int ny, short[][] planes, double pixelCm) throws IOException {
        int nTags = pixelCm > 0 ? 11 : 8;
        int ifdSize = 2 + nTags * 12 + 4 + (pixelCm > 0 ? 16 : 0);
        int planeBytes = nx * ny * 2;
        int pageSize = ifdSize + planeBytes;
        ByteBuffer b = ByteBuffer.allocate(8 + planes.length * pageSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int p = 0; p < planes.length; p++) {
            int ifd = 8 + p * pageSize;
            int rationals = ifd + 2 + nTags * 12 + 4;
            int data = ifd + ifdSize;
            b.position(ifd);
            b.putShort((short) nTags);
            tag(b, 256, 4, 1, nx);
            tag(b, 257, 4, 1, ny);
            tag(b, 258, 3, 1, 16);
            tag(b, 259, 3, 1, 1);
            tag(b, 262, 3, 1, 1);
            tag(b, 273, 4, 1, data);
            tag(b, 278, 4, 1, ny);
            tag(b, 279, 4, 1, planeBytes);
            if (pixelCm > 0) {
                tag(b, 282, 5, 1, rationals);
                tag(b, 283, 5, 1, rationals + 8);
                tag(b, 296, 3, 1, 3);
            }
            b.putInt(p + 1 < planes.length ? ifd + pageSize : 0);
            if (pixelCm > 0) {
                int num = (int) Math.round(1000.0 / pixelCm);
                b.putInt(num).putInt(1000).putInt(num).putInt(1000);
            }
            b.position(data);
            for (short s : planes[p]) b.putShort(s);
        }
        Files.write(file, b.array());
        return file;
    }

    private static void tag(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
