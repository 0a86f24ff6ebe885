package org.livedecon.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.backend.opencl.OpenClTesting;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.deconv.Wiener;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

class StreamingWienerTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);

    @Test
    void matchesWholeStackWienerNonCirculantAutoBackground() {
        check(Boundary.NON_CIRCULANT, Background.auto(), 9, 20, 23, 2);
    }

    @Test
    void matchesWholeStackWienerPeriodicFixedBackground() {
        check(Boundary.PERIODIC, Background.fixed(3), 8, 16, 18, 1);
    }

    @Test
    void theLastPlaneTakesTheLowRankWayNonCirculant() {
        Psf psf = GaussianPsf.of(Shape.of(7, 7, 5), VOXEL, 1.2, 1.2, 1.0);
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER).boundary(Boundary.NON_CIRCULANT)
                .background(Background.auto()).lambda(0.01).build();
        lowRank(psf, s, new CpuBackend(2));
    }

    /** Bar 2 of issue 18: the same agreement with the transforms and products on OpenCL (PoCL in CI). */
    @Test
    void matchesWholeStackWienerOnOpenCl() {
        check(Boundary.NON_CIRCULANT, Background.auto(), 9, 20, 23, 2, OpenClTesting.backendOrSkip());
        check(Boundary.PERIODIC, Background.fixed(3), 8, 16, 18, 1, OpenClTesting.backendOrSkip());
        check(Boundary.NON_CIRCULANT, Background.none(), 1, 12, 10, 2, OpenClTesting.backendOrSkip());
    }

    @Test
    void theLastPlaneTakesTheLowRankWayOnOpenCl() {
        Psf psf = GaussianPsf.of(Shape.of(7, 7, 5), VOXEL, 1.2, 1.2, 1.0);
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER).boundary(Boundary.NON_CIRCULANT)
                .background(Background.auto()).lambda(0.01).build();
        lowRank(psf, s, OpenClTesting.backendOrSkip());
    }

    private static void lowRank(Psf psf, DeconvolutionSettings s, Backend backend) {
        try (Backend b = backend; StreamingWiener.Kernel k = new StreamingWiener.Kernel(psf, s, 23, 20, 16, b, 2)) {
            assertTrue(k.rank > 0 && k.rank < 16, "rank " + k.rank);
            for (int seed = 7; seed < 9; seed++) check(k, psf, s, seed, 16, 20, 23);
        }
    }

    @Test
    void matchesForOnePlaneStacks() {
        check(Boundary.NON_CIRCULANT, Background.none(), 1, 12, 10, 2);
    }

    @Test
    void aKernelServesManyStacks() {
        check(Boundary.NON_CIRCULANT, Background.auto(), 8, 32, 32, 2);
    }

    @Test
    void thePublicStreamedWienerGivesWholeStackWiener() {
        Psf psf = GaussianPsf.of(Shape.of(7, 7, 5), VOXEL, 1.2, 1.2, 1.0);
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER).build();
        int nz = 6, ny = 14, nx = 15;
        try (CpuBackend b = new CpuBackend(2); StreamedWiener w = new StreamedWiener(psf, s, nx, ny, nz, b, 2)) {
            for (int seed = 1; seed <= 2; seed++) {
                Random r = new Random(seed);
                java.util.List<Object> planes = new java.util.ArrayList<Object>();
                for (int z = 0; z < nz; z++) {
                    float[] p = new float[nx * ny];
                    for (int i = 0; i < p.length; i++) p[i] = 100 + r.nextInt(50) + (i % 5 == 0 ? 500 : 0);
                    planes.add(p);
                }
                for (int z = nz - 1; z >= 0; z--) w.add(z, planes.get(z));
                Volume actual = w.finish(VOXEL);
                Volume expected;
                try (CpuBackend backend = new CpuBackend(1)) {
                    expected = new Wiener(s, backend).deconvolve(Volume.fromPlanes(planes, nx, ny, VOXEL), psf,
                            ProgressListener.NONE).volume();
                }
                double maxAbs = 0, worst = 0;
                for (int i = 0; i < expected.data().length; i++) {
                    maxAbs = Math.max(maxAbs, Math.abs(expected.data()[i]));
                    worst = Math.max(worst, Math.abs(expected.data()[i] - actual.data()[i]));
                }
                assertTrue(worst <= 1e-4 * maxAbs, "differs by " + worst + " (max " + maxAbs + ")");
            }
        }
    }

    /** The live engine streams on the device chosen: cpu-opencl streams on OpenCL, same result as the whole-stack path. */
    @Test
    void theLiveEngineStreamsOnTheOpenClDeviceChosen() {
        OpenClTesting.backendOrSkip().close(); // skipped, with the reason, where there is no OpenCL
        int nz = 8, ny = 32, nx = 32;
        LiveTesting.Collector streamed = new LiveTesting.Collector(0), whole = new LiveTesting.Collector(0);
        final StringBuffer logged = new StringBuffer();
        for (boolean streaming : new boolean[] {true, false}) {
            LiveSettings s = LiveSettings.builder().device(streaming ? "cpu-opencl" : "cpu")
                    .streamingWiener(streaming).backendThreads(2).build();
            LiveResources res = LiveResources.builder().zPlanes(nz).voxelSize(LiveTesting.VOXEL)
                    .defaultChannel(LiveTesting.setup(Algorithm.WIENER, 1))
                    .log(new LiveLog() {
                        @Override
                        public void warn(String message) { logged.append(message).append('\n'); }

                        @Override
                        public void info(String message) { logged.append(message).append('\n'); }
                    }).build();
            try (LiveDeconvolver live = new LiveDeconvolver(s, res, streaming ? streamed : whole)) {
                for (int t = 0; t < 3; t++) {
                    for (int z = 0; z < nz; z++) {
                        live.accept(LiveTesting.plane(t, 0, z, nx, ny, t * 10 + z));
                        LiveTesting.sleep(1);
                    }
                }
            }
        }
        assertTrue(logged.indexOf("streaming Wiener backend: opencl") >= 0, logged.toString());
        assertEquals(3, streamed.results.size());
        assertEquals(3, whole.results.size());
        int streamedStacks = 0;
        for (LiveResult a : streamed.results) {
            if (a.streamed()) streamedStacks++;
            LiveResult b = null;
            for (LiveResult c : whole.results) if (c.key().time() == a.key().time()) b = c;
            float[] x = a.volume().data(), y = b.volume().data();
            double worst = 0, max = 0;
            for (int k = 0; k < x.length; k++) {
                worst = Math.max(worst, Math.abs(x[k] - y[k]));
                max = Math.max(max, Math.abs(y[k]));
            }
            assertTrue(worst < 1e-4 * max, a.key() + ": streamed on OpenCL differs by " + worst + " (max " + max + ")");
        }
        assertTrue(streamedStacks > 0, "no stack was streamed: " + logged);
    }

    private static void check(Boundary boundary, Background bg, int nz, int ny, int nx, int threads) {
        check(boundary, bg, nz, ny, nx, threads, new CpuBackend(threads));
    }

    private static void check(Boundary boundary, Background bg, int nz, int ny, int nx, int threads, Backend backend) {
        Psf psf = GaussianPsf.of(Shape.of(7, 7, 5), VOXEL, 1.2, 1.2, 1.0);
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER).boundary(boundary)
                .background(bg).lambda(0.01).build();
        try (Backend b = backend; StreamingWiener.Kernel k = new StreamingWiener.Kernel(psf, s, nx, ny, nz, b, threads)) {
            for (int seed = 7; seed < 10; seed++) check(k, psf, s, seed, nz, ny, nx);
        }
    }

    private static void check(StreamingWiener.Kernel k, Psf psf, DeconvolutionSettings s, int seed, int nz, int ny, int nx) {
        Random r = new Random(seed);
        short[][] planes = new short[nz][nx * ny];
        RawStack raw = new RawStack(new org.livedecon.core.acquisition.PlaneCoords(0, 0, 0, 0), nz, nx, ny);
        for (int z = 0; z < nz; z++) {
            for (int i = 0; i < nx * ny; i++) planes[z][i] = (short) (100 + r.nextInt(400) + (i % 7 == 0 ? 2000 : 0));
            raw.put(z, planes[z], 0);
        }
        Volume image = raw.toVolume(VOXEL);
        Volume expected;
        try (CpuBackend backend = new CpuBackend(1)) {
            expected = new Wiener(s, backend).deconvolve(image, psf, ProgressListener.NONE).volume();
        }
        for (int order = 0; order < 3; order++) {
            StreamingWiener.Accumulator acc = k.start();
            if (order == 0) {
                // in order: the last plane goes the low-rank way when the kernel has one
                for (int z = 0; z < nz; z++) acc.add(z, planes[z]);
            } else if (order == 2) {
                // in order, the transform back before the last plane stopped after a few planes
                final int[] calls = {0};
                java.util.concurrent.Callable<Boolean> waiting = new java.util.concurrent.Callable<Boolean>() {
                    @Override
                    public Boolean call() { return ++calls[0] > 3; }
                };
                for (int z = 0; z < nz; z++) acc.add(z, planes[z], false, 0, waiting);
            } else {
                // out of order: the sum does not care
                for (int z = nz - 1; z >= 0; z -= 2) acc.add(z, planes[z]);
                for (int z = nz - 2; z >= 0; z -= 2) acc.add(z, planes[z]);
            }
            Volume actual = acc.finish(raw, VOXEL);
            double maxAbs = 0, worst = 0;
            for (int i = 0; i < expected.data().length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(expected.data()[i]));
                worst = Math.max(worst, Math.abs(expected.data()[i] - actual.data()[i]));
            }
            assertTrue(worst <= 1e-4 * maxAbs, "seed " + seed + ", order " + order + " (rank " + k.rank + "): streaming differs from whole-stack Wiener by " + worst + " (max " + maxAbs + ")");
        }
    }
}
