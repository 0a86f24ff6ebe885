package org.livedecon.mm.processor;

/**
 * Where the processor reports: {@link #log} for the log only, {@link #error} for a failure the user
 * must see. Implementations must be thread-safe; the processor calls {@link #error} at most once per
 * acquisition.
 */
public interface Reporter {
    void log(String message);

    void error(String message, Throwable cause);
}
