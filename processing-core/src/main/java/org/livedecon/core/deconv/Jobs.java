package org.livedecon.core.deconv;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/** Checks and sums shared by the deconvolvers. */
final class Jobs {
    private Jobs() {}

    /** The PSF must be sampled like the image; finite input only. */
    static void checkInputs(Volume image, Psf psf) {
        if (!psf.voxelSize().approximatelyEquals(image.voxelSize())) {
            throw new IllegalArgumentException("PSF voxel size " + psf.voxelSize() + " differs from the image's "
                    + image.voxelSize() + ": resample the PSF to the image first (PsfPreparer does)");
        }
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                Shape s = image.shape();
                throw new IllegalArgumentException("image has " + d[i] + " at (x,y,z)=(" + (i % s.nx()) + ","
                        + ((i / s.nx()) % s.ny()) + "," + (i / (s.nx() * s.ny())) + "): only finite values can be deconvolved");
            }
        }
    }

    /** Working memory: the buffers on the backend plus the input and output arrays on the heap. */
    static long bytes(Backend backend, Shape image, Shape grid, int real, int spectra) {
        return real * backend.realBytes(grid) + spectra * backend.spectrumBytes(grid) + 2L * 4L * image.voxels();
    }

    /** Mean of y - b over the image, at least a tiny positive value (RL needs x0 > 0). */
    static float meanAbove(Volume image, double background) {
        double s = 0;
        for (float v : image.data()) s += v - background;
        double m = s / image.shape().voxels();
        return (float) Math.max(m, 1e-6 * Math.max(1.0, Math.abs(background)));
    }

    static void clipNegative(float[] d) {
        for (int i = 0; i < d.length; i++) if (!(d[i] > 0f)) d[i] = 0f;
    }

    static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("deconvolution cancelled");
        }
    }
}
