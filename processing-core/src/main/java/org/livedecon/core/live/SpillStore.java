package org.livedecon.core.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw stacks on disk while they wait (policy ALL beyond the memory budget). One temporary
 * directory, made on first use; each stack is one file, deleted when read back; the directory is
 * deleted by {@link #close()}. File layout: per slice an int type (0 missing, 1 byte, 2 short,
 * 4 float) followed by its pixels, native byte order. Used by the intake thread (write) and the
 * worker (read); each file is touched by one thread at a time.
 */
final class SpillStore implements AutoCloseable {
    private final Path parent;
    private final AtomicLong counter = new AtomicLong();
    private volatile Path dir;

    SpillStore(Path parent) { this.parent = parent; }

    private synchronized Path dir() throws IOException {
        if (dir == null) {
            dir = parent == null ? Files.createTempDirectory("livedecon-spill") : Files.createTempDirectory(parent, "livedecon-spill");
        }
        return dir;
    }

    /** Writes the stack's planes to a new file and releases them from memory; returns the file. */
    Path write(RawStack s) {
        try {
            Path f = dir().resolve("stack-" + counter.incrementAndGet() + ".raw");
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (int z = 0; z < s.zPlanes(); z++) {
                    Object p = s.plane(z);
                    int type = p instanceof byte[] ? 1 : p instanceof short[] ? 2 : p instanceof float[] ? 4 : 0;
                    int n = s.width() * s.height();
                    ByteBuffer b = ByteBuffer.allocate(4 + (type == 0 ? 0 : type * n)).order(ByteOrder.nativeOrder());
                    b.putInt(type);
                    if (type == 1) b.put((byte[]) p);
                    else if (type == 2) b.asShortBuffer().put((short[]) p);
                    else if (type == 4) b.asFloatBuffer().put((float[]) p);
                    b.position(0);
                    while (b.hasRemaining()) ch.write(b);
                }
            }
            s.release();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("could not spill " + s + " to disk: " + e.getMessage(), e);
        }
    }

    /** Reads the planes back into {@code s} and deletes the file. */
    void read(Path f, RawStack s) {
        try {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                int n = s.width() * s.height();
                for (int z = 0; z < s.zPlanes(); z++) {
                    ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
                    readFully(ch, head);
                    int type = head.getInt(0);
                    if (type == 0) continue;
                    ByteBuffer b = ByteBuffer.allocate(type * n).order(ByteOrder.nativeOrder());
                    readFully(ch, b);
                    b.position(0);
                    if (type == 1) {
                        byte[] a = new byte[n];
                        b.get(a);
                        s.restore(z, a);
                    } else if (type == 2) {
                        short[] a = new short[n];
                        b.asShortBuffer().get(a);
                        s.restore(z, a);
                    } else {
                        float[] a = new float[n];
                        b.asFloatBuffer().get(a);
                        s.restore(z, a);
                    }
                }
            }
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read spilled " + s + " back from " + f + ": " + e.getMessage(), e);
        }
    }

    void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // the directory is removed at close; nothing more to do
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) throw new IOException("file ends early");
        }
    }

    /** Deletes the directory and anything left in it. */
    @Override
    public synchronized void close() {
        if (dir == null) return;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            java.util.Iterator<Path> it = files.iterator();
            while (it.hasNext()) Files.deleteIfExists(it.next());
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort: a temp directory left behind is harmless
        }
        dir = null;
    }

    /** The spill directory, or null before the first spill / after close. */
    Path directory() { return dir; }
}
