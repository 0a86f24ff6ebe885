package org.livedecon.cli;

/**
 * A failure to report as one {@code error: ...} line with a given exit code, without a stack
 * trace. Use {@link #USAGE} for problems with the arguments, {@link #RUNTIME} for everything else.
 */
public final class CliException extends RuntimeException {
    public static final int RUNTIME = 1;
    public static final int USAGE = 2;
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }
}
