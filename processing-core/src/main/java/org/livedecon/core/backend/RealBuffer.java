package org.livedecon.core.backend;

import org.livedecon.core.volume.Shape;

/**
 * A real float32 volume living wherever its {@link Backend} computes (Java heap, GPU memory).
 * Layout: voxel (x, y, z) at {@code x + nx * (y + ny * z)}. Owned by whoever allocated it;
 * {@link #close()} releases it, after which it must not be used.
 */
public interface RealBuffer extends AutoCloseable {
    Shape shape();

    @Override
    void close();
}
