package org.livedecon.sim;

import java.nio.file.Path;
import java.util.Locale;

import org.livedecon.core.io.TiffException;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * A ground truth given as a volume (e.g. a TIFF from another simulation or a deconvolved
 * result), scaled to photons. Immutable (the volume is copied).
 *
 * <p><b>Rendering.</b> The source is placed with its centre voxel (n/2 per axis) on the centre
 * voxel of the requested grid and resampled trilinearly; outside the source the sample is dark.
 * Each source value times {@code photonsPerUnit} is the photons/s of one source voxel; on a grid
 * with other voxel sizes the values are scaled by the ratio of voxel volumes, so the total light
 * is kept. With equal voxel sizes, the voxels are copied exactly (shifted by whole voxels).
 */
public final class VolumeSample implements Sample {
    private final Volume source;
    private final double photonsPerUnit;
    private final String name;

    private VolumeSample(Volume source, double photonsPerUnit, String name) {
        BeadSample.nonNegative("photons per unit", photonsPerUnit);
        this.source = source.copy();
        this.photonsPerUnit = photonsPerUnit;
        this.name = name;
    }

    /** @param photonsPerUnit photons/s per voxel for a voxel value of 1 */
    public static VolumeSample of(Volume volume, double photonsPerUnit) {
        if (volume == null) throw new IllegalArgumentException("volume is required");
        return new VolumeSample(volume, photonsPerUnit, "volume " + volume.shape());
    }

    /**
     * Reads a single-channel, single-frame TIFF with {@link TiffReader} (its voxel calibration is
     * used when it has one, otherwise whatever the reader assigns).
     *
     * @throws TiffException when the file cannot be read; the message names the file
     */
    public static VolumeSample fromTiff(Path file, double photonsPerUnit) throws TiffException {
        Volume v = TiffReader.read(file, 0, 0).volume();
        return new VolumeSample(v, photonsPerUnit, "TIFF " + file);
    }

    /** The source volume as read (a copy). */
    public Volume source() { return source.copy(); }

    @Override
    public Volume render(Shape shape, VoxelSize voxel) {
        VoxelSize sv = source.voxelSize();
        Shape ss = source.shape();
        float[] src = source.data();
        float[] out = new float[shape.voxels()];
        double scale = photonsPerUnit * (voxel.x() * voxel.y() * voxel.z()) / (sv.x() * sv.y() * sv.z());
        double[] sx = coordinates(shape.nx(), voxel.x(), ss.nx(), sv.x());
        double[] sy = coordinates(shape.ny(), voxel.y(), ss.ny(), sv.y());
        double[] sz = coordinates(shape.nz(), voxel.z(), ss.nz(), sv.z());
        for (int k = 0; k < shape.nz(); k++) {
            for (int j = 0; j < shape.ny(); j++) {
                int row = shape.index(0, j, k);
                for (int i = 0; i < shape.nx(); i++) {
                    out[row + i] = (float) (scale * trilinear(src, ss, sx[i], sy[j], sz[k]));
                }
            }
        }
        return new Volume(shape, voxel, out);
    }

    /** Source coordinate of each target voxel, centre voxels aligned. */
    private static double[] coordinates(int n, double v, int ns, double vs) {
        double[] c = new double[n];
        boolean same = v == vs;
        for (int i = 0; i < n; i++) c[i] = same ? (double) (i - n / 2 + ns / 2) : (i - n / 2) * v / vs + ns / 2;
        return c;
    }

    private static double trilinear(float[] d, Shape s, double x, double y, double z) {
        if (x < -1 || y < -1 || z < -1 || x > s.nx() || y > s.ny() || z > s.nz()) return 0;
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y), z0 = (int) Math.floor(z);
        double fx = x - x0, fy = y - y0, fz = z - z0;
        double sum = 0;
        for (int dz = 0; dz < 2; dz++) {
            double wz = dz == 0 ? 1 - fz : fz;
            int zz = z0 + dz;
            if (wz == 0 || zz < 0 || zz >= s.nz()) continue;
            for (int dy = 0; dy < 2; dy++) {
                double wy = dy == 0 ? 1 - fy : fy;
                int yy = y0 + dy;
                if (wy == 0 || yy < 0 || yy >= s.ny()) continue;
                for (int dx = 0; dx < 2; dx++) {
                    double wx = dx == 0 ? 1 - fx : fx;
                    int xx = x0 + dx;
                    if (wx == 0 || xx < 0 || xx >= s.nx()) continue;
                    sum += wx * wy * wz * d[s.index(xx, yy, zz)];
                }
            }
        }
        return Math.max(0, sum);
    }

    @Override
    public String toString() { return String.format(Locale.ROOT, "%s x %s photons/s per unit", name, photonsPerUnit); }
}
