package org.livedecon.mm.processor;

import org.livedecon.core.live.LiveResult;
import org.micromanager.data.SummaryMetadata;

/**
 * Where the deconvolved stacks of one acquisition go. {@link #begin} is called once before any
 * result, {@link #accept} once per stack (one call at a time, from the engine's threads), and
 * {@link #end} once after the engine has closed; none of them on the pipeline thread. An exception
 * thrown here is reported, never propagated to the acquisition.
 */
public interface ResultSink {
    /** {@code source}: the acquisition's summary metadata (may be null when Micro-Manager gave none). */
    void begin(StackGeometry geometry, SummaryMetadata source) throws Exception;

    /** One result per (time, position, channel) stack, whatever its status. */
    void accept(LiveResult result) throws Exception;

    void end() throws Exception;
}
