package org.livedecon.core.backend;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * The few most recently used OTFs of a backend, keyed by PSF instance (a new {@link Psf} object
 * means a new OTF) and grid. Not thread-safe: one per backend, used by its one job at a time.
 *
 * @param <S> the backend's spectrum type; the cache owns and closes what it holds
 */
public final class OtfCache<S extends SpectrumBuffer> {
    /** Makes the OTF from the PSF already wrapped onto the grid ({@link #wrap}). */
    public interface Maker<S> {
        S make(float[] wrappedPsf, Shape grid);
    }

    private final int capacity;
    private final LinkedHashMap<Key, S> entries = new LinkedHashMap<Key, S>();

    public OtfCache(int capacity) {
        this.capacity = capacity;
    }

    /** The cached OTF, or a new one from {@code maker}, evicting (and closing) the least recently used. */
    public S get(Psf psf, Shape grid, Maker<S> maker) {
        Key key = new Key(psf, grid);
        S s = entries.remove(key);
        if (s == null) {
            s = maker.make(wrap(psf, grid), grid);
            if (entries.size() >= capacity) {
                Iterator<S> it = entries.values().iterator();
                it.next().close();
                it.remove();
            }
        }
        entries.put(key, s); // most recently used last
        return s;
    }

    /** Removes everything and returns it, for the caller to close with its other resources. */
    public List<S> drain() {
        List<S> all = new ArrayList<S>(entries.values());
        entries.clear();
        return all;
    }

    /**
     * The PSF on a grid of {@code grid} voxels with its centre voxel at the origin, summed where it
     * is larger than the grid (circular convolution), layout {@code x + nx * (y + ny * z)}.
     */
    public static float[] wrap(Psf psf, Shape grid) {
        Volume v = psf.volume();
        float[] src = v.data();
        float[] out = new float[grid.voxels()];
        int cx = psf.centreX(), cy = psf.centreY(), cz = psf.centreZ();
        for (int z = 0; z < v.nz(); z++) {
            int gz = Math.floorMod(z - cz, grid.nz());
            for (int y = 0; y < v.ny(); y++) {
                int gy = Math.floorMod(y - cy, grid.ny());
                int s = v.nx() * (y + v.ny() * z);
                int g = grid.nx() * (gy + grid.ny() * gz);
                for (int x = 0; x < v.nx(); x++) out[g + Math.floorMod(x - cx, grid.nx())] += src[s + x];
            }
        }
        return out;
    }

    private static final class Key {
        final Psf psf;
        final Shape shape;

        Key(Psf psf, Shape shape) {
            this.psf = psf;
            this.shape = shape;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).psf == psf && ((Key) o).shape.equals(shape);
        }

        @Override
        public int hashCode() { return System.identityHashCode(psf) * 31 + shape.hashCode(); }
    }
}
