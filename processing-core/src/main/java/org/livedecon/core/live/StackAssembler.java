package org.livedecon.core.live;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneCoords;

/**
 * Groups planes into z-stacks by (time, position, channel) and tells when a stack is complete.
 *
 * <p>Tolerates every Micro-Manager order (slices first or channels first: several stacks open at
 * once), out-of-order slices (warned once per stack), duplicate slices (the later plane wins,
 * warned), and missing slices: a stack still open when a later time point of the same (position,
 * channel) starts, or when {@link #flush} is called at the end of an acquisition, is emitted as
 * partial. A plane for a stack already emitted, or with a slice index beyond the expected count,
 * is ignored with a warning. No stack is dropped silently: every key seen is emitted exactly once.
 *
 * <p>Not thread-safe: one thread (the engine's intake thread) calls it.
 */
public final class StackAssembler {
    /** Told about stacks and problems, on the calling thread. */
    public interface Listener {
        /** The first plane of a new stack arrived. */
        void stackOpened(PlaneCoords key);

        /** A plane was ignored ({@code ignored}) or replaced an earlier one; {@code message} says why. */
        void planeProblem(String message, boolean ignored);
    }

    private static final int REMEMBERED_KEYS = 1024;

    private final int zPlanes;
    private final Listener listener;
    private final Map<PlaneCoords, RawStack> open = new LinkedHashMap<PlaneCoords, RawStack>();
    private final Map<PlaneCoords, Integer> highestSlice = new LinkedHashMap<PlaneCoords, Integer>();
    private final LinkedHashSet<PlaneCoords> emitted = new LinkedHashSet<PlaneCoords>();
    private long bytesHeld;
    private long duplicates;
    private long ignored;

    /** @param zPlanes slices per complete stack, at least 1 */
    public StackAssembler(int zPlanes, Listener listener) {
        if (zPlanes < 1) throw new IllegalArgumentException("planes per stack must be at least 1, got " + zPlanes);
        this.zPlanes = zPlanes;
        this.listener = listener;
    }

    /**
     * Adds a plane; stacks it completes, or that it shows to be abandoned (partial), are added to
     * {@code out}.
     *
     * @param arrivalNanos {@link System#nanoTime()} when the plane was handed in
     * @return the open stack the plane went into (possibly already in {@code out}), or null when ignored
     */
    public RawStack add(AcquiredPlane plane, long arrivalNanos, List<RawStack> out) {
        PlaneCoords c = plane.coords();
        PlaneCoords key = c.stackKey();
        int z = c.slice();
        if (z >= zPlanes) {
            ignored++;
            listener.planeProblem("ignored plane " + c + ": slice index " + z + " is beyond the " + zPlanes
                    + " planes per stack", true);
            return null;
        }
        if (emitted.contains(key)) {
            ignored++;
            listener.planeProblem("ignored plane " + c + ": its stack was already complete or reported partial", true);
            return null;
        }
        RawStack s = open.get(key);
        if (s == null) {
            abandonEarlierTimePoints(key, out);
            s = new RawStack(key, zPlanes, plane.width(), plane.height());
            open.put(key, s);
            listener.stackOpened(key);
        } else if (plane.width() != s.width() || plane.height() != s.height()) {
            ignored++;
            listener.planeProblem("ignored plane " + c + ": it is " + plane.width() + "x" + plane.height()
                    + " but its stack is " + s.width() + "x" + s.height(), true);
            return null;
        }
        Integer hi = highestSlice.get(key);
        if (hi != null && z < hi && s.plane(z) == null && hi >= 0) {
            listener.planeProblem("plane " + c + " arrived out of order (after slice " + hi + ")", false);
            highestSlice.put(key, -1); // warn once per stack
        } else if (hi == null || (hi >= 0 && z > hi)) {
            highestSlice.put(key, z);
        }
        long before = s.bytes();
        Object old = s.put(z, plane.pixels(), arrivalNanos);
        bytesHeld += s.bytes() - before;
        if (old != null) duplicates++;
        if (old != null) listener.planeProblem("duplicate plane " + c + ": the later one replaces the earlier", false);
        if (s.present() == zPlanes) {
            s.markComplete();
            emit(s, out);
        }
        return s;
    }

    /** Emits every open stack as partial (end or abort of the acquisition). */
    public void flush(List<RawStack> out) {
        for (RawStack s : new ArrayList<RawStack>(open.values())) emit(s, out);
    }

    /**
     * Forgets the open stack {@code key} (memory limit reached): it is removed without being
     * emitted, and returned so its planes can be released; null when it is not open.
     */
    public RawStack drop(PlaneCoords key) {
        RawStack s = open.remove(key);
        if (s == null) return null;
        highestSlice.remove(key);
        bytesHeld -= s.bytes();
        return s;
    }

    /** Whether {@code key} is open or was emitted recently (complete or partial). */
    public boolean known(PlaneCoords key) { return open.containsKey(key) || emitted.contains(key); }

    /** Planes so far that replaced an earlier plane of the same slice. */
    public long duplicates() { return duplicates; }

    /** Planes so far that were ignored (late, beyond the stack, wrong size). */
    public long ignored() { return ignored; }

    /** Stacks waiting for planes. */
    public int openStacks() { return open.size(); }

    /** Bytes of pixels in open stacks. */
    public long bytesHeld() { return bytesHeld; }

    private void abandonEarlierTimePoints(PlaneCoords key, List<RawStack> out) {
        List<RawStack> stale = null;
        for (RawStack s : open.values()) {
            PlaneCoords k = s.key();
            if (k.position() == key.position() && k.channel() == key.channel() && k.time() < key.time()) {
                if (stale == null) stale = new ArrayList<RawStack>(2);
                stale.add(s);
            }
        }
        if (stale != null) for (RawStack s : stale) emit(s, out);
    }

    private void emit(RawStack s, List<RawStack> out) {
        open.remove(s.key());
        highestSlice.remove(s.key());
        bytesHeld -= s.bytes();
        emitted.add(s.key());
        if (emitted.size() > REMEMBERED_KEYS) {
            Iterator<PlaneCoords> it = emitted.iterator();
            it.next();
            it.remove();
        }
        out.add(s);
    }
}
