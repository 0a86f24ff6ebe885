package org.livedecon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one {@code error: ...} line on stderr and an exit code: 2 for bad
 * arguments, 1 for everything else. Stack traces are printed only when the environment variable
 * {@code LIVEDECON_DEBUG} is set.
 */
final class ErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + oneLine(ex.getMessage()) + " (see '" + cl.getCommandSpec().qualifiedName()
                + " --help')");
        debug(ex, err);
        err.flush();
        return CliException.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        err.println("error: " + message(ex));
        debug(ex, err);
        err.flush();
        return ex instanceof CliException ? ((CliException) ex).exitCode() : CliException.RUNTIME;
    }

    /** The message for a failure: the exception's own text where it is written for users. */
    static String message(Throwable ex) {
        if (ex instanceof CliException || ex instanceof IOException || ex instanceof IllegalArgumentException) {
            String m = ex.getMessage();
            if (m != null && !m.trim().isEmpty()) {
                return oneLine(ex instanceof java.nio.file.NoSuchFileException ? "no such file: " + m : m);
            }
        }
        if (ex instanceof CancellationException) {
            return "cancelled";
        }
        return "internal error: " + oneLine(String.valueOf(ex))
                + " (please report it; set LIVEDECON_DEBUG=1 for details)";
    }

    /** The message for running out of heap, with what to try. */
    static String outOfMemory() {
        return String.format(Locale.ROOT, "out of memory (maximum heap %d MiB): use fewer threads (--threads), "
                + "a smaller or cropped stack, or give Java more memory (java -Xmx..., or JAVA_TOOL_OPTIONS=-Xmx...)",
                Runtime.getRuntime().maxMemory() / 1048576);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private static void debug(Throwable ex, PrintWriter err) {
        if (System.getenv("LIVEDECON_DEBUG") != null) {
            ex.printStackTrace(err);
        }
    }
}
