package org.livedecon.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Temporary files and folders of this process (partial TIFFs being written, spill folders), so
 * that none outlives it: each is registered while it exists and deleted by a shutdown hook on
 * normal exit, on error and on Ctrl-C (SIGINT/SIGTERM run shutdown hooks).
 *
 * <p>A process killed outright (SIGKILL, power loss) runs no hook. Its temporaries are found on
 * the next start by {@link #sweepStale}: each one in use is held under an OS file lock (which dies
 * with its process), so one whose lock can be taken is stale. Locks are never probed on a file
 * this process holds: on POSIX, closing any channel of a file drops every lock the process has on
 * it.
 */
public final class TempFiles {
    /**
     * An entry without its lock file is treated as stale only after this long: it may be one that
     * an older livedecon (which took no locks) is still using.
     */
    private static final long NO_LOCK_AGE_MS = 3_600_000L;
    private static final Set<Path> LIVE = new LinkedHashSet<Path>();
    private static boolean hookInstalled;

    private TempFiles() {}

    /** Deletes {@code path} (a file, or a folder with everything in it) when the JVM exits, unless forgotten first. */
    public static synchronized void register(Path path) {
        if (!hookInstalled) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "livedecon-temp-cleanup"));
            } catch (IllegalStateException shuttingDown) {
                // already exiting: the caller's own cleanup is all there is
            }
            hookInstalled = true;
        }
        LIVE.add(path.toAbsolutePath().normalize());
    }

    /** {@code path} was deleted or became a real output: no longer ours to delete. */
    public static synchronized void forget(Path path) {
        LIVE.remove(path.toAbsolutePath().normalize());
    }

    static synchronized boolean isLive(Path path) {
        Path p = path.toAbsolutePath().normalize();
        for (Path live : LIVE) {
            if (p.startsWith(live)) return true;
        }
        return false;
    }

    private static void deleteAll() {
        Path[] paths;
        synchronized (TempFiles.class) {
            paths = LIVE.toArray(new Path[0]);
            LIVE.clear();
        }
        for (Path p : paths) deleteRecursively(p);
    }

    /** Deletes a file or a folder tree, best effort (a temporary left behind is found by the next sweep). */
    public static void deleteRecursively(Path path) {
        try {
            if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
            if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(path);
                return;
            }
            Files.walkFileTree(path, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /**
     * Holds the OS lock that marks {@code lockFile} (created if missing) as in use by this process
     * until the returned lock is closed.
     */
    public static Held hold(Path lockFile) throws IOException {
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) throw new IOException("temporary " + lockFile + " is locked by another process");
            return new Held(ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A held lock; closing releases it (the file itself stays). */
    public static final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        public FileChannel channel() { return channel; }

        @Override
        public void close() throws IOException {
            try {
                if (lock.isValid()) lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * Deletes, in {@code folder}, the entries whose names start with {@code prefix} and end with
     * {@code suffix} that an earlier process left behind: not registered here, and either unlocked
     * ({@code lockName} null: the entry itself is the lock file; otherwise the file of that name
     * inside the entry), or, with no lock file at all, older than an hour (an entry is locked
     * right after it is made; older versions took no locks). Returns how many were deleted.
     */
    public static int sweepStale(Path folder, String prefix, String suffix, String lockName) {
        if (folder == null || !Files.isDirectory(folder)) return 0;
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path e : entries) {
                Path name = e.getFileName();
                if (name == null) continue;
                String n = name.toString();
                if (!n.startsWith(prefix) || !n.endsWith(suffix) || isLive(e)) continue;
                Path lock = lockName == null ? e : e.resolve(lockName);
                if (stale(e, lock)) {
                    deleteRecursively(e);
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // a folder we cannot list holds nothing we could delete
        }
        return deleted;
    }

    private static boolean stale(Path entry, Path lock) {
        try {
            if (!Files.isRegularFile(lock)) {
                long age = System.currentTimeMillis() - Files.getLastModifiedTime(entry).toMillis();
                return age > NO_LOCK_AGE_MS;
            }
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
                FileLock l = ch.tryLock();
                if (l == null) return false;
                l.release();
                return true;
            }
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
