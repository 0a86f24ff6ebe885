package org.livedecon.core.live;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.DeconvolutionPlan;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/** Shared helpers of the live tests. */
final class LiveTesting {
    static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);
    static final Psf PSF = GaussianPsf.of(Shape.of(7, 7, 5), VOXEL, 1.2, 1.2, 1.0);

    private LiveTesting() {}

    static ChannelSetup setup(Algorithm a, int iterations) {
        return new ChannelSetup(PSF, DeconvolutionSettings.builder().algorithm(a).iterations(iterations).build());
    }

    static AcquiredPlane plane(int t, int c, int z, int nx, int ny, long seed) {
        short[] p = new short[nx * ny];
        long s = seed * 6364136223846793005L + 1442695040888963407L;
        for (int i = 0; i < p.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            p[i] = (short) (100 + ((s >>> 40) & 255) + (i % 37 == 0 ? 1500 : 0));
        }
        return new AcquiredPlane(new PlaneCoords(t, 0, c, z), p, nx, ny, z * 0.2, System.nanoTime());
    }

    /** Deconvolvers made as usual that run {@code before} on the worker thread before each job. */
    static DeconvolverFactory before(final Runnable before) {
        return new DeconvolverFactory() {
            @Override
            public Deconvolver create(DeconvolutionSettings settings, Backend backend) {
                final Deconvolver d = Deconvolvers.create(settings, backend);
                return new Deconvolver() {
                    @Override
                    public DeconvolutionPlan plan(Shape image, Psf psf) { return d.plan(image, psf); }

                    @Override
                    public DeconvolutionResult deconvolve(Volume image, Psf psf, ProgressListener progress) {
                        before.run();
                        return d.deconvolve(image, psf, progress);
                    }
                };
            }
        };
    }

    /** Collects results; thread-safe. */
    static final class Collector implements LiveResultSink {
        final List<LiveResult> results = Collections.synchronizedList(new ArrayList<LiveResult>());
        final Set<PlaneCoords> keys = Collections.synchronizedSet(new HashSet<PlaneCoords>());
        volatile int duplicates;
        final int maxDelayMs;
        private final java.util.Random random = new java.util.Random(3);

        Collector(int maxDelayMs) { this.maxDelayMs = maxDelayMs; }

        @Override
        public void accept(LiveResult r) {
            if (!keys.add(r.key())) duplicates++;
            results.add(r);
            if (maxDelayMs > 0) sleep(random.nextInt(maxDelayMs + 1));
        }

        long count(LiveResult.Status s) {
            synchronized (results) {
                long n = 0;
                for (LiveResult r : results) if (r.status() == s) n++;
                return n;
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
