package org.livedecon.core.testing;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

/** Analytic PSFs for tests that must not depend on the optics models. */
public final class TestPsfs {
    private TestPsfs() {}

    /** Anisotropic Gaussian (σ in voxels) centred at n/2, normalised to sum 1. */
    public static Psf gaussian(Shape shape, VoxelSize voxelSize, double sx, double sy, double sz) {
        return GaussianPsf.of(shape, voxelSize, sx, sy, sz);
    }
}
