package org.livedecon.core.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

import org.livedecon.core.io.TempFiles;

/**
 * Raw stacks on disk while they wait (policy ALL beyond the memory budget). One temporary
 * directory, made on first use; each stack is one file, deleted when read back; the directory is
 * deleted by {@link #close()}, on exit and on Ctrl-C ({@link TempFiles}); one that a killed run
 * left behind is deleted when the next store is made. File layout: per slice an int type (0 missing, 1 byte, 2 short,
 * 4 float) followed by its pixels, native byte order. Used by the intake thread (write) and the
 * worker (read); each file is touched by one thread at a time.
 */
final class SpillStore implements AutoCloseable {
    static final String PREFIX = "livedecon-spill";
    static final String LOCK = "in-use.lock";
    private final Path parent;
    private final AtomicLong counter = new AtomicLong();
    private volatile Path dir;
    private TempFiles.Held lock;

    /** Also deletes the spill folders that killed runs left in {@code parent} (or the temp folder). */
    SpillStore(Path parent) {
        this.parent = parent;
        TempFiles.sweepStale(parent != null ? parent : Paths.get(System.getProperty("java.io.tmpdir")),
                PREFIX, "", LOCK);
    }

    private synchronized Path dir() throws IOException {
        if (dir == null) {
            Path d = parent == null ? Files.createTempDirectory(PREFIX) : Files.createTempDirectory(parent, PREFIX);
            // deleted on exit and Ctrl-C; the lock tells a later run's sweep that it is in use
            TempFiles.register(d);
            try {
                lock = TempFiles.hold(d.resolve(LOCK));
            } catch (IOException e) {
                TempFiles.deleteRecursively(d);
                TempFiles.forget(d);
                throw e;
            }
            dir = d;
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
        try {
            lock.close();
        } catch (IOException ignored) {
            // released with the process anyway
        }
        TempFiles.deleteRecursively(dir);
        TempFiles.forget(dir);
        dir = null;
    }

    /** The spill directory, or null before the first spill / after close. */
    Path directory() { return dir; }
}
