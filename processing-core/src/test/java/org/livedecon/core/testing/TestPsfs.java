package org.livedecon.core.testing;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/** Analytic PSFs for tests that must not depend on the optics models. */
public final class TestPsfs {
    private TestPsfs() {}

    /** Anisotropic Gaussian (σ in voxels) centred at n/2, normalised to sum 1. */
    public static Psf gaussian(Shape shape, VoxelSize voxelSize, double sx, double sy, double sz) {
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
        return new Psf(new Volume(shape, voxelSize, d), "gaussian " + sx + "/" + sy + "/" + sz);
    }
}
