package org.livedecon.core.live;

/**
 * Where the engine reports warnings (duplicate or out-of-order planes, partial stacks, failures)
 * and its closing metrics.
 * Called from the engine's intake and worker threads, never from the acquisition thread;
 * implementations must be thread-safe and should return quickly.
 */
public interface LiveLog {
    LiveLog NONE = new LiveLog() {
        @Override
        public void warn(String message) { }
    };

    void warn(String message);

    /** Progress worth keeping in a log: the metrics summary when the engine closes. */
    default void info(String message) { }
}
