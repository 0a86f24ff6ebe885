package org.livedecon.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.livedecon.core.io.OutputException;
import org.livedecon.core.io.OutputSafety;

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

    /**
     * Fails before any work when an output cannot be written: its folder is missing or read-only,
     * it is (after links) an input or another output, or it exists and replacing was not asked
     * for ({@link OutputSafety}).
     */
    protected static void checkOutputs(OutputSafety safety, Path... outputs) {
        for (Path output : outputs) {
            if (output == null) continue;
            Path dir = output.toAbsolutePath().normalize().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new CliException(CliException.RUNTIME, "output directory " + dir + " does not exist");
            }
            if (dir != null && !Files.isWritable(dir)) {
                throw new CliException(CliException.RUNTIME, "output directory " + dir + " is not writable");
            }
        }
        try {
            safety.verify();
        } catch (OutputException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
    }

    protected CliException usage(String message) {
        return new CliException(CliException.USAGE, message);
    }
}
