package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** A run that names its command builds only that one; anything else sees every command. */
class CommandSetTest {
    private static CommandLine build(String first) {
        PrintWriter w = new PrintWriter(new StringWriter());
        return Main.commandLine(w, w, false, first);
    }

    @Test
    void aNamedCommandIsBuiltAlone() {
        assertEquals(Collections.singleton("deconvolve"), build("deconvolve").getSubcommands().keySet());
        assertEquals(Collections.singleton("psf"), build("psf").getSubcommands().keySet());
    }

    @Test
    void usageAndMisspeltNamesSeeEveryCommand() {
        int all = build(null).getSubcommands().size();
        assertTrue(all >= 6, "built-in commands: " + build(null).getSubcommands().keySet());
        for (String first : new String[] {"--help", "decon", "help", "-V"}) {
            assertEquals(all, build(first).getSubcommands().size(), first);
        }
    }
}
