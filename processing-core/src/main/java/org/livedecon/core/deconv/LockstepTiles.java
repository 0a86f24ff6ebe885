package org.livedecon.core.deconv;

import java.util.ArrayList;
import java.util.List;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.Region;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Richardson–Lucy (plain, accelerated, RL-TV) on tiles that advance together, one step of
 * {@link RlSteps} at a time on every tile, so that every number the untiled job sums over the whole
 * stack is summed over the whole stack here too: the flux scale (Σ_window Hx), the Biggs–Andrews
 * sums behind α, the change behind the stopping rule and the final flux. Each tile adds the voxels
 * it owns: its core on the measured window, and the padded grid beyond the stack's own faces for
 * the tiles on those faces (the grid's padding split in the middle, as the FFT wraps it), so every
 * voxel is counted once. All tiles then get the same scale and the same α, and follow the untiled
 * trajectory up to the seams' reach.
 *
 * <p>The backend holds one tile's buffers at a time (one {@link RlSteps}, reused); between steps
 * a tile's state waits in host memory: the estimate (or prediction), and for the accelerated
 * variants the previous estimate and the previous Biggs–Andrews gradient, all on the tile's FFT
 * grid, plus its blur Hx on its window between the blur and the update step
 * ({@link #stateBytes}). The image crop is uploaded again for each update step, and the
 * normaliser Hᵀ M, the same for every tile (all tiles share one shape), stays on the backend.
 */
final class LockstepTiles {
    private LockstepTiles() {}

    /** One tile: where it is, what it owns, and its state between steps. */
    private static final class TileState {
        final int[][] core;
        final int[][] ext;
        final Region flux;
        final Region owned;
        /** Grid: x, or the prediction; after an accelerated update step, the new x. */
        float[] estimate;
        /** Grid: the previous x (accelerated), or the estimate before the last step (rl-wb). */
        float[] previous;
        /** Grid: the previous gradient g (accelerated). */
        float[] gradient;
        /** Window: Hx between the blur and the update step. */
        final float[] blurred;

        TileState(int[][] core, int[][] ext, Region flux, Region owned, int windowVoxels) {
            this.core = core;
            this.ext = ext;
            this.flux = flux;
            this.owned = owned;
            this.blurred = new float[windowVoxels];
        }
    }

    /** Host bytes one tile keeps between steps: 1 (plain) or 3 (accelerated) grids and the window's blur. */
    static long stateBytes(Algorithm algorithm, Shape tile, Shape grid) {
        boolean accelerated = algorithm.accelerated();
        long grids = accelerated ? 3L : algorithm == Algorithm.RL_WB ? 2L : 1L;
        return 4L * (grids * grid.voxels() + tile.voxels());
    }

    /** What the run did. */
    static final class Outcome {
        final int iterations;
        final DeconvolutionResult.StopReason reason;
        /** Time spent in the iterations (the tiles' set-up, the final flux scale and the blend excluded). */
        final long iteratingNanos;

        Outcome(int iterations, DeconvolutionResult.StopReason reason, long iteratingNanos) {
            this.iterations = iterations;
            this.reason = reason;
            this.iteratingNanos = iteratingNanos;
        }
    }

    /**
     * Deconvolves every tile in lockstep and blends the results into {@code acc} / {@code weightSum}.
     *
     * @param settings iterative settings with a fixed background {@code b}
     * @param cores    core ranges per tile ({@code [axis][from, to)}), {@code exts} the extended ones,
     *                 all extended tiles of the shape {@code tile}
     */
    static Outcome run(DeconvolutionSettings settings, Backend backend, Volume image, Psf psf, double b,
                       List<int[][]> cores, List<int[][]> exts, Shape tile, Shape grid, int[] margin,
                       ProgressListener progress, long t0, float[] acc, float[] weightSum) {
        Shape s = image.shape();
        boolean accelerated = settings.algorithm().accelerated();
        float mean = Jobs.meanAbove(image, b);
        double targetFlux = RichardsonLucy.targetFlux(image, b);
        boolean conserveFlux = targetFlux > 0;
        // rl-wb may reject its last step (WbStop): each tile keeps the estimate before it
        boolean keepPrevious = settings.algorithm() == Algorithm.RL_WB;
        int planned = settings.iterations();
        List<TileState> tiles = new ArrayList<TileState>();
        for (int t = 0; t < cores.size(); t++) {
            int[][] core = cores.get(t), ext = exts.get(t);
            TileState st = new TileState(core, ext, fluxRegion(core, ext), ownedRegion(s, core, ext, tile, grid),
                    tile.voxels());
            Volume crop = TiledDeconvolver.crop(image, ext);
            // the untiled start: smoothed y - b, floored and continued outside by the whole stack's mean
            st.estimate = RichardsonLucy.initialEstimate(crop, b, mean, mean, grid);
            if (accelerated) {
                st.previous = st.estimate.clone();
                st.gradient = new float[grid.voxels()];
            } else if (keepPrevious) {
                st.previous = new float[grid.voxels()];
            }
            tiles.add(st);
        }
        float[] observed = new float[tile.voxels()];
        try (RlSteps steps = new RlSteps(backend, psf, tile, grid, settings.algorithm(), (float) settings.lambda(),
                (float) b, RichardsonLucy.ratioFloor(image), BackProjector.forSettings(settings, psf))) {
            DeconvolutionResult.StopReason reason = DeconvolutionResult.StopReason.ITERATIONS;
            int done = 0;
            double previousRel = Double.NaN;
            double previousFit = Double.NaN;
            boolean fitStopped = false;
            long iterStart = System.nanoTime();
            for (int k = 1; k <= planned; k++) {
                // 1. Hx of every tile, Σ_window Hx over the cores
                double predicted = blurAll(tiles, steps);
                float scale = RichardsonLucy.fluxScale(conserveFlux, targetFlux, predicted);
                if (keepPrevious && k >= 2) {
                    // rl-wb: the fit of the estimate after k − 1 iterations, over the cores (as untiled; the
                    // start's fit is never compared)
                    double fit = fit(tiles, image, observed, tile, scale, (float) b, RichardsonLucy.ratioFloor(image));
                    progress.fitMeasured(k - 1, fit);
                    if (WbStop.fitWorsened(settings, k - 1, fit, previousFit)) {
                        // as untiled: back to the estimates before the step, retried shorter
                        for (TileState st : tiles) st.estimate = st.previous;
                        float shorter = WbStop.retriedRelaxation(settings, steps.relaxation());
                        if (shorter == 0f) {
                            done = k - 2;
                            reason = DeconvolutionResult.StopReason.FIT_WORSENED;
                            fitStopped = true;
                            break;
                        }
                        steps.relaxation(shorter);
                        predicted = blurAll(tiles, steps);
                        scale = RichardsonLucy.fluxScale(conserveFlux, targetFlux, predicted);
                    } else {
                        previousFit = fit;
                    }
                }
                // 2. the RL step of every tile with the common scale; Biggs–Andrews or change sums
                double[] sums = new double[2];
                for (TileState st : tiles) {
                    Jobs.checkInterrupted();
                    TiledDeconvolver.crop(image, st.ext, observed);
                    steps.upload(RlSteps.Slot.OBSERVED, observed);
                    steps.upload(RlSteps.Slot.ESTIMATE, st.estimate);
                    steps.uploadBlurred(st.blurred);
                    if (accelerated) steps.upload(RlSteps.Slot.GRADIENT, st.gradient);
                    // rl-wb's stop counts the measured window only (see WbStop): each tile its core there
                    add(sums, steps.update(scale, settings.algorithm() == Algorithm.RL_WB ? st.flux : st.owned));
                    if (accelerated) {
                        steps.download(RlSteps.Slot.WORK, st.estimate); // the new x (the prediction is spent)
                        steps.download(RlSteps.Slot.GRADIENT, st.gradient);
                    } else {
                        if (keepPrevious) {
                            float[] before = st.estimate;
                            st.estimate = st.previous;
                            st.previous = before;
                        }
                        steps.download(RlSteps.Slot.ESTIMATE, st.estimate);
                    }
                }
                double[] change = sums;
                if (accelerated) {
                    // 3. one α for all tiles: the prediction, and the previous x becomes the new one
                    double alpha = RlSteps.alpha(settings.algorithm(), k, sums);
                    change = new double[2];
                    for (TileState st : tiles) {
                        Jobs.checkInterrupted();
                        steps.upload(RlSteps.Slot.WORK, st.estimate);
                        steps.upload(RlSteps.Slot.PREVIOUS, st.previous);
                        add(change, steps.predict(alpha, st.owned));
                        float[] xNew = st.estimate;
                        steps.download(RlSteps.Slot.ESTIMATE, st.previous);
                        st.estimate = st.previous;
                        st.previous = xNew;
                    }
                }
                done = k;
                double rel = RichardsonLucy.relativeChange(change);
                long now = System.nanoTime();
                progress.iterationDone(k, planned, rel, now - t0);
                DeconvolutionResult.StopReason stop = RichardsonLucy.stopReason(settings, k, planned, rel, previousRel,
                        now - t0, now - iterStart);
                previousRel = rel;
                if (stop == DeconvolutionResult.StopReason.CHANGE_GREW) {
                    // as untiled: back to the estimates before the step that grew
                    for (TileState st : tiles) st.estimate = st.previous;
                    done = k - 1;
                }
                if (stop != null) {
                    reason = stop;
                    break;
                }
            }
            long iterating = System.nanoTime() - iterStart;
            if (keepPrevious && !fitStopped && done >= 2 && reason != DeconvolutionResult.StopReason.CHANGE_GREW
                    && reason != DeconvolutionResult.StopReason.TIME_BUDGET && settings.tolerance() > 0) {
                // as untiled: the last estimate's fit decides whether to keep it
                double predicted = blurAll(tiles, steps);
                double fit = fit(tiles, image, observed, tile, RichardsonLucy.fluxScale(conserveFlux, targetFlux, predicted),
                        (float) b, RichardsonLucy.ratioFloor(image));
                progress.fitMeasured(done, fit);
                if (WbStop.fitWorsened(settings, done, fit, previousFit)) {
                    for (TileState st : tiles) st.estimate = st.previous;
                    done--;
                    reason = DeconvolutionResult.StopReason.FIT_WORSENED;
                }
            }
            // the result's flux over the whole stack, as the untiled job rescales it at the end
            float scale = 1f;
            if (conserveFlux) {
                double predicted = 0;
                for (TileState st : tiles) {
                    Jobs.checkInterrupted();
                    steps.upload(RlSteps.Slot.ESTIMATE, accelerated ? st.previous : st.estimate);
                    predicted += steps.blur(st.flux);
                }
                if (predicted > 0) scale = (float) (targetFlux / predicted);
            }
            float[] out = new float[tile.voxels()];
            for (TileState st : tiles) {
                window(accelerated ? st.previous : st.estimate, grid, out, tile);
                for (int i = 0; i < out.length; i++) out[i] *= scale;
                Jobs.clipNegative(out);
                TiledDeconvolver.blend(new Volume(tile, image.voxelSize(), out), st.ext, st.core, margin, s, acc,
                        weightSum);
            }
            return new Outcome(done, reason, iterating);
        }
    }

    /** Hx of every tile's estimate, kept as its blur on its window; returns Σ Hx over the tiles' cores. */
    private static double blurAll(List<TileState> tiles, RlSteps steps) {
        double predicted = 0;
        for (TileState st : tiles) {
            Jobs.checkInterrupted();
            steps.upload(RlSteps.Slot.ESTIMATE, st.estimate);
            predicted += steps.blur(st.flux);
            steps.downloadBlurred(st.blurred);
        }
        return predicted;
    }

    /** Mean Poisson I-divergence per voxel of the stack, from each tile's blur over its core. */
    private static double fit(List<TileState> tiles, Volume image, float[] observed, Shape tile, float scale, float b,
                              float floor) {
        double d = 0;
        for (TileState st : tiles) {
            Jobs.checkInterrupted();
            TiledDeconvolver.crop(image, st.ext, observed);
            d += PoissonFit.divergenceSum(observed, st.blurred, tile, st.flux, scale, b, floor);
        }
        return d / image.shape().voxels();
    }

    private static void add(double[] total, double[] part) {
        total[0] += part[0];
        total[1] += part[1];
    }

    /** The window {@code [0, window)} of a grid-shaped array. */
    private static void window(float[] src, Shape grid, float[] out, Shape window) {
        for (int z = 0; z < window.nz(); z++) {
            for (int y = 0; y < window.ny(); y++) {
                System.arraycopy(src, grid.index(0, y, z), out, window.index(0, y, z), window.nx());
            }
        }
    }

    /** The tile's core on its window, in tile coordinates: where its Σ Hx counts. */
    static Region fluxRegion(int[][] core, int[][] ext) {
        int[] from = new int[3], length = new int[3];
        for (int a = 0; a < 3; a++) {
            from[a] = core[a][0] - ext[a][0];
            length[a] = core[a][1] - core[a][0];
        }
        return Region.of(from, length);
    }

    /**
     * The grid voxels a tile counts in whole-stack sums: its core, and where the core reaches a face
     * of the stack, the half of the grid's padding on that side (the padding {@code [t, G)} of an
     * axis stands for "beyond the far face" in its first half and, wrapped, "before the near face" in
     * its second). A tile that spans an axis owns all of it.
     */
    static Region ownedRegion(Shape image, int[][] core, int[][] ext, Shape tile, Shape grid) {
        int[] from = new int[3], length = new int[3];
        for (int a = 0; a < 3; a++) {
            int n = image.along(a), t = tile.along(a), g = grid.along(a);
            int c0 = core[a][0] - ext[a][0], c1 = core[a][1] - ext[a][0];
            int mid = t + (g - t) / 2;
            boolean first = core[a][0] == 0, last = core[a][1] == n;
            if (first && last) {
                from[a] = 0;
                length[a] = g;
            } else if (first) {
                from[a] = mid;
                length[a] = (g - mid) + c1;
            } else if (last) {
                from[a] = c0;
                length[a] = mid - c0;
            } else {
                from[a] = c0;
                length[a] = c1 - c0;
            }
        }
        return Region.of(from, length);
    }
}
