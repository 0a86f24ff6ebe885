package org.livedecon.core.synthetic;

import java.util.Random;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.RealBuffer;
import org.livedecon.core.backend.SpectrumBuffer;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.PaddedSizes;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * A widefield stack with known ground truth, for the demo, benchmarks and tests: point-like
 * objects and filaments scattered through a sample larger than the field of view (so light from
 * outside the view enters it, as in a real stack), blurred by a PSF, with Poisson shot noise and a
 * camera offset. Deterministic for a seed.
 */
public final class SyntheticStack {
    private final Volume truth;
    private final Volume image;
    private final double background;

    private SyntheticStack(Volume truth, Volume image, double background) {
        this.truth = truth;
        this.image = image;
        this.background = background;
    }

    /** The object inside the field of view, in photons per voxel. */
    public Volume truth() { return truth; }

    /** The camera stack in ADU (gain 1): Poisson(H truth + background photons) + offset. */
    public Volume image() { return image; }

    /** The true b of y = H x + b: offset plus background photons. */
    public double background() { return background; }

    public static Builder builder(Shape shape, VoxelSize voxelSize) { return new Builder(shape, voxelSize); }

    /** Settings of the sample; defaults give a sparse, bright sample with an offset of 100. */
    public static final class Builder {
        private final Shape shape;
        private final VoxelSize voxelSize;
        private long seed = 1;
        private double pointsPerMegavoxel = 150;
        private double filamentsPerMegavoxel = 8;
        private double pointPhotons = 4000;
        private double filamentPhotonsPerVoxel = 120;
        private double backgroundPhotons = 10;
        private double offset = 100;
        private boolean noise = true;
        private boolean inView = false;

        private Builder(Shape shape, VoxelSize voxelSize) {
            this.shape = shape;
            this.voxelSize = voxelSize;
        }

        public Builder seed(long s) { this.seed = s; return this; }
        public Builder pointsPerMegavoxel(double d) { this.pointsPerMegavoxel = d; return this; }
        public Builder filamentsPerMegavoxel(double d) { this.filamentsPerMegavoxel = d; return this; }
        public Builder pointPhotons(double p) { this.pointPhotons = p; return this; }
        public Builder filamentPhotonsPerVoxel(double p) { this.filamentPhotonsPerVoxel = p; return this; }
        public Builder backgroundPhotons(double p) { this.backgroundPhotons = p; return this; }
        public Builder offset(double o) { this.offset = o; return this; }
        public Builder noise(boolean n) { this.noise = n; return this; }
        /** Keep every object a PSF half-width inside the field of view, so no light crosses its edges. */
        public Builder objectsInView(boolean v) { this.inView = v; return this; }

        /** Blurs with {@code psf} on {@code backend} and samples the noise. */
        public SyntheticStack build(Psf psf, Backend backend) {
            // The sample fills the non-circulant grid; the camera sees its corner [0, shape).
            Shape grid = PaddedSizes.grid(shape, psf.shape(), Boundary.NON_CIRCULANT);
            Random rnd = new Random(seed);
            float[] world = new float[grid.voxels()];
            // where objects may be: the whole sample, or the view shrunk by the PSF half-size
            int[] lo = {0, 0, 0};
            int[] hi = {grid.nx(), grid.ny(), grid.nz()};
            if (inView) {
                lo = new int[] {psf.centreX(), psf.centreY(), psf.centreZ()};
                hi = new int[] {shape.nx() - psf.centreX(), shape.ny() - psf.centreY(), shape.nz() - psf.centreZ()};
                for (int a = 0; a < 3; a++) {
                    if (hi[a] <= lo[a]) {
                        throw new IllegalArgumentException("view " + shape + " is too small to keep objects a PSF half-width "
                                + "inside it (PSF " + psf.shape() + ")");
                    }
                }
            }
            double megavoxels = (double) (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]) / 1e6;
            int points = (int) Math.round(pointsPerMegavoxel * megavoxels);
            for (int i = 0; i < points; i++) {
                int x = lo[0] + rnd.nextInt(hi[0] - lo[0]), y = lo[1] + rnd.nextInt(hi[1] - lo[1]);
                int z = lo[2] + rnd.nextInt(hi[2] - lo[2]);
                world[grid.index(x, y, z)] += (float) (pointPhotons * (0.5 + rnd.nextDouble()));
            }
            int filaments = (int) Math.max(1, Math.round(filamentsPerMegavoxel * megavoxels));
            for (int i = 0; i < filaments; i++) drawFilament(world, grid, rnd, lo, hi);
            float[] blurred = new float[shape.voxels()];
            try (RealBuffer r = backend.real(grid); SpectrumBuffer s = backend.spectrum(grid)) {
                backend.upload(world, grid, r);
                backend.convolve(r, grid, backend.otf(psf, grid), false, s, r, shape);
                backend.download(r, blurred, shape);
            }
            float[] truth = new float[shape.voxels()];
            for (int z = 0; z < shape.nz(); z++) {
                for (int y = 0; y < shape.ny(); y++) {
                    System.arraycopy(world, grid.index(0, y, z), truth, shape.index(0, y, z), shape.nx());
                }
            }
            float[] image = new float[shape.voxels()];
            for (int i = 0; i < image.length; i++) {
                double mean = Math.max(0, blurred[i]) + backgroundPhotons;
                image[i] = (float) ((noise ? poisson(rnd, mean) : mean) + offset);
            }
            return new SyntheticStack(new Volume(shape, voxelSize, truth), new Volume(shape, voxelSize, image),
                    offset + backgroundPhotons);
        }

        /** A gently curved filament: a random walk of unit steps with slowly turning direction. */
        private void drawFilament(float[] world, Shape g, Random rnd, int[] lo, int[] hi) {
            double x = lo[0] + rnd.nextDouble() * (hi[0] - lo[0]);
            double y = lo[1] + rnd.nextDouble() * (hi[1] - lo[1]);
            double z = lo[2] + rnd.nextDouble() * (hi[2] - lo[2]);
            double[] d = unitRandom(rnd);
            int length = 20 + rnd.nextInt(Math.max(1, Math.max(g.nx(), g.ny())));
            for (int s = 0; s < 2 * length; s++) {
                int ix = Math.floorMod((int) Math.floor(x), g.nx());
                int iy = Math.floorMod((int) Math.floor(y), g.ny());
                int iz = Math.floorMod((int) Math.floor(z), g.nz());
                if (inside(ix, lo[0], hi[0]) && inside(iy, lo[1], hi[1]) && inside(iz, lo[2], hi[2])) {
                    world[g.index(ix, iy, iz)] += (float) (filamentPhotonsPerVoxel * 0.5);
                }
                double[] t = unitRandom(rnd);
                for (int k = 0; k < 3; k++) d[k] = d[k] * 0.97 + t[k] * 0.03;
                double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                // half-voxel steps; z steps are shallower, like filaments lying in a cell
                x += 0.5 * d[0] / n;
                y += 0.5 * d[1] / n;
                z += 0.2 * d[2] / n;
            }
        }

        private static boolean inside(int v, int lo, int hi) { return v >= lo && v < hi; }

        private static double[] unitRandom(Random rnd) {
            double[] v = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            return v;
        }
    }

    /** Poisson sample: Knuth's product method for small means, normal approximation above 50. */
    public static double poisson(Random rnd, double mean) {
        if (mean <= 0) return 0;
        if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
