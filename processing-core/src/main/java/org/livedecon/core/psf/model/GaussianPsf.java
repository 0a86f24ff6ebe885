package org.livedecon.core.psf.model;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * An anisotropic Gaussian PSF, point-sampled: for benchmarks (speed does not depend on the PSF's
 * values) and for tests that must not depend on the optical models. Not a model of a microscope.
 */
public final class GaussianPsf {
    private GaussianPsf() {}

    /** σ in voxels along x, y, z; centred at voxel n/2; normalised to sum 1. */
    public static Psf of(Shape shape, VoxelSize voxelSize, double sx, double sy, double sz) {
        float[] d = new float[shape.voxels()];
        int cx = shape.nx() / 2, cy = shape.ny() / 2, cz = shape.nz() / 2;
        double sum = 0;
        for (int z = 0; z < shape.nz(); z++) {
            for (int y = 0; y < shape.ny(); y++) {
                for (int x = 0; x < shape.nx(); x++) {
                    double dx = (x - cx) / sx, dy = (y - cy) / sy, dz = (z - cz) / sz;
                    double v = Math.exp(-0.5 * (dx * dx + dy * dy + dz * dz));
                    d[shape.index(x, y, z)] = (float) v;
                    sum += v;
                }
            }
        }
        for (int i = 0; i < d.length; i++) d[i] = (float) (d[i] / sum);
        return new Psf(new Volume(shape, voxelSize, d), "Gaussian σ " + sx + "/" + sy + "/" + sz + " voxels");
    }

    /**
     * The Gaussian closest to a widefield PSF (Zhang, Zerubia & Olivo-Marin 2007 style
     * approximation): lateral σ = 0.21 λ/NA, axial σ = 0.66 λ n/NA², in µm.
     */
    public static Psf widefield(Shape shape, VoxelSize voxelSize, double na, double wavelengthUm, double immersionIndex) {
        double lateral = 0.21 * wavelengthUm / na, axial = 0.66 * wavelengthUm * immersionIndex / (na * na);
        return of(shape, voxelSize, lateral / voxelSize.x(), lateral / voxelSize.y(), axial / voxelSize.z());
    }
}
