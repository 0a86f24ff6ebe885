package org.livedecon.sim;

import java.util.Arrays;
import java.util.Locale;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * A flat field: every voxel of the box emits the same photons/s per µm³ (a fluorescent dye
 * solution, or a thick slide), for camera calibration and noise tests. Immutable.
 */
public final class UniformSample implements Sample {
    private final double photonsPerUm3;

    private UniformSample(double photonsPerUm3) { this.photonsPerUm3 = photonsPerUm3; }

    /** @param photonsPerUm3PerS brightness in photons/s per µm³ */
    public static UniformSample of(double photonsPerUm3PerS) {
        BeadSample.nonNegative("flat-field brightness (photons/s/µm³)", photonsPerUm3PerS);
        return new UniformSample(photonsPerUm3PerS);
    }

    @Override
    public Volume render(Shape shape, VoxelSize voxel) {
        float[] data = new float[shape.voxels()];
        Arrays.fill(data, (float) (photonsPerUm3 * voxel.x() * voxel.y() * voxel.z()));
        return new Volume(shape, voxel, data);
    }

    @Override
    public String toString() { return String.format(Locale.ROOT, "flat field of %s photons/s/µm³", photonsPerUm3); }
}
