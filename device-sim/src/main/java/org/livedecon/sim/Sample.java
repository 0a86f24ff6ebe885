package org.livedecon.sim;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * A fluorescent ground truth: the light a specimen sends into the camera.
 *
 * <p><b>Units.</b> Each voxel holds photons per second that the objective collects from the
 * emitters inside that voxel (the total of an in-focus image of that voxel, before the camera's
 * quantum efficiency). A point-like bead of brightness B photons/s contributes B to the voxels it
 * touches, in total.
 *
 * <p><b>Geometry.</b> The sample fills the box {@code [0, nx·vx) x [0, ny·vy) x [0, nz·vz)} µm;
 * voxel (i, j, k) has its centre at {@code (i·vx, j·vy, k·vz)} µm (voxel corners at
 * half-integers). z increases deeper into the sample.
 *
 * <p>Implementations are immutable and deterministic: the same sample rendered on the same shape
 * and voxel size gives the same voxels. Thread-safe.
 */
public interface Sample {
    /**
     * Renders the sample on a grid.
     *
     * @param shape grid size in voxels
     * @param voxel voxel size in µm
     * @return a new volume in photons/s per voxel, never negative
     */
    Volume render(Shape shape, VoxelSize voxel);
}
