package org.livedecon.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

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
        return commandLine(out, err, terminal, args.length > 0 ? args[0] : null).execute(args);
    }

    /** The configured command line, with our error handlers and writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean terminal) {
        return commandLine(out, err, terminal, null);
    }

    /**
     * As {@link #commandLine(PrintWriter, PrintWriter, boolean)}; when {@code only} names a command,
     * with that command alone: picocli builds its model of every command it is given by reflection,
     * which took a quarter of a second of every run for the ten commands. Anything else (no
     * command, an option, a misspelt name) gets them all, for the usage and the suggestions.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean terminal, String only) {
        CommandLine cl = new CommandLine(new LivedeconCommand(terminal));
        // built-ins first, then what other modules on the class path provide (replacing by name)
        Map<String, Object> commands = new LinkedHashMap<String, Object>();
        for (Object c : new Object[] {new DeconvolveCommand(), new PsfCommand(), new PsfFromBeadsCommand(),
            new PsfLibraryCommand(), new BenchCommand(), new DevicesCommand()}) {
            commands.put(name(c), c);
        }
        for (CliCommand c : ServiceLoader.load(CliCommand.class)) {
            commands.put(name(c), c);
        }
        boolean one = only != null && commands.containsKey(only);
        for (Map.Entry<String, Object> e : commands.entrySet()) {
            if (!one || e.getKey().equals(only)) cl.addSubcommand(e.getKey(), e.getValue());
        }
        cl.setOut(out);
        cl.setErr(err);
        ErrorHandlers handlers = new ErrorHandlers();
        cl.setParameterExceptionHandler(handlers);
        cl.setExecutionExceptionHandler(handlers);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static String name(Object command) {
        return command.getClass().getAnnotation(CommandLine.Command.class).name();
    }
}
