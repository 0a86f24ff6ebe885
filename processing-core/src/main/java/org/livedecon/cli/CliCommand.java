package org.livedecon.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the subcommands: gives them picocli's writers and turns an {@link OutOfMemoryError}
 * (an Error, which picocli does not handle) into a {@link CliException} with advice.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (OutOfMemoryError e) {
            throw new CliException(CliException.RUNTIME, ErrorHandlers.outOfMemory(), e);
        }
    }

    /** The command's work; returns the exit code (0). */
    abstract int run() throws Exception;

    PrintWriter out() { return spec.commandLine().getOut(); }

    PrintWriter err() { return spec.commandLine().getErr(); }

    /** Whether stderr is (probably) a terminal, for carriage-return progress updates. */
    boolean terminal() {
        Object root = spec.root().userObject();
        return root instanceof LivedeconCommand && ((LivedeconCommand) root).terminal();
    }

    CliException usage(String message) {
        return new CliException(CliException.USAGE, message);
    }
}
