package org.livedecon.mm;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.awt.Component;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mmcorej.CMMCore;
import org.micromanager.data.Coords;
import org.micromanager.data.DataProvider;
import org.micromanager.data.Image;
import org.micromanager.data.Metadata;
import org.micromanager.data.ProcessorContext;
import org.micromanager.data.SummaryMetadata;
import org.micromanager.display.DisplayWindow;

/** Fakes of the MMStudio data interfaces: proxies answering from a map of getter name → value. */
final class Fakes {
    private Fakes() {
    }

    static <T> T proxy(Class<T> type, final Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, new InvocationHandler() {
            @Override
            public Object invoke(Object self, Method m, Object[] args) {
                String n = m.getName();
                if (n.equals("toString")) return type.getSimpleName() + answers;
                if (n.equals("hashCode")) return System.identityHashCode(self);
                if (n.equals("equals")) return self == args[0];
                if (answers.containsKey(n)) return answers.get(n);
                if (n.equals("getIndex") || n.equals("hasAxis")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Integer> axes = (Map<String, Integer>) answers.get("axes");
                    Integer v = axes.get((String) args[0]);
                    return n.equals("hasAxis") ? (Object) (v != null) : (Object) (v == null ? -1 : v);
                }
                if (n.equals("getAxes")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Integer> axes = (Map<String, Integer>) answers.get("axes");
                    return new ArrayList<String>(axes.keySet());
                }
                throw new UnsupportedOperationException("fake " + type.getSimpleName() + "." + n);
            }
        }));
    }

    /** Coords with the given axes (time, position, channel, z); a negative index leaves the axis out. */
    static Coords coords(int t, int p, int c, int z) {
        Map<String, Integer> axes = new LinkedHashMap<String, Integer>();
        if (t >= 0) axes.put(Coords.TIME_POINT, t);
        if (p >= 0) axes.put(Coords.STAGE_POSITION, p);
        if (c >= 0) axes.put(Coords.CHANNEL, c);
        if (z >= 0) axes.put(Coords.Z_SLICE, z);
        Map<String, Object> a = new HashMap<String, Object>();
        a.put("axes", axes);
        return proxy(Coords.class, a);
    }

    static Image image(short[] pixels, int w, int h, Coords coords, double pixelUm, double zUm) {
        Map<String, Object> m = new HashMap<String, Object>();
        m.put("getPixelSizeUm", pixelUm);
        m.put("getZPositionUm", zUm);
        Map<String, Object> a = new HashMap<String, Object>();
        a.put("getRawPixels", pixels);
        a.put("getWidth", w);
        a.put("getHeight", h);
        a.put("getBytesPerPixel", 2);
        a.put("getBytesPerComponent", 2);
        a.put("getNumComponents", 1);
        a.put("getCoords", coords);
        a.put("getMetadata", proxy(Metadata.class, m));
        return proxy(Image.class, a);
    }

    static SummaryMetadata summary(Coords intended, double zStepUm, String... channels) {
        Map<String, Object> a = new HashMap<String, Object>();
        a.put("getIntendedDimensions", intended);
        a.put("getZStepUm", zStepUm);
        a.put("getChannelNameList", Arrays.asList(channels));
        a.put("getPrefix", "acq");
        a.put("getDirectory", null);
        return proxy(SummaryMetadata.class, a);
    }

    /** Records every output image, in order. */
    static final class Context implements ProcessorContext {
        final List<Image> out = new ArrayList<Image>();
        final SummaryMetadata summary;

        Context(SummaryMetadata summary) { this.summary = summary; }

        @Override
        public synchronized void outputImage(Image image) { out.add(image); }

        @Override
        public SummaryMetadata getSummaryMetadata() { return summary; }
    }

    /** Real-valued Coords: axes in insertion order, equal when the axes and indices are. */
    static final class FakeCoords implements Coords {
        final Map<String, Integer> axes;

        FakeCoords(Map<String, Integer> axes) { this.axes = new LinkedHashMap<String, Integer>(axes); }

        @Override public int getIndex(String axis) { Integer v = axes.get(axis); return v == null ? -1 : v; }
        @Override public int getChannel() { return Math.max(0, getIndex(C)); }
        @Override public int getC() { return getChannel(); }
        @Override public int getTimePoint() { return Math.max(0, getIndex(T)); }
        @Override public int getT() { return getTimePoint(); }
        @Override public int getZSlice() { return Math.max(0, getIndex(Z)); }
        @Override public int getZ() { return getZSlice(); }
        @Override public int getStagePosition() { return Math.max(0, getIndex(P)); }
        @Override public int getP() { return getStagePosition(); }
        @Override public List<String> getAxes() { return new ArrayList<String>(axes.keySet()); }
        @Override public boolean hasAxis(String axis) { return axes.containsKey(axis); }
        @Override public boolean hasZ() { return hasAxis(Z); }
        @Override public Builder copyBuilder() { return new CoordsBuilder(axes); }
        @Override public Coords copyRemovingAxes(String... remove) {
            Map<String, Integer> m = new LinkedHashMap<String, Integer>(axes);
            for (String a : remove) m.remove(a);
            return new FakeCoords(m);
        }
        @Override public boolean equals(Object o) { return o instanceof FakeCoords && ((FakeCoords) o).axes.equals(axes); }
        @Override public int hashCode() { return axes.hashCode(); }
        @Override public String toString() { return axes.toString(); }
    }

    static final class CoordsBuilder implements Coords.Builder {
        private final Map<String, Integer> axes;

        CoordsBuilder(Map<String, Integer> axes) { this.axes = new LinkedHashMap<String, Integer>(axes); }

        @Override public Coords build() { return new FakeCoords(axes); }
        @Override public Coords.Builder channel(int i) { return index(Coords.C, i); }
        @Override public Coords.Builder c(int i) { return index(Coords.C, i); }
        @Override public Coords.Builder timePoint(int i) { return index(Coords.T, i); }
        @Override public Coords.Builder t(int i) { return index(Coords.T, i); }
        @Override public Coords.Builder zSlice(int i) { return index(Coords.Z, i); }
        @Override public Coords.Builder z(int i) { return index(Coords.Z, i); }
        @Override public Coords.Builder stagePosition(int i) { return index(Coords.P, i); }
        @Override public Coords.Builder p(int i) { return index(Coords.P, i); }
        @Override public Coords.Builder index(String axis, int i) { axes.put(axis, i); return this; }
        @Override public Coords.Builder removeAxis(String axis) { axes.remove(axis); return this; }
    }

    static Coords realCoords(int t, int p, int c, int z) {
        return new CoordsBuilder(new LinkedHashMap<String, Integer>()).t(t).p(p).c(c).z(z).build();
    }

    /**
     * A builder proxy of {@code builderType}: each one-argument setter {@code foo(x)} is answered by
     * the built object's {@code getFoo()} (arrays as lists, also for {@code getFooList()}, and {@code getFooList()} for {@code foos(...)}).
     */
    static <B, T> B builder(final Class<B> builderType, final Class<T> productType) {
        final Map<String, Object> answers = new HashMap<String, Object>();
        return builderType.cast(Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {builderType},
                new InvocationHandler() {
                    @Override
                    public Object invoke(Object self, Method m, Object[] args) {
                        String n = m.getName();
                        if (n.equals("build")) return proxy(productType, new HashMap<String, Object>(answers));
                        if (n.equals("hashCode")) return System.identityHashCode(self);
                        if (n.equals("equals")) return self == args[0];
                        if (n.equals("toString")) return builderType.getSimpleName() + answers;
                        String getter = "get" + Character.toUpperCase(n.charAt(0)) + n.substring(1);
                        Object v = args[0];
                        if (v instanceof Object[]) {
                            v = Arrays.asList((Object[]) v);
                            answers.put(getter + "List", v);
                            if (getter.endsWith("s")) answers.put(getter.substring(0, getter.length() - 1) + "List", v);
                        }
                        answers.put(getter, v);
                        return self;
                    }
                }));
    }

    /** An image answering from its pixels, size, coords and metadata. */
    static Image image(Object pixels, int w, int h, int bytesPerPixel, Coords coords, Metadata metadata) {
        Map<String, Object> a = new HashMap<String, Object>();
        a.put("getRawPixels", pixels);
        a.put("getWidth", w);
        a.put("getHeight", h);
        a.put("getBytesPerPixel", bytesPerPixel);
        a.put("getBytesPerComponent", bytesPerPixel);
        a.put("getNumComponents", 1);
        a.put("getCoords", coords);
        a.put("getMetadata", metadata);
        return proxy(Image.class, a);
    }

    /** A RAM datastore that records what is done to it, in order, and on which thread images arrive. */
    static final class Datastore implements org.micromanager.data.Datastore {
        final List<String> events = Collections.synchronizedList(new ArrayList<String>());
        final List<Image> images = Collections.synchronizedList(new ArrayList<Image>());
        final Set<String> putThreads = Collections.synchronizedSet(new HashSet<String>());
        volatile SummaryMetadata summary;
        volatile String name;
        volatile boolean frozen;

        @Override public void putImage(Image image) throws IOException {
            if (frozen) throw new IOException("datastore is frozen");
            events.add("putImage " + image.getCoords());
            putThreads.add(Thread.currentThread().getName());
            images.add(image);
        }
        @Override public void setSummaryMetadata(SummaryMetadata s) throws IOException {
            if (!images.isEmpty()) throw new IOException("summary metadata after the first image");
            events.add("setSummaryMetadata");
            summary = s;
        }
        @Override public void freeze() { events.add("freeze"); frozen = true; }
        @Override public void setName(String n) { events.add("setName " + n); name = n; }
        @Override public Image getImage(Coords coords) {
            for (Image i : images) if (i.getCoords().equals(coords)) return i;
            return null;
        }
        @Override public int getNumImages() { return images.size(); }
        @Override public String getName() { return name; }
        @Override public void close() { events.add("close"); }
    }

    static final class DataManager implements org.micromanager.data.DataManager {
        final List<Datastore> stores = Collections.synchronizedList(new ArrayList<Datastore>());

        @Override public Coords.Builder coordsBuilder() { return new CoordsBuilder(new LinkedHashMap<String, Integer>()); }
        @Override public Metadata.Builder metadataBuilder() { return builder(Metadata.Builder.class, Metadata.class); }
        @Override public SummaryMetadata.Builder summaryMetadataBuilder() {
            return builder(SummaryMetadata.Builder.class, SummaryMetadata.class);
        }
        @Override public org.micromanager.data.Datastore createRAMDatastore() {
            Datastore d = new Datastore();
            stores.add(d);
            return d;
        }
        @Override public org.micromanager.data.Datastore createMultipageTIFFDatastore(String dir, boolean a, boolean b) {
            throw new UnsupportedOperationException("fake: RAM datastores only");
        }
        @Override public Image createImage(Object pixels, int w, int h, int bpp, int n, Coords c, Metadata m) {
            return wrapImage(pixels instanceof float[] ? ((float[]) pixels).clone() : pixels, w, h, bpp, n, c, m);
        }
        @Override public Image wrapImage(Object pixels, int w, int h, int bpp, int n, Coords c, Metadata m) {
            if (n != 1) throw new UnsupportedOperationException("fake: single-component images only");
            return image(pixels, w, h, bpp, c, m);
        }
    }

    static final class DisplayManager implements org.micromanager.display.DisplayManager {
        final List<DataProvider> shown = Collections.synchronizedList(new ArrayList<DataProvider>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<String>());

        @Override public DisplayWindow createDisplay(DataProvider p) {
            shown.add(p);
            threads.add(Thread.currentThread().getName());
            return proxy(DisplayWindow.class, new HashMap<String, Object>());
        }
        @Override public void manage(DataProvider store) { }
    }

    static final class LogManager implements org.micromanager.LogManager {
        final List<String> messages = Collections.synchronizedList(new ArrayList<String>());
        final List<String> errors = Collections.synchronizedList(new ArrayList<String>());
        final List<String> shown = Collections.synchronizedList(new ArrayList<String>());

        @Override public void logMessage(String m) { messages.add(m); }
        @Override public void logDebugMessage(String m) { messages.add(m); }
        @Override public void logError(Exception e, String m) { errors.add(m); }
        @Override public void logError(String m) { errors.add(m); }
        @Override public void showMessage(String m) { shown.add(m); }
        @Override public void showError(Exception e, String m) { shown.add(m); }
        @Override public void showError(String m, Component parent) { shown.add(m); }

        String all() { return "log " + messages + ", errors " + errors + ", shown " + shown; }
    }

    static final class Studio implements org.micromanager.Studio {
        final DataManager data = new DataManager();
        final DisplayManager displays = new DisplayManager();
        final LogManager logs = new LogManager();

        /** The core the plugin sees (null: none, as in most tests). */
        CMMCore core;

        @Override public CMMCore core() { return core; }
        @Override public CMMCore getCMMCore() { return core; }
        @Override public DataManager data() { return data; }
        @Override public DataManager getDataManager() { return data; }
        @Override public DisplayManager displays() { return displays; }
        @Override public DisplayManager getDisplayManager() { return displays; }
        @Override public LogManager logs() { return logs; }
        @Override public LogManager getLogManager() { return logs; }
        @Override public org.micromanager.SnapLiveManager live() { return live; }

        final org.micromanager.SnapLiveManager live = new org.micromanager.SnapLiveManager() {
            private volatile boolean on;

            @Override public boolean isLiveModeOn() { return on; }
            @Override public void setLiveModeOn(boolean b) { on = b; }
        };
    }
}
