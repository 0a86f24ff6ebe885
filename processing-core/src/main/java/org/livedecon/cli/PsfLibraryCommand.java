package org.livedecon.cli;

import java.util.List;

import org.livedecon.core.psf.PsfLibrary;

import picocli.CommandLine.Command;

/** {@code livedecon psf-library}: lists the saved PSFs. */
@Command(name = "psf-library", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "Lists the PSFs saved in the PSF library (default ~/.livedecon/psfs; the environment variable "
                    + "LIVEDECON_PSF_LIBRARY or -Dlivedecon.psfLibrary=DIR chooses another folder): name, date, optics, "
                    + "FWHM and beads. Use one with 'livedecon deconvolve IMAGE --psf library:NAME'."
        })
final class PsfLibraryCommand extends CliCommand {
    @Override
    protected int run() throws Exception {
        PsfLibrary library = PsfLibrary.standard();
        List<PsfLibrary.Entry> entries = library.list();
        out().println("PSF library " + library.folder() + ": " + entries.size() + (entries.size() == 1 ? " PSF" : " PSFs"));
        for (PsfLibrary.Entry e : entries) out().println("  " + e.name() + ": " + e.metadata().summary());
        return 0;
    }
}
