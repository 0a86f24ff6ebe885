package org.livedecon.core.backend;

import org.livedecon.core.volume.Shape;

/**
 * A 3D real-to-complex FFT of one shape on heap arrays, as the CPU backend uses it.
 *
 * <p>Spectrum layout: complex value (kx, ky, kz), {@code 0 <= kx <= nx/2}, at float index
 * {@code 2 * (kx + (nx/2+1) * (ky + ny * kz))}, real part first. Every implementation uses this
 * layout, so spectra (and cached OTFs) are interchangeable between them.
 */
interface Fft3d {
    Shape shape();

    /** Forward transform; {@code in} is read only, and assumed zero outside {@code nonZero}. */
    void forward(float[] in, float[] out, Shape nonZero);

    /** Inverse transform scaled by 1/N; {@code in} is destroyed; only {@code needed} of out is written. */
    void inverse(float[] in, float[] out, Shape needed);
}
