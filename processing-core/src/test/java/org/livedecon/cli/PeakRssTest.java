package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeakRssTest {
    @Test
    void readsTheHighWaterMarkInMiB(@TempDir Path dir) throws IOException {
        Path status = dir.resolve("status");
        Files.write(status, "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  2097152 kB\nVmRSS:\t 1000 kB\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(2048, PeakRss.mib(status));
    }

    @Test
    void unknownWithoutTheFieldOrTheFile(@TempDir Path dir) throws IOException {
        Path status = dir.resolve("status");
        Files.write(status, "Name:\tjava\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(-1, PeakRss.mib(status));
        assertEquals(-1, PeakRss.mib(dir.resolve("missing")));
    }
}
