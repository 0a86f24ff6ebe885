package org.livedecon.sim;

import java.util.Locale;
import java.util.Random;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Sub-resolution fluorescent beads scattered through the sample box, as on a bead slide used for
 * PSF calibration. Immutable; made by {@link #builder()} or {@link #centred(double)}.
 *
 * <p><b>Objects.</b> The sample holds {@code count} objects (or {@code density} per 1000 µm³ of
 * the rendered box, rounded): each is a single bead, a doublet (two beads touching, centres one
 * diameter apart in a random direction) with probability {@code doubletFraction}, or a cluster of
 * 3 to 6 beads (each touching an earlier one) with probability {@code clusterFraction}. Centres
 * are uniform in the box.
 *
 * <p><b>Brightness.</b> Each bead gets {@code photonsPerSecond · exp(σ·N(0,1) − σ²/2)} photons/s
 * (lognormal with mean {@code photonsPerSecond}, σ = {@code brightnessSigma}; 0 gives equal beads).
 *
 * <p><b>Shape.</b> A bead whose diameter is below the smallest voxel side is a point, splatted
 * trilinearly onto the 8 surrounding voxels (sub-voxel position kept); a larger bead is a uniform
 * sphere integrated over the voxels (4x4x4 sub-samples per voxel).
 *
 * <p>Deterministic: the same seed, shape and voxel size give the same beads.
 */
public final class BeadSample implements Sample {
    private final double diameterUm;
    private final double densityPer1000Um3;
    private final int count;
    private final double photonsPerSecond;
    private final double brightnessSigma;
    private final double doubletFraction;
    private final double clusterFraction;
    private final long seed;
    private final boolean centred;

    private BeadSample(Builder b, boolean centred) {
        this.diameterUm = b.diameterUm;
        this.densityPer1000Um3 = b.densityPer1000Um3;
        this.count = b.count;
        this.photonsPerSecond = b.photonsPerSecond;
        this.brightnessSigma = b.brightnessSigma;
        this.doubletFraction = b.doubletFraction;
        this.clusterFraction = b.clusterFraction;
        this.seed = b.seed;
        this.centred = centred;
    }

    public static Builder builder() { return new Builder(); }

    /**
     * One point bead of {@code photonsPerSecond} photons/s exactly on the centre voxel
     * (nx/2, ny/2, nz/2) of whatever grid it is rendered on, and nothing else: the image of this
     * sample is the PSF. For tests and calibration.
     */
    public static BeadSample centred(double photonsPerSecond) {
        Builder b = new Builder().photonsPerSecond(photonsPerSecond).diameterUm(0).count(1)
                .brightnessSigma(0).doubletFraction(0).clusterFraction(0);
        b.validate();
        return new BeadSample(b, true);
    }

    public double diameterUm() { return diameterUm; }
    public double photonsPerSecond() { return photonsPerSecond; }
    public long seed() { return seed; }

    @Override
    public Volume render(Shape shape, VoxelSize voxel) {
        float[] data = new float[shape.voxels()];
        if (centred) {
            data[shape.index(shape.nx() / 2, shape.ny() / 2, shape.nz() / 2)] = (float) photonsPerSecond;
            return new Volume(shape, voxel, data);
        }
        double bx = shape.nx() * voxel.x(), by = shape.ny() * voxel.y(), bz = shape.nz() * voxel.z();
        int objects = count >= 0 ? count : (int) Math.round(densityPer1000Um3 * bx * by * bz / 1000);
        Random rnd = new Random(seed);
        double minVoxel = Math.min(voxel.x(), Math.min(voxel.y(), voxel.z()));
        for (int o = 0; o < objects; o++) {
            double[] c = {(rnd.nextDouble() - 0.5 / shape.nx()) * bx, (rnd.nextDouble() - 0.5 / shape.ny()) * by,
                (rnd.nextDouble() - 0.5 / shape.nz()) * bz};
            double u = rnd.nextDouble();
            int beads = u < clusterFraction ? 3 + rnd.nextInt(4) : u < clusterFraction + doubletFraction ? 2 : 1;
            double[][] centres = new double[beads][];
            centres[0] = c;
            for (int i = 1; i < beads; i++) {
                double[] from = centres[rnd.nextInt(i)];
                double[] d = direction(rnd);
                centres[i] = new double[] {from[0] + diameterUm * d[0], from[1] + diameterUm * d[1], from[2] + diameterUm * d[2]};
            }
            for (double[] p : centres) {
                double photons = photonsPerSecond * Math.exp(brightnessSigma * rnd.nextGaussian()
                        - brightnessSigma * brightnessSigma / 2);
                if (diameterUm < minVoxel) {
                    Splat.point(data, shape, p[0] / voxel.x(), p[1] / voxel.y(), p[2] / voxel.z(), photons);
                } else {
                    Splat.sphere(data, shape, voxel.x(), voxel.y(), voxel.z(), p[0], p[1], p[2], diameterUm / 2, photons);
                }
            }
        }
        return new Volume(shape, voxel, data);
    }

    private static double[] direction(Random rnd) {
        double x = rnd.nextGaussian(), y = rnd.nextGaussian(), z = rnd.nextGaussian();
        double n = Math.sqrt(x * x + y * y + z * z);
        if (n == 0) return new double[] {1, 0, 0};
        return new double[] {x / n, y / n, z / n};
    }

    @Override
    public String toString() {
        if (centred) return String.format(Locale.ROOT, "one point bead of %s photons/s at the centre voxel", photonsPerSecond);
        return String.format(Locale.ROOT, "beads: diameter %s µm, %s, %s photons/s (σ %s), doublets %s, clusters %s, seed %d",
                diameterUm, count >= 0 ? count + " objects" : densityPer1000Um3 + " per 1000 µm³", photonsPerSecond,
                brightnessSigma, doubletFraction, clusterFraction, seed);
    }

    /** Mutable builder; defaults: 0.1 µm beads, 2 per 1000 µm³, 200000 photons/s, σ 0.2, 5 % doublets, 2 % clusters, seed 1. */
    public static final class Builder {
        private double diameterUm = 0.1;
        private double densityPer1000Um3 = 2;
        private int count = -1;
        private double photonsPerSecond = 200000;
        private double brightnessSigma = 0.2;
        private double doubletFraction = 0.05;
        private double clusterFraction = 0.02;
        private long seed = 1;

        private Builder() {}

        /** Bead diameter in µm (0.1 for the usual 100 nm beads). */
        public Builder diameterUm(double v) { diameterUm = v; return this; }
        /** Objects per 1000 µm³ of the rendered box (clears {@link #count}). */
        public Builder densityPer1000Um3(double v) { densityPer1000Um3 = v; count = -1; return this; }
        /** A fixed number of objects, whatever the box size (overrides the density). */
        public Builder count(int v) { count = v; return this; }
        /** Mean brightness of one bead, photons/s collected. */
        public Builder photonsPerSecond(double v) { photonsPerSecond = v; return this; }
        /** σ of the lognormal brightness spread (0: all beads equal). */
        public Builder brightnessSigma(double v) { brightnessSigma = v; return this; }
        /** Probability that an object is a doublet. */
        public Builder doubletFraction(double v) { doubletFraction = v; return this; }
        /** Probability that an object is a cluster of 3 to 6 beads. */
        public Builder clusterFraction(double v) { clusterFraction = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** @throws IllegalArgumentException naming the value that is out of range */
        public BeadSample build() {
            validate();
            return new BeadSample(this, false);
        }

        private void validate() {
            nonNegative("bead diameter (µm)", diameterUm);
            nonNegative("bead density (per 1000 µm³)", densityPer1000Um3);
            nonNegative("bead brightness (photons/s)", photonsPerSecond);
            nonNegative("brightness σ", brightnessSigma);
            if (!(doubletFraction >= 0 && clusterFraction >= 0 && doubletFraction + clusterFraction <= 1)) {
                throw new IllegalArgumentException("doublet fraction " + doubletFraction + " and cluster fraction "
                        + clusterFraction + " must be >= 0 and sum to at most 1");
            }
        }
    }

    static void nonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
        }
    }
}
