package org.livedecon.core.backend;

import org.livedecon.core.volume.Shape;

/**
 * The half spectrum of a real volume of {@link #shape()} (the real shape, not the spectrum's):
 * {@code (nx/2 + 1) * ny * nz} complex values. The element order is the backend's business;
 * algorithms only combine spectra through {@link Backend} operations.
 */
public interface SpectrumBuffer extends AutoCloseable {
    Shape shape();

    @Override
    void close();
}
