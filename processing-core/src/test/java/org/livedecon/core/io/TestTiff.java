package org.livedecon.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes TIFF files byte by byte for tests, as other software does (tifffile, Bio-Formats, a
 * signed 16-bit camera driver): one IFD per plane, a description on the first, pixels of 16-bit
 * unsigned or signed (SampleFormat 2) or 32-bit float type. Planes are written first, then the
 * IFDs, each with one strip. Little-endian.
 */
public final class TestTiff {
    private final int nx;
    private final int ny;
    private final int bits;
    private final int sampleFormat;
    private final List<byte[]> planes = new ArrayList<byte[]>();
    private String description;
    private boolean interleaved;

    private TestTiff(int nx, int ny, int bits, int sampleFormat) {
        this.nx = nx;
        this.ny = ny;
        this.bits = bits;
        this.sampleFormat = sampleFormat;
    }

    public static TestTiff unsigned16(int nx, int ny) { return new TestTiff(nx, ny, 16, 1); }

    public static TestTiff signed16(int nx, int ny) { return new TestTiff(nx, ny, 16, 2); }

    public static TestTiff float32(int nx, int ny) { return new TestTiff(nx, ny, 32, 3); }

    public TestTiff description(String d) {
        this.description = d;
        return this;
    }

    /** Adds a plane; values are cast to the pixel type. */
    public TestTiff plane(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(nx * ny * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (bits == 32) b.putFloat((float) v);
            else b.putShort((short) Math.round(v));
        }
        planes.add(b.array());
        return this;
    }

    /** Adds a plane whose every pixel is {@code v}. */
    public TestTiff constantPlane(double v) {
        double[] d = new double[nx * ny];
        java.util.Arrays.fill(d, v);
        return plane(d);
    }

    public int planeBytes() { return nx * ny * bits / 8; }

    /** Each plane's directory right before its pixels (as tifffile writes), instead of all directories at the end. */
    public TestTiff interleaved() {
        this.interleaved = true;
        return this;
    }

    /** Writes the file; returns the offsets of the planes' pixel data. */
    public long[] write(Path file) throws IOException {
        byte[] desc = description == null ? null : (description + "\0").getBytes(StandardCharsets.UTF_8);
        int tags = desc == null ? 10 : 11;
        int ifdBytes = 2 + 12 * tags + 4;
        long pos = 8;
        long descOffset = 0;
        if (desc != null) {
            descOffset = pos;
            pos += desc.length;
        }
        if (pos % 2 == 1) pos++;
        int n = planes.size();
        long[] dataAt = new long[n];
        long[] ifdAt = new long[n];
        for (int i = 0; i < n; i++) {
            if (interleaved) {
                ifdAt[i] = pos;
                pos += ifdBytes;
            }
            dataAt[i] = pos;
            pos += planes.get(i).length;
            if (pos % 2 == 1) pos++;
        }
        if (!interleaved) {
            for (int i = 0; i < n; i++) {
                ifdAt[i] = pos;
                pos += ifdBytes;
            }
        }
        ByteBuffer b = ByteBuffer.allocate((int) pos).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt((int) ifdAt[0]);
        if (desc != null) {
            b.position((int) descOffset);
            b.put(desc);
        }
        for (int i = 0; i < n; i++) {
            b.position((int) dataAt[i]);
            b.put(planes.get(i));
        }
        for (int i = 0; i < n; i++) {
            b.position((int) ifdAt[i]);
            b.putShort((short) tags);
            entry(b, 256, 4, 1, nx);
            entry(b, 257, 4, 1, ny);
            entry(b, 258, 3, 1, bits);
            entry(b, 259, 3, 1, 1);
            entry(b, 262, 3, 1, 1);
            if (desc != null) {
                if (i == 0) entry(b, 270, 2, desc.length, (int) descOffset);
                else entry(b, 270, 2, 1, 0); // an empty description keeps the tag count constant
            }
            entry(b, 273, 4, 1, (int) dataAt[i]);
            entry(b, 277, 3, 1, 1);
            entry(b, 278, 4, 1, ny);
            entry(b, 279, 4, 1, planes.get(i).length);
            entry(b, 339, 3, 1, sampleFormat);
            b.putInt(i + 1 < n ? (int) ifdAt[i + 1] : 0);
        }
        Files.write(file, b.array());
        return dataAt;
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else if (type == 2 && count <= 4) {
            b.putInt(value); // inline ASCII: a single NUL
        } else {
            b.putInt(value);
        }
    }
}
