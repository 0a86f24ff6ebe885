/**
 * The deconvolution methods behind one {@link org.livedecon.core.deconv.Deconvolver} contract:
 * {@link org.livedecon.core.deconv.Wiener} and {@link org.livedecon.core.deconv.RichardsonLucy}
 * (plain, Biggs–Andrews accelerated, total-variation). What the user asks for is an immutable
 * {@link org.livedecon.core.deconv.DeconvolutionSettings}; what is derived from the data goes
 * into a {@link org.livedecon.core.deconv.DeconvolutionPlan} (grid, memory) and a
 * {@link org.livedecon.core.deconv.DeconvolutionResult} (background used, iterations, timing).
 * Image model: y = H x + b, with b from {@link org.livedecon.core.deconv.Background} (estimated
 * by {@link org.livedecon.core.deconv.BackgroundEstimator} by default); grids from
 * {@link org.livedecon.core.deconv.PaddedSizes} (Bertero–Boccacci non-circulant extension to
 * 2,3,5,7-smooth sizes, or the image itself for periodic boundaries).
 * {@link org.livedecon.core.deconv.JobRunner} runs jobs for the command line, the demo and the live
 * engine: the backend of a device choice, tiling under a memory budget, and the rerun of a job on
 * the CPU backend when a GPU backend fails mid-job.
 */
package org.livedecon.core.deconv;
