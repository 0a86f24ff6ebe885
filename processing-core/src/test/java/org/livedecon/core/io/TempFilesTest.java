package org.livedecon.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 5: temporaries go away on exit and on Ctrl-C (SIGTERM runs the same shutdown
 * hooks as SIGINT), and those of a killed process are swept on the next start.
 */
class TempFilesTest {
    @TempDir
    Path dir;

    /** The child: makes a partial file and a spill-like folder, registers and locks them, then waits. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path part = java.nio.file.Paths.get(args[0]);
            Path folder = java.nio.file.Paths.get(args[1]);
            TempFiles.register(part);
            TempFiles.Held partLock = TempFiles.hold(part);
            Files.createDirectory(folder);
            TempFiles.register(folder);
            TempFiles.Held folderLock = TempFiles.hold(folder.resolve("in-use.lock"));
            Files.write(folder.resolve("stack-1.raw"), new byte[1000]);
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(120_000);
            partLock.close();
            folderLock.close();
        }
    }

    private Process child(Path part, Path folder) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                part.toString(), folder.toString()).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", r.readLine());
        return p;
    }

    @Test
    void interruptedProcessLeavesNothing() throws Exception {
        Path part = dir.resolve(".out.tif.livedecon-1.part");
        Path folder = dir.resolve("livedecon-spill1");
        Process p = child(part, folder);
        assertTrue(Files.exists(part) && Files.exists(folder.resolve("stack-1.raw")));
        p.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(part), "partial file removed");
        assertFalse(Files.exists(folder), "spill folder removed");
    }

    @Test
    void killedProcessDebrisIsSweptOnlyOnceItsOwnerIsGone() throws Exception {
        Path part = dir.resolve(".out.tif.livedecon-2.part");
        Path folder = dir.resolve("livedecon-spill2");
        Path unrelated = Files.write(dir.resolve("livedecon-notes.txt"), new byte[] {1});
        Process p = child(part, folder);
        try {
            // while the owner lives, its temporaries are in use and stay
            assertEquals(0, TempFiles.sweepStale(dir, ".out.tif", ".part", null));
            assertEquals(0, TempFiles.sweepStale(dir, "livedecon-spill", "", "in-use.lock"));
            assertTrue(Files.exists(part) && Files.exists(folder));
        } finally {
            p.destroyForcibly(); // SIGKILL: no hook runs
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(part) && Files.exists(folder), "a killed process cleans nothing");
        assertEquals(1, TempFiles.sweepStale(dir, ".out.tif", ".part", null));
        assertEquals(1, TempFiles.sweepStale(dir, "livedecon-spill", "", "in-use.lock"));
        assertFalse(Files.exists(part));
        assertFalse(Files.exists(folder));
        assertTrue(Files.exists(unrelated), "only our own temporaries are touched");
    }

    @Test
    void registeredTemporariesOfThisProcessAreNeverSwept() throws Exception {
        Path mine = Files.createDirectory(dir.resolve("livedecon-spill3"));
        TempFiles.register(mine);
        try (TempFiles.Held lock = TempFiles.hold(mine.resolve("in-use.lock"))) {
            assertEquals(0, TempFiles.sweepStale(dir, "livedecon-spill", "", "in-use.lock"));
            assertTrue(Files.exists(mine));
        } finally {
            TempFiles.deleteRecursively(mine);
            TempFiles.forget(mine);
        }
    }
}
