/**
 * Live deconvolution: planes arrive one at a time from an acquisition and deconvolved stacks come
 * out while the experiment runs, without ever making the acquisition wait.
 *
 * <p>Data path: {@link org.livedecon.core.live.LiveDeconvolver#accept} (acquisition thread, a
 * lock-free hand-off) → intake thread ({@link org.livedecon.core.live.StackAssembler} groups planes
 * by (time, position, channel); {@link org.livedecon.core.live.StreamingWiener} transforms planes
 * as they arrive, on the device chosen, through {@link org.livedecon.core.backend.PlaneSpectra}) → pending queue (policy {@link org.livedecon.core.live.LivePolicy}, spilling to
 * disk beyond the memory budget) → deconvolution worker → {@link org.livedecon.core.live.LiveResultSink}.
 * Counters and latencies are read at any time as a {@link org.livedecon.core.live.LiveMetrics}
 * snapshot. No Micro-Manager type appears here.
 */
package org.livedecon.core.live;
