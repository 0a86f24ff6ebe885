package org.livedecon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The process's peak resident set size: what the machine gave this run at most, heap, native
 * buffers and the JVM together (the heap figure alone hides what the operating system sees).
 * Read from Linux's {@code /proc/self/status} ({@code VmHWM}); unknown elsewhere.
 */
final class PeakRss {
    private PeakRss() {}

    /** Peak RSS in MiB, or -1 where the system does not say. */
    static long mib() {
        return mib(Paths.get("/proc/self/status"));
    }

    /** As {@link #mib()}, from a file in the format of {@code /proc/PID/status}. */
    static long mib(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (!line.startsWith("VmHWM:")) continue;
                String[] parts = line.substring(6).trim().split("\\s+");
                long kb = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? kb / 1024 : -1;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a status file without the field: unknown
        }
        return -1;
    }
}
