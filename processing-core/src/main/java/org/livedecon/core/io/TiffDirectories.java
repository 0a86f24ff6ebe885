package org.livedecon.core.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Our own walk along a TIFF's chain of image directories (IFDs), to check what ImageJ's decoder
 * does not: it stops silently at a directory that lies beyond the end of a truncated file (a file
 * cut at 50 % then reads as 19 of its 32 planes), and for an ImageJ stack it takes the planes to be
 * stored one after another whatever the directories say. For each directory: its byte offset and
 * the offset of its first strip of pixels.
 */
final class TiffDirectories {
    /** More directories than any stack we can hold in memory: a loop or garbage. */
    private static final int MAX_DIRECTORIES = 1 << 20;

    private TiffDirectories() {}

    /** One image directory. */
    static final class Directory {
        final long offset;
        final long firstStrip;

        Directory(long offset, long firstStrip) {
            this.offset = offset;
            this.firstStrip = firstStrip;
        }
    }

    /**
     * @throws TiffException naming the plane and byte offset when a directory, or the strip table
     *                       it points to, lies outside the file, or the chain loops
     */
    static List<Directory> walk(Path file, long length) throws TiffException {
        List<Directory> out = new ArrayList<Directory>();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] h = new byte[8];
            raf.readFully(h);
            boolean intel = h[0] == 'I';
            long next = u32(h, 4, intel);
            Set<Long> seen = new HashSet<Long>();
            while (next != 0) {
                int plane = out.size() + 1;
                if (next < 8 || next + 2 > length) {
                    throw new TiffException("file " + file + " is truncated or corrupt: the image directory of plane "
                            + plane + " is at byte offset " + next + ", beyond the end of the file (" + length
                            + " bytes)" + (out.isEmpty() ? "" : "; " + out.size() + " planes precede it"));
                }
                if (!seen.add(next) || out.size() >= MAX_DIRECTORIES) {
                    throw new TiffException("file " + file + " is corrupt: the image directory of plane " + plane
                            + " at byte offset " + next + " points back to an earlier one (a loop)");
                }
                raf.seek(next);
                int count = u16(raf, intel);
                long end = next + 2 + 12L * count + 4;
                if (end > length) {
                    throw new TiffException("file " + file + " is truncated: the image directory of plane " + plane
                            + " at byte offset " + next + " needs " + end + " bytes but the file has " + length);
                }
                byte[] entries = new byte[12 * count + 4];
                raf.readFully(entries);
                long firstStrip = -1;
                for (int e = 0; e < count; e++) {
                    int at = 12 * e;
                    int tag = (int) u(entries, at, 2, intel);
                    if (tag != 273) continue;
                    int type = (int) u(entries, at + 2, 2, intel);
                    long n = u32(entries, at + 4, intel);
                    int size = type == 3 ? 2 : 4;
                    if (n * size <= 4) {
                        firstStrip = u(entries, at + 8, size, intel);
                    } else {
                        long table = u32(entries, at + 8, intel);
                        if (table + size > length) {
                            throw new TiffException("file " + file + " is truncated: the strip table of plane " + plane
                                    + " is at byte offset " + table + ", beyond the end of the file (" + length + " bytes)");
                        }
                        raf.seek(table);
                        byte[] v = new byte[size];
                        raf.readFully(v);
                        firstStrip = u(v, 0, size, intel);
                    }
                }
                out.add(new Directory(next, firstStrip));
                next = u32(entries, 12 * count, intel);
            }
        } catch (TiffException e) {
            throw e;
        } catch (IOException e) {
            throw new TiffException("file " + file + " could not be read: " + e.getMessage(), e);
        }
        return out;
    }

    private static int u16(RandomAccessFile raf, boolean intel) throws IOException {
        int a = raf.read();
        int b = raf.read();
        if ((a | b) < 0) throw new IOException("file ends inside an image directory");
        return intel ? a | b << 8 : a << 8 | b;
    }

    private static long u32(byte[] b, int at, boolean intel) {
        return u(b, at, 4, intel);
    }

    private static long u(byte[] b, int at, int size, boolean intel) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int shift = intel ? 8 * i : 8 * (size - 1 - i);
            v |= (long) (b[at + i] & 0xff) << shift;
        }
        return v;
    }
}
