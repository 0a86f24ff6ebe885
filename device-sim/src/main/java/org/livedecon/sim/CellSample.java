package org.livedecon.sim;

import java.util.Locale;
import java.util.Random;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * A synthetic adherent cell filling the rendered box: an ellipsoidal body (semi-axes 0.42 of the
 * box in x and y, 0.4 in z, centred) holding a dim cytoplasmic haze, a large dimmer-than-features
 * nucleus (a sphere off the cell centre), curved filaments (smooth 3D curves, mostly lateral)
 * and small bright vesicles in the cytoplasm. Immutable; made by {@link #builder()}.
 *
 * <p><b>Units.</b> Haze and nucleus are densities in photons/s per µm³ (a voxel gets density ×
 * voxel volume, so the rendering is independent of the grid); filaments are photons/s per µm of
 * length (splatted trilinearly every quarter voxel); vesicles are uniform spheres of the given
 * total photons/s (radius 0.05 to 0.25 µm; below a voxel they become points).
 *
 * <p>Deterministic: the same seed, shape and voxel size give the same cell.
 */
public final class CellSample implements Sample {
    private final int filaments;
    private final double filamentPhotonsPerUm;
    private final int vesicles;
    private final double vesiclePhotons;
    private final double nucleusPhotonsPerUm3;
    private final double hazePhotonsPerUm3;
    private final long seed;

    private CellSample(Builder b) {
        this.filaments = b.filaments;
        this.filamentPhotonsPerUm = b.filamentPhotonsPerUm;
        this.vesicles = b.vesicles;
        this.vesiclePhotons = b.vesiclePhotons;
        this.nucleusPhotonsPerUm3 = b.nucleusPhotonsPerUm3;
        this.hazePhotonsPerUm3 = b.hazePhotonsPerUm3;
        this.seed = b.seed;
    }

    public static Builder builder() { return new Builder(); }

    @Override
    public Volume render(Shape shape, VoxelSize voxel) {
        float[] data = new float[shape.voxels()];
        Random rnd = new Random(seed);
        double vx = voxel.x(), vy = voxel.y(), vz = voxel.z();
        double bx = shape.nx() * vx, by = shape.ny() * vy, bz = shape.nz() * vz;
        // cell body and nucleus in µm; voxel centres at i·v
        double[] cell = {(shape.nx() - 1) * vx / 2, (shape.ny() - 1) * vy / 2, (shape.nz() - 1) * vz / 2};
        double[] semi = {0.42 * bx, 0.42 * by, 0.4 * bz};
        double nucR = Math.min(0.35 * Math.min(semi[0], semi[1]), 0.8 * semi[2]);
        double[] nuc = {cell[0] + 0.2 * semi[0] * (rnd.nextDouble() - 0.5), cell[1] + 0.2 * semi[1] * (rnd.nextDouble() - 0.5),
            cell[2]};
        float haze = (float) (hazePhotonsPerUm3 * vx * vy * vz);
        float nucleus = (float) (nucleusPhotonsPerUm3 * vx * vy * vz);
        for (int k = 0; k < shape.nz(); k++) {
            for (int j = 0; j < shape.ny(); j++) {
                int row = shape.index(0, j, k);
                for (int i = 0; i < shape.nx(); i++) {
                    double[] p = {i * vx, j * vy, k * vz};
                    if (!insideCell(p, cell, semi)) continue;
                    double dx = p[0] - nuc[0], dy = p[1] - nuc[1], dz = p[2] - nuc[2];
                    data[row + i] = dx * dx + dy * dy + dz * dz <= nucR * nucR ? nucleus : haze;
                }
            }
        }
        double step = 0.25 * Math.min(vx, Math.min(vy, vz));
        for (int f = 0; f < filaments; f++) {
            double[] p = randomInCell(rnd, cell, semi);
            double phi = 2 * Math.PI * rnd.nextDouble();
            double tilt = 0.15 * rnd.nextGaussian();
            double bend = 0.3 * rnd.nextGaussian(); // rad per µm in the lateral plane
            double length = 5 + 25 * rnd.nextDouble();
            double photons = filamentPhotonsPerUm * step;
            for (double s = 0; s < length; s += step) {
                if (!insideCell(p, cell, semi)) break;
                Splat.point(data, shape, p[0] / vx, p[1] / vy, p[2] / vz, photons);
                double a = phi + bend * s;
                p[0] += step * Math.cos(a) * Math.cos(tilt);
                p[1] += step * Math.sin(a) * Math.cos(tilt);
                p[2] += step * Math.sin(tilt + 0.2 * Math.sin(0.5 * s));
            }
        }
        double minVoxel = Math.min(vx, Math.min(vy, vz));
        for (int v = 0; v < vesicles; v++) {
            double[] p = randomInCell(rnd, cell, semi);
            double dx = p[0] - nuc[0], dy = p[1] - nuc[1], dz = p[2] - nuc[2];
            if (dx * dx + dy * dy + dz * dz <= nucR * nucR) {
                v--; // vesicles live in the cytoplasm: draw again
                continue;
            }
            double r = 0.05 + 0.2 * rnd.nextDouble();
            if (2 * r < minVoxel) {
                Splat.point(data, shape, p[0] / vx, p[1] / vy, p[2] / vz, vesiclePhotons);
            } else {
                Splat.sphere(data, shape, vx, vy, vz, p[0], p[1], p[2], r, vesiclePhotons);
            }
        }
        return new Volume(shape, voxel, data);
    }

    private static boolean insideCell(double[] p, double[] c, double[] semi) {
        double s = 0;
        for (int a = 0; a < 3; a++) {
            double d = (p[a] - c[a]) / semi[a];
            s += d * d;
        }
        return s <= 1;
    }

    private static double[] randomInCell(Random rnd, double[] c, double[] semi) {
        while (true) {
            double[] u = {2 * rnd.nextDouble() - 1, 2 * rnd.nextDouble() - 1, 2 * rnd.nextDouble() - 1};
            if (u[0] * u[0] + u[1] * u[1] + u[2] * u[2] <= 1) {
                return new double[] {c[0] + u[0] * semi[0], c[1] + u[1] * semi[1], c[2] + u[2] * semi[2]};
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "cell: %d filaments (%s photons/s/µm), %d vesicles (%s photons/s), "
                        + "nucleus %s and haze %s photons/s/µm³, seed %d", filaments, filamentPhotonsPerUm, vesicles,
                vesiclePhotons, nucleusPhotonsPerUm3, hazePhotonsPerUm3, seed);
    }

    /**
     * Mutable builder; defaults: 40 filaments of 50000 photons/s/µm, 150 vesicles of 200000 photons/s,
     * nucleus 5000 and haze 2000 photons/s/µm³, seed 1 (a few hundred to a few thousand photons per
     * pixel in a 100 ms exposure).
     */
    public static final class Builder {
        private int filaments = 40;
        private double filamentPhotonsPerUm = 50000;
        private int vesicles = 150;
        private double vesiclePhotons = 200000;
        private double nucleusPhotonsPerUm3 = 5000;
        private double hazePhotonsPerUm3 = 2000;
        private long seed = 1;

        private Builder() {}

        public Builder filaments(int n) { filaments = n; return this; }
        /** Filament brightness, photons/s per µm of length. */
        public Builder filamentPhotonsPerUm(double v) { filamentPhotonsPerUm = v; return this; }
        public Builder vesicles(int n) { vesicles = n; return this; }
        /** Total brightness of one vesicle, photons/s. */
        public Builder vesiclePhotons(double v) { vesiclePhotons = v; return this; }
        /** Nucleus brightness, photons/s per µm³. */
        public Builder nucleusPhotonsPerUm3(double v) { nucleusPhotonsPerUm3 = v; return this; }
        /** Cytoplasm haze, photons/s per µm³. */
        public Builder hazePhotonsPerUm3(double v) { hazePhotonsPerUm3 = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** @throws IllegalArgumentException naming a negative count or brightness */
        public CellSample build() {
            if (filaments < 0 || vesicles < 0) {
                throw new IllegalArgumentException("filament count " + filaments + " and vesicle count " + vesicles
                        + " must be >= 0");
            }
            BeadSample.nonNegative("filament brightness (photons/s/µm)", filamentPhotonsPerUm);
            BeadSample.nonNegative("vesicle brightness (photons/s)", vesiclePhotons);
            BeadSample.nonNegative("nucleus brightness (photons/s/µm³)", nucleusPhotonsPerUm3);
            BeadSample.nonNegative("haze brightness (photons/s/µm³)", hazePhotonsPerUm3);
            return new CellSample(this);
        }
    }
}
