package org.livedecon.core.psf;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * A point spread function ready for deconvolution: finite, non-negative, summing to 1, with
 * its peak at the centre voxel.
 *
 * <p><b>Centre convention:</b> the centre voxel along an axis of length n is index
 * {@code n / 2} (integer division): the middle voxel of an odd size, the voxel just past the
 * middle of an even size. The deconvolvers place this voxel at the origin of the FFT grid.
 *
 * <p>Instances are made by {@link PsfPreparer} (from measured data) or by the theoretical
 * models; the constructor checks the invariants again, so a {@code Psf} is always valid. The
 * voxels are not copied: do not modify the volume after construction.
 */
public final class Psf {
    private final Volume volume;
    private final String source;

    /**
     * @param volume normalised PSF (sum 1 within 1e-3), peak at the centre voxel
     * @param source where it came from, for logs and reports (file name, model and optics)
     */
    public Psf(Volume volume, String source) {
        float[] d = volume.data();
        double sum = 0;
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            if (!(v >= 0) || Float.isInfinite(v)) {
                Shape s = volume.shape();
                int x = i % s.nx(), y = (i / s.nx()) % s.ny(), z = i / (s.nx() * s.ny());
                throw new IllegalArgumentException("PSF " + source + " has value " + v + " at (x,y,z)=("
                        + x + "," + y + "," + z + "): a prepared PSF must be finite and non-negative");
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > 1e-3) {
            throw new IllegalArgumentException("PSF " + source + " sums to " + sum + ", expected 1 (normalise it first)");
        }
        this.volume = volume;
        this.source = source;
    }

    public Volume volume() { return volume; }
    public Shape shape() { return volume.shape(); }
    public VoxelSize voxelSize() { return volume.voxelSize(); }
    public String source() { return source; }

    /** Centre voxel index along x, y, z: {@code n / 2}. */
    public int centreX() { return volume.nx() / 2; }
    public int centreY() { return volume.ny() / 2; }
    public int centreZ() { return volume.nz() / 2; }

    @Override
    public String toString() {
        return "PSF " + source + " " + volume.shape() + " (z,y,x) at " + volume.voxelSize();
    }
}
