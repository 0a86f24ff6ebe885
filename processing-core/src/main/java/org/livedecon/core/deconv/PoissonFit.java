package org.livedecon.core.deconv;

/**
 * How well a prediction μ = s·Hx + b explains the data y under Poisson noise: the mean
 * I-divergence (half the Poisson deviance) per measured voxel,
 * <pre>  D = 1/N Σ [ μ − y + y ln(y / μ) ]   (y ≤ 0: μ − y)</pre>
 * RL with its matched back projector never increases D; the unmatched back projector of
 * {@link Algorithm#RL_WB} does once it starts amplifying noise, which is the sign {@link WbStop}
 * looks for. D is homogeneous in the image units (D of c·y, c·μ is c·D), so its minimum does not
 * depend on the camera's gain. float64 sums.
 */
final class PoissonFit {
    private PoissonFit() {}

    /**
     * @param y      the data on the measured window
     * @param blur   Hx on the same window, before the flux scale
     * @param scale  the flux scale s applied to Hx
     * @param b      the background
     * @param floor  smallest μ (as the ratio's floor)
     */
    static double divergence(final float[] y, final float[] blur, final float scale, final float b, final float floor) {
        // one logarithm per voxel, every iteration: on 2 cores this was a third of an rl-wb iteration's
        // overhead, so the chunks run in parallel; their sums are added in chunk order (reproducible)
        final int chunks = (y.length + CHUNK - 1) / CHUNK;
        final double[] partial = new double[chunks];
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(new java.util.function.IntConsumer() {
            @Override
            public void accept(int c) {
                int from = c * CHUNK, to = Math.min(y.length, from + CHUNK);
                double d = 0;
                for (int i = from; i < to; i++) {
                    double mu = Math.max(scale * (double) blur[i] + b, floor);
                    double v = y[i];
                    d += v > 0 ? mu - v + v * Math.log(v / mu) : mu - v;
                }
                partial[c] = d;
            }
        });
        double d = 0;
        for (double p : partial) d += p;
        return d / y.length;
    }

    /** Voxels summed in one piece by {@link #divergence}: fixed, so the total does not depend on the threads. */
    private static final int CHUNK = 1 << 16;

    /**
     * Σ [μ − y + y ln(y / μ)] over the voxels of {@code counted} in a window of shape {@code shape}
     * (a tile's core: the cores of a tiled job add up to the stack's sum).
     */
    static double divergenceSum(float[] y, float[] blur, org.livedecon.core.volume.Shape shape,
                                org.livedecon.core.backend.Region counted, float scale, float b, float floor) {
        boolean[] mx = counted.mask(0, shape), my = counted.mask(1, shape), mz = counted.mask(2, shape);
        double d = 0;
        for (int z = 0; z < shape.nz(); z++) {
            if (!mz[z]) continue;
            for (int yy = 0; yy < shape.ny(); yy++) {
                if (!my[yy]) continue;
                int row = shape.index(0, yy, z);
                for (int x = 0; x < shape.nx(); x++) {
                    if (!mx[x]) continue;
                    int i = row + x;
                    double mu = Math.max(scale * (double) blur[i] + b, floor);
                    double v = y[i];
                    d += v > 0 ? mu - v + v * Math.log(v / mu) : mu - v;
                }
            }
        }
        return d;
    }
}
