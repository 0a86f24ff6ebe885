package org.livedecon.core.backend;

import org.livedecon.core.volume.Shape;

/**
 * |F(k)|² of a real volume on its own (periodic) grid, half spectrum as {@link Fft3d} lays it
 * out: value (kx, ky, kz), {@code 0 <= kx <= nx/2}, at index {@code kx + (nx/2+1) * (ky + ny * kz)}.
 * For statistics of a stack's spectrum (the Wiener λ), not for deconvolution.
 */
public final class PowerSpectrum {
    private PowerSpectrum() {}

    /** The power spectrum of {@code data} ({@code x + nx * (y + ny * z)}), computed with {@code threads} threads. */
    public static float[] of(float[] data, Shape shape, int threads) {
        Parallel parallel = new Parallel(Math.max(1, threads));
        try {
            Fft3d fft = StockhamFft3d.suits(shape) ? new StockhamFft3d(shape, parallel) : new JTransformsFft3d(shape, parallel);
            int nxh = shape.nx() / 2 + 1;
            float[] spectrum = new float[2 * nxh * shape.ny() * shape.nz()];
            fft.forward(data, spectrum, shape);
            float[] power = new float[spectrum.length / 2];
            for (int i = 0; i < power.length; i++) {
                float re = spectrum[2 * i], im = spectrum[2 * i + 1];
                power[i] = re * re + im * im;
            }
            return power;
        } finally {
            parallel.close();
        }
    }
}
