package org.livedecon.mm.processor;

import org.livedecon.core.live.LiveDeconvolver;
import org.livedecon.core.live.LiveLog;
import org.livedecon.core.live.LiveResultSink;
import org.livedecon.core.live.MemoryLedger;
import org.livedecon.mm.settings.PluginSettings;

/**
 * Makes the live engine of one acquisition. Called once per acquisition, off the pipeline thread
 * (it may take seconds: PSFs are read or computed here).
 */
public interface EngineFactory {
    /**
     * @param ledger the plugin's memory ledger, to be given to the engine ({@link org.livedecon.core.live.LiveResources.Builder#memoryLedger})
     * @return a started engine; the caller closes it
     * @throws Exception with a message naming what is wrong (a missing PSF, an unusable voxel size)
     */
    LiveDeconvolver start(PluginSettings settings, StackGeometry geometry, LiveResultSink sink, LiveLog log, MemoryLedger ledger)
            throws Exception;
}
