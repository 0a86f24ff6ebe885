package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Issue 17 (set-up): the automatic background is estimated once by the run, printed, and handed to
 * the engine as its value; the result still reports the user's "auto" and the value found.
 */
class AutoBackgroundOnceTest {
    @Test
    void autoBackgroundIsPrintedOnceAndReportedAsAuto() {
        Psf psf = BenchCommand.gaussianPsf(Shape.of(9, 9, 7));
        Volume raw;
        try (CpuBackend backend = new CpuBackend(2)) {
            raw = SyntheticStack.builder(Shape.of(36, 32, 10), Cli.VOXEL).seed(3).build(psf, backend).image();
        }
        StringWriter sink = new StringWriter();
        PrintWriter w = new PrintWriter(sink);
        DeconvolutionSettings s = DeconvolutionSettings.builder().iterations(5).background(Background.auto()).build();
        DeconvolutionResult r;
        try (CpuBackend backend = new CpuBackend(2)) {
            r = DeconvolutionRun.run(s, backend, 2, raw, psf, w, w, false).result();
        }
        w.flush();
        String log = sink.toString();
        assertTrue(r.settings().background().isAuto(), "result settings: " + r.settings());
        assertTrue(r.background() > 0 && r.background() < raw.max(), "background " + r.background());
        int lines = 0;
        for (String line : log.split("\n")) {
            if (line.startsWith("background: ")) lines++;
        }
        assertEquals(1, lines, log);
        assertTrue(log.contains("darkest"), log);
    }
}
