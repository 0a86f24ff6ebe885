/**
 * Live deconvolution: planes arrive one at a time from an acquisition and deconvolved stacks come
 * out while the experiment runs, without ever making the acquisition wait.
 *
 * <p>Data path, one class per stage: {@link org.livedecon.core.live.LiveDeconvolver#accept}
 * (acquisition thread, a lock-free hand-off into the {@code Inbox}) → {@code Intake} thread, asleep
 * while nothing arrives ({@link org.livedecon.core.live.StackAssembler} groups planes by (time,
 * position, channel); {@link org.livedecon.core.live.StreamingWiener} transforms planes as they
 * arrive, on the device chosen, through {@link org.livedecon.core.backend.PlaneSpectra}) →
 * {@code PendingQueue} (policy {@link org.livedecon.core.live.LivePolicy}, spilling to
 * disk beyond the memory budget) → {@code Worker} thread (a
 * {@link org.livedecon.core.deconv.JobRunner}; {@code AdaptivePolicy} under policy ADAPTIVE) →
 * {@link org.livedecon.core.live.LiveResultSink}. Raw pixels held are accounted in one
 * {@link org.livedecon.core.live.MemoryLedger} (the engine's, or one shared with the plugin's
 * hand-off). The user's options are {@link org.livedecon.core.live.LiveSettings}; geometry, PSFs
 * and collaborators {@link org.livedecon.core.live.LiveResources}. Counters and latencies are read
 * at any time as a {@link org.livedecon.core.live.LiveMetrics} snapshot. No Micro-Manager type
 * appears here.
 */
package org.livedecon.core.live;
