package org.livedecon.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

import picocli.CommandLine;

/** Entry point of the {@code livedecon} command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // System.console() is null when stdin or stdout is redirected; then progress goes line by line.
        boolean terminal = System.console() != null;
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, cs), true);
        int code = run(args, out, err, terminal);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line in-process; returns the exit code (never exits the JVM). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        System.setProperty("java.awt.headless", "true");
        return commandLine(out, err, terminal).execute(args);
    }

    /** The configured command line, with our error handlers and writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean terminal) {
        CommandLine cl = new CommandLine(new LivedeconCommand(terminal));
        cl.setOut(out);
        cl.setErr(err);
        ErrorHandlers handlers = new ErrorHandlers();
        cl.setParameterExceptionHandler(handlers);
        cl.setExecutionExceptionHandler(handlers);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
