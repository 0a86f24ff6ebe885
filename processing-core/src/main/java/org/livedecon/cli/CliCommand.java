package org.livedecon.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the subcommands: gives them picocli's writers and turns an {@link OutOfMemoryError}
 * (an Error, which picocli does not handle) into a {@link CliException} with advice.
 *
 * <p>Other modules add commands by subclassing this (a public no-argument constructor and a
 * picocli {@code @Command}) and listing the class in
 * {@code META-INF/services/org.livedecon.cli.CliCommand}; a command with the name of a built-in
 * one replaces it (device-sim's {@code demo} runs on the simulated microscope).
 */
public abstract class CliCommand implements Callable<Integer> {
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
    protected abstract int run() throws Exception;

    protected PrintWriter out() { return spec.commandLine().getOut(); }

    protected PrintWriter err() { return spec.commandLine().getErr(); }

    /** Whether stderr is (probably) a terminal, for carriage-return progress updates. */
    protected boolean terminal() {
        Object root = spec.root().userObject();
        return root instanceof LivedeconCommand && ((LivedeconCommand) root).terminal();
    }

    protected CliException usage(String message) {
        return new CliException(CliException.USAGE, message);
    }
}
