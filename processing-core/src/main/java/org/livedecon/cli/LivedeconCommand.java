package org.livedecon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: only dispatches to the subcommands. */
@Command(name = "livedecon", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "3D deconvolution of widefield microscopy stacks (TIFF, z-y-x, voxel sizes in µm).",
            "",
            "Start with 'livedecon demo', then 'livedecon deconvolve --help'.",
            "Exit codes: 0 success, 1 runtime error (bad file, out of memory), 2 bad arguments."
        })
public final class LivedeconCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final boolean terminal;

    /** @param terminal whether stderr is an interactive terminal (progress with carriage returns) */
    public LivedeconCommand(boolean terminal) {
        this.terminal = terminal;
    }

    public LivedeconCommand() {
        this(false);
    }

    boolean terminal() { return terminal; }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
