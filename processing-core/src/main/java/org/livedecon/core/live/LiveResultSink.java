package org.livedecon.core.live;

/**
 * Receives one {@link LiveResult} per stack the engine saw, whatever its fate (done, skipped,
 * partial, failed). Called from the engine's threads, one call at a time (calls are serialised),
 * never from the acquisition thread. A slow sink delays the engine, not the acquisition. An
 * exception thrown here is logged and counted; the stack still counts as handled.
 */
public interface LiveResultSink {
    LiveResultSink NONE = new LiveResultSink() {
        @Override
        public void accept(LiveResult result) { }
    };

    void accept(LiveResult result);
}
