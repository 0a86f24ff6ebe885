package org.livedecon.core.deconv;

import org.livedecon.core.volume.Shape;

/**
 * Grid sizes for FFTs. Non-circulant deconvolution needs the image extended by the PSF support
 * (n + p - 1 per axis); that length is rounded up to the next 2,3,5,7-smooth number, which the
 * FFTs handle fast, instead of the next power of two (96x320x320 rather than 128x512x512 for a
 * 64x256x256 stack and a 33x65x65 PSF).
 */
public final class PaddedSizes {
    private PaddedSizes() {}

    /** Smallest n' >= n whose only prime factors are 2, 3, 5 and 7. */
    public static int nextSmooth(int n) {
        if (n < 1) throw new IllegalArgumentException("size must be at least 1, got " + n);
        for (int m = n; ; m++) {
            int r = m;
            for (int p : new int[] {2, 3, 5, 7}) {
                while (r % p == 0) r /= p;
            }
            if (r == 1) return m;
        }
    }

    /** The FFT grid for an image and PSF under a boundary mode. */
    public static Shape grid(Shape image, Shape psf, Boundary boundary) {
        if (boundary == Boundary.PERIODIC) return image;
        return Shape.of(extended(image.nx(), psf.nx()), extended(image.ny(), psf.ny()), extended(image.nz(), psf.nz()));
    }

    private static int extended(int n, int p) {
        // A single plane stays a single plane: there is no light from other planes to reconstruct.
        if (n == 1) return 1;
        return nextSmooth(n + p - 1);
    }
}
