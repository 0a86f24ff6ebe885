package org.livedecon.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.livedecon.cli.Main;

/** {@code bench --quality --quick} is found through the service loader and prints its table for both samples. */
class QualityBenchCommandTest {

    @Test
    void quickQualityBenchPrintsScoresForEveryAlgorithmAndBackground() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new String[] {"bench", "--quality", "--quick", "--threads", "2"}, new PrintWriter(out, true),
                new PrintWriter(err, true), false);
        String o = out.toString();
        assertEquals(0, code, o + err);
        assertTrue(o.contains("cell: truth has") && o.contains("beads: truth has"), o);
        for (String a : new String[] {"rl-accel", "rl-shb", "| rl ", "rl-wb (stop: ", "wiener λ auto", "wiener λ 5e-03"}) {
            assertTrue(o.contains(a), a + " missing:\n" + o);
        }
        assertTrue(o.contains("| auto ") && o.contains("| true "), o);
        assertTrue(o.contains("NRMSE 1-vox") && o.contains("flux kept") && o.contains("zeros"), o);
        assertTrue(o.contains("total "), o);
    }
}
