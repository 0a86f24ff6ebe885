package org.livedecon.core.live;

import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.IntensityNormalisation;
import org.livedecon.core.deconv.JobRunner;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.volume.Volume;

/**
 * The engine's deconvolution thread: takes stacks from the {@link PendingQueue} one at a time and
 * runs them through a {@link JobRunner} made on this thread for {@link LiveSettings#deviceChoice()}
 * (any OpenCL problem there, or a device failure during a job, moves the engine to the CPU backend
 * with the reason logged once, and the stack is computed again: the user still gets every result).
 */
final class Worker implements Runnable {
    private final LiveSettings settings;
    private final LiveResources resources;
    private final PendingQueue queue;
    private final EngineMemory memory;
    private final Results results;
    private final AdaptivePolicy adaptive;

    Worker(LiveSettings settings, LiveResources resources, PendingQueue queue, EngineMemory memory, Results results) {
        this.settings = settings;
        this.resources = resources;
        this.queue = queue;
        this.memory = memory;
        this.results = results;
        this.adaptive = new AdaptivePolicy(settings);
    }

    @Override
    public void run() {
        final LiveLog log = resources.log();
        try (JobRunner runner = JobRunner.open(settings.deviceChoice(), settings.backendThreads(), log::info, log::warn)) {
            PendingQueue.Pending p;
            while ((p = queue.take()) != null) {
                process(runner, p);
                memory.update();
            }
        }
    }

    private void process(JobRunner runner, PendingQueue.Pending p) {
        RawStack s = p.stack;
        long t0 = System.nanoTime();
        Volume v;
        try {
            queue.readBack(p);
            memory.workingBytes.set(s.bytes());
            v = s.toVolume(resources.voxelSize());
        } catch (Throwable t) {
            s.release();
            memory.workingBytes.set(0);
            results.failed(s, t, t0);
            return;
        }
        s.release();
        try {
            ChannelSetup c = resources.channel(s.key().channel());
            if (c == null) {
                throw new IllegalStateException("no PSF and settings for channel " + s.key().channel()
                        + "; configured channels: " + resources.channels().keySet());
            }
            DeconvolutionSettings ds = adaptive.adapt(c.settings(), s, p.behind);
            boolean degraded = ds != c.settings();
            // the engine sees the stack from its darkest voxel up, as the command line does: the camera offset
            // is not Poisson noise, and RL with it inside b converges much more slowly (IntensityNormalisation;
            // demo cell, accelerated RL x10: NRMSE 0.395 with the offset in b, 0.281 without). v is this
            // job's own copy of the planes, so it is shifted in place.
            IntensityNormalisation n = IntensityNormalisation.of(v, ds.background());
            DeconvolutionResult r = n.undo(runner.deconvolve(resources.deconvolverFactory()::create, n.apply(ds),
                    n.applyInPlace(v), c.psf(), ProgressListener.NONE));
            adaptive.learn(s.key().channel(), ds, r);
            long now = System.nanoTime();
            memory.workingBytes.set(0);
            results.emit(new LiveResult(s.key(), s.complete() ? LiveResult.Status.DONE : LiveResult.Status.PARTIAL, r.volume(),
                    ds.algorithm(), r.iterations(), s.present(), s.lastArrivalNanos(), now, now - t0, false, degraded, null));
        } catch (Throwable t) {
            memory.workingBytes.set(0);
            results.failed(s, t, t0);
        }
    }
}
