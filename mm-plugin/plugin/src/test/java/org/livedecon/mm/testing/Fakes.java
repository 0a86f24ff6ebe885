package org.livedecon.mm.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.awt.Component;
import java.io.File;
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
import org.micromanager.PropertyMap;
import org.micromanager.data.Coords;
import org.micromanager.data.DataProvider;
import org.micromanager.data.Image;
import org.micromanager.data.Metadata;
import org.micromanager.data.ProcessorContext;
import org.micromanager.data.SummaryMetadata;
import org.micromanager.display.DisplayWindow;

/** Fakes of the MMStudio data interfaces: proxies answering from a map of getter name → value. */
public final class Fakes {
    private Fakes() {
    }

    public static <T> T proxy(Class<T> type, final Map<String, Object> answers) {
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
    public static Coords coords(int t, int p, int c, int z) {
        Map<String, Integer> axes = new LinkedHashMap<String, Integer>();
        if (t >= 0) axes.put(Coords.TIME_POINT, t);
        if (p >= 0) axes.put(Coords.STAGE_POSITION, p);
        if (c >= 0) axes.put(Coords.CHANNEL, c);
        if (z >= 0) axes.put(Coords.Z_SLICE, z);
        Map<String, Object> a = new HashMap<String, Object>();
        a.put("axes", axes);
        return proxy(Coords.class, a);
    }

    public static Image image(short[] pixels, int w, int h, Coords coords, double pixelUm, double zUm) {
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

    /** An acquisition's summary as Micro-Manager makes it: channel group "Channel", prefix "acq", not saved. */
    public static SummaryMetadata summary(Coords intended, double zStepUm, String... channels) {
        return acquisitionSummary(intended, zStepUm, "acq", null, channels);
    }

    /**
     * A summary with everything Micro-Manager's acquisition engines set: channel group, axis order
     * (time, position, z, channel: slices first), intended dimensions, z step, channel names,
     * prefix, directory (null: not saved) and some user data.
     */
    public static FakeSummary acquisitionSummary(Coords intended, double zStepUm, String prefix, String directory, String... channels) {
        FakeSummary f = new FakeSummary();
        f.intendedDimensions = intended;
        f.zStepUm = zStepUm;
        f.channelNames = new ArrayList<String>(Arrays.asList(channels));
        f.channelGroup = "Channel";
        f.axisOrder = Arrays.asList(Coords.TIME_POINT, Coords.STAGE_POSITION, Coords.Z_SLICE, Coords.CHANNEL);
        f.prefix = prefix;
        f.directory = directory;
        f.waitInterval = 0.0;
        f.userData = FakePropertyMap.builder().putString("operator", "test").build();
        return f;
    }

    /** MMStudio's SummaryMetadata as a value: every field may be null (unset), as in Micro-Manager. */
    public static final class FakeSummary implements SummaryMetadata {
        public String prefix, directory, channelGroup;
        public List<String> channelNames, axisOrder;
        public Double zStepUm, waitInterval;
        public Coords intendedDimensions;
        public PropertyMap userData;

        public FakeSummary copy() {
            FakeSummary f = new FakeSummary();
            f.prefix = prefix; f.directory = directory; f.channelGroup = channelGroup; f.channelNames = channelNames;
            f.axisOrder = axisOrder; f.zStepUm = zStepUm; f.waitInterval = waitInterval;
            f.intendedDimensions = intendedDimensions; f.userData = userData;
            return f;
        }

        @Override public Builder copyBuilder() { return new SummaryBuilder(copy()); }
        @Override public String getPrefix() { return prefix; }
        @Override public String getDirectory() { return directory; }
        @Override public String getChannelGroup() { return channelGroup; }
        @Override public List<String> getChannelNameList() {
            return channelNames == null ? new ArrayList<String>() : Collections.unmodifiableList(channelNames);
        }
        @Override public String getSafeChannelName(int i) {
            return channelNames != null && i < channelNames.size() && channelNames.get(i) != null ? channelNames.get(i) : "channel " + i;
        }
        @Override public Double getZStepUm() { return zStepUm; }
        @Override public Double getWaitInterval() { return waitInterval; }
        @Override public List<String> getOrderedAxes() { return axisOrder; }
        @Override public Coords getIntendedDimensions() { return intendedDimensions; }
        @Override public PropertyMap getUserData() { return userData; }
        @Override public String toString() {
            return "summary " + prefix + " group " + channelGroup + " channels " + channelNames + " axes " + axisOrder
                    + " intended " + intendedDimensions + " z step " + zStepUm + " user " + userData;
        }
    }

    /** MMStudio's SummaryMetadata.Builder: a fresh one (DataManager.summaryMetadataBuilder) leaves everything unset. */
    public static final class SummaryBuilder implements SummaryMetadata.Builder {
        private final FakeSummary f;

        public SummaryBuilder(FakeSummary f) { this.f = f; }

        @Override public SummaryMetadata build() { return f.copy(); }
        @Override public SummaryMetadata.Builder prefix(String p) { f.prefix = p; return this; }
        @Override public SummaryMetadata.Builder directory(String d) { f.directory = d; return this; }
        @Override public SummaryMetadata.Builder channelNames(String... n) {
            f.channelNames = n == null ? null : new ArrayList<String>(Arrays.asList(n));
            return this;
        }
        @Override public SummaryMetadata.Builder zStepUm(Double z) { f.zStepUm = z; return this; }
        @Override public SummaryMetadata.Builder axisOrder(String... a) { f.axisOrder = a == null ? null : Arrays.asList(a); return this; }
        @Override public SummaryMetadata.Builder intendedDimensions(Coords c) { f.intendedDimensions = c; return this; }
        @Override public SummaryMetadata.Builder userData(PropertyMap u) { f.userData = u; return this; }
    }

    /** MMStudio's Metadata as a value (fields null when unset). */
    public static final class FakeMetadata implements Metadata {
        public Double pixelSizeUm, zPositionUm;
        public Integer bitDepth;
        public PropertyMap userData;

        @Override public Double getPixelSizeUm() { return pixelSizeUm; }
        @Override public Double getZPositionUm() { return zPositionUm; }
        @Override public Double getExposureMs() { return null; }
        @Override public Integer getBitDepth() { return bitDepth; }
        @Override public String getCamera() { return null; }
        @Override public PropertyMap getUserData() { return userData; }
        @Override public Metadata.Builder copyBuilderPreservingUUID() { return new MetadataBuilder(copy()); }
        @Override public Metadata.Builder copyBuilderWithNewUUID() { return new MetadataBuilder(copy()); }

        public FakeMetadata copy() {
            FakeMetadata m = new FakeMetadata();
            m.pixelSizeUm = pixelSizeUm; m.zPositionUm = zPositionUm; m.bitDepth = bitDepth; m.userData = userData;
            return m;
        }
    }

    public static final class MetadataBuilder implements Metadata.Builder {
        private final FakeMetadata m;

        public MetadataBuilder(FakeMetadata m) { this.m = m; }

        @Override public Metadata build() { return m.copy(); }
        @Override public Metadata.Builder pixelSizeUm(Double v) { m.pixelSizeUm = v; return this; }
        @Override public Metadata.Builder zPositionUm(Double v) { m.zPositionUm = v; return this; }
        @Override public Metadata.Builder userData(PropertyMap u) { m.userData = u; return this; }
        @Override public Metadata.Builder bitDepth(Integer b) { m.bitDepth = b; return this; }
    }

    /** Records every output image, in order. */
    public static final class Context implements ProcessorContext {
        public final List<Image> out = new ArrayList<Image>();
        public final SummaryMetadata summary;

        public Context(SummaryMetadata summary) { this.summary = summary; }

        @Override
        public synchronized void outputImage(Image image) { out.add(image); }

        @Override
        public SummaryMetadata getSummaryMetadata() { return summary; }
    }

    /** Real-valued Coords: axes in insertion order, equal when the axes and indices are. */
    public static final class FakeCoords implements Coords {
        public final Map<String, Integer> axes;

        public FakeCoords(Map<String, Integer> axes) { this.axes = new LinkedHashMap<String, Integer>(axes); }

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

    public static final class CoordsBuilder implements Coords.Builder {
        private final Map<String, Integer> axes;

        public CoordsBuilder(Map<String, Integer> axes) { this.axes = new LinkedHashMap<String, Integer>(axes); }

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

    public static Coords realCoords(int t, int p, int c, int z) {
        return new CoordsBuilder(new LinkedHashMap<String, Integer>()).t(t).p(p).c(c).z(z).build();
    }

    /** An image answering from its pixels, size, coords and metadata. */
    public static Image image(Object pixels, int w, int h, int bytesPerPixel, Coords coords, Metadata metadata) {
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

    /** What Micro-Manager does with float images: refused (2.0.0 to 2.0.3, nightlies before 2026-04-23) or accepted. */
    public enum FloatImages { REFUSED_AS_2_0_3, ACCEPTED }

    /**
     * A datastore that records what is done to it, in order, and on which thread images arrive. As
     * strict as Micro-Manager: the summary before the first image, one image per coords, no image
     * after freeze; what Micro-Manager's display needs of a summary and a builder left unset is
     * flagged in {@link #problems} (channel group: MM's inspector throws a NullPointerException on
     * every update; axis order, intended dimensions, z step, channel names).
     */
    public static class Datastore implements org.micromanager.data.Datastore {
        public final List<String> events = Collections.synchronizedList(new ArrayList<String>());
        public final List<String> problems;
        public final Set<String> putThreads = Collections.synchronizedSet(new HashSet<String>());
        public final List<Coords> coords = Collections.synchronizedList(new ArrayList<Coords>());
        public volatile SummaryMetadata summary;
        public volatile String name;
        public volatile boolean frozen;
        public volatile boolean displayed;
        private final List<Image> images = Collections.synchronizedList(new ArrayList<Image>());

        public Datastore(List<String> problems) { this.problems = problems; }

        @Override public void putImage(Image image) throws IOException {
            if (frozen) throw new IOException("datastore is frozen");
            if (summary == null) throw new IOException("image before the summary metadata");
            if (coords.contains(image.getCoords())) problems.add("a second image at " + image.getCoords());
            events.add("putImage " + image.getCoords());
            putThreads.add(Thread.currentThread().getName());
            coords.add(image.getCoords());
            keep(image);
            if (displayed) checkForDisplay();
        }
        public void keep(Image image) throws IOException { images.add(image); }
        @Override public void setSummaryMetadata(SummaryMetadata s) throws IOException {
            if (!coords.isEmpty()) throw new IOException("summary metadata after the first image");
            if (s == null) throw new IOException("null summary metadata");
            events.add("setSummaryMetadata");
            summary = s;
        }
        public void checkForDisplay() {
            SummaryMetadata s = summary;
            if (s == null) { problems.add("displayed without summary metadata"); return; }
            if (s.getChannelGroup() == null) problems.add("channel group unset: NullPointerException in DefaultChannelDisplaySettings.equals");
            if (s.getOrderedAxes() == null || s.getOrderedAxes().isEmpty()) problems.add("axis order unset");
            if (s.getIntendedDimensions() == null) problems.add("intended dimensions unset");
            if (s.getZStepUm() == null) problems.add("z step unset");
            if (s.getChannelNameList() == null || s.getChannelNameList().isEmpty()) problems.add("channel names unset");
        }
        @Override public void freeze() { events.add("freeze"); frozen = true; }
        @Override public void setName(String n) { events.add("setName " + n); name = n; }
        @Override public Image getImage(Coords c) throws IOException {
            for (Image i : images) if (i.getCoords().equals(c)) return i;
            return null;
        }
        /** Every image, in the order put. */
        public List<Image> images() throws IOException {
            List<Image> out = new ArrayList<Image>();
            for (Coords c : new ArrayList<Coords>(coords)) out.add(getImage(c));
            return out;
        }
        /** Bytes of pixels this store holds in the heap. */
        public long heapBytes() {
            long b = 0;
            synchronized (images) {
                for (Image i : images) b += (long) i.getWidth() * i.getHeight() * i.getBytesPerPixel();
            }
            return b;
        }
        @Override public int getNumImages() { return coords.size(); }
        @Override public String getName() { return name; }
        @Override public void close() { events.add("close"); }
    }

    /**
     * Micro-Manager's multipage TIFF storage: created in a directory that must not hold data yet,
     * writes every image to disk and reads it back on demand (no pixels kept in the heap).
     */
    public static final class DiskDatastore extends Datastore {
        public final File dir;
        private final Map<Coords, Object[]> index = Collections.synchronizedMap(new HashMap<Coords, Object[]>());

        public DiskDatastore(File dir, List<String> problems) throws IOException {
            super(problems);
            String[] there = dir.list();
            if (there != null && there.length > 0) throw new IOException("fake: " + dir + " already holds data");
            if (!dir.isDirectory() && !dir.mkdirs()) throw new IOException("fake: cannot make " + dir);
            this.dir = dir;
        }

        @Override public void keep(Image im) throws IOException {
            File f = new File(dir, "img" + index.size() + ".bin");
            Object p = im.getRawPixels();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(new java.io.FileOutputStream(f)))) {
                if (p instanceof short[]) for (short v : (short[]) p) out.writeShort(v);
                else if (p instanceof float[]) for (float v : (float[]) p) out.writeFloat(v);
                else if (p instanceof byte[]) out.write((byte[]) p);
                else throw new IOException("fake: pixels " + p);
            }
            index.put(im.getCoords(), new Object[] {f, im.getWidth(), im.getHeight(), im.getBytesPerPixel(), im.getMetadata()});
        }

        @Override public Image getImage(Coords c) throws IOException {
            Object[] e = index.get(c);
            if (e == null) return null;
            int w = (Integer) e[1], h = (Integer) e[2], bpp = (Integer) e[3];
            Object pixels;
            try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(new java.io.FileInputStream((File) e[0])))) {
                if (bpp == 2) { short[] a = new short[w * h]; for (int i = 0; i < a.length; i++) a[i] = in.readShort(); pixels = a; }
                else if (bpp == 4) { float[] a = new float[w * h]; for (int i = 0; i < a.length; i++) a[i] = in.readFloat(); pixels = a; }
                else { byte[] a = new byte[w * h]; in.readFully(a); pixels = a; }
            }
            return image(pixels, w, h, bpp, c, (Metadata) e[4]);
        }

        @Override public long heapBytes() { return 0; }
    }

    public static final class DataManager implements org.micromanager.data.DataManager {
        public final List<Datastore> stores = Collections.synchronizedList(new ArrayList<Datastore>());
        public final List<String> problems = Collections.synchronizedList(new ArrayList<String>());
        public final FloatImages floats;

        public DataManager(FloatImages floats) { this.floats = floats; }

        @Override public Coords.Builder coordsBuilder() { return new CoordsBuilder(new LinkedHashMap<String, Integer>()); }
        @Override public Metadata.Builder metadataBuilder() { return new MetadataBuilder(new FakeMetadata()); }
        @Override public SummaryMetadata.Builder summaryMetadataBuilder() { return new SummaryBuilder(new FakeSummary()); }
        @Override public org.micromanager.data.Datastore createRAMDatastore() {
            Datastore d = new Datastore(problems);
            stores.add(d);
            return d;
        }
        @Override public org.micromanager.data.Datastore createMultipageTIFFDatastore(String dir, boolean a, boolean b)
                throws IOException {
            DiskDatastore d = new DiskDatastore(new File(dir), problems);
            stores.add(d);
            return d;
        }
        @Override public Image createImage(Object pixels, int w, int h, int bpp, int n, Coords c, Metadata m) {
            check(pixels, w, h, bpp, n);
            Object copy = pixels instanceof float[] ? ((float[]) pixels).clone()
                    : pixels instanceof short[] ? ((short[]) pixels).clone() : ((byte[]) pixels).clone();
            return image(copy, w, h, bpp, c, m);
        }
        @Override public Image wrapImage(Object pixels, int w, int h, int bpp, int n, Coords c, Metadata m) {
            check(pixels, w, h, bpp, n);
            return image(pixels, w, h, bpp, c, m);
        }
        /** DefaultImage's checks: pixel type, bytes per pixel and size agree; float only where accepted. */
        private void check(Object pixels, int w, int h, int bpp, int n) {
            if (n != 1) throw new UnsupportedOperationException("fake: single-component images only");
            if (pixels instanceof float[] && floats == FloatImages.REFUSED_AS_2_0_3) {
                throw new UnsupportedOperationException("Unsupported pixel data type");
            }
            int len;
            if (pixels instanceof float[] && bpp == 4) len = ((float[]) pixels).length;
            else if (pixels instanceof short[] && bpp == 2) len = ((short[]) pixels).length;
            else if (pixels instanceof byte[] && bpp == 1) len = ((byte[]) pixels).length;
            else throw new IllegalArgumentException("pixels " + (pixels == null ? null : pixels.getClass().getSimpleName())
                    + " with " + bpp + " bytes per pixel");
            if (len != w * h) throw new IllegalArgumentException("pixel array of " + len + " for " + w + "x" + h);
        }
    }

    public static final class DisplayManager implements org.micromanager.display.DisplayManager {
        public final List<DataProvider> shown = Collections.synchronizedList(new ArrayList<DataProvider>());
        public final List<String> threads = Collections.synchronizedList(new ArrayList<String>());

        @Override public DisplayWindow createDisplay(DataProvider p) {
            shown.add(p);
            threads.add(Thread.currentThread().getName());
            if (p instanceof Datastore) {
                ((Datastore) p).displayed = true;
                ((Datastore) p).checkForDisplay();
            }
            return proxy(DisplayWindow.class, new HashMap<String, Object>());
        }
        @Override public void manage(DataProvider store) { }
    }

    public static final class LogManager implements org.micromanager.LogManager {
        public final List<String> messages = Collections.synchronizedList(new ArrayList<String>());
        public final List<String> errors = Collections.synchronizedList(new ArrayList<String>());
        public final List<String> shown = Collections.synchronizedList(new ArrayList<String>());

        @Override public void logMessage(String m) { messages.add(m); }
        @Override public void logDebugMessage(String m) { messages.add(m); }
        @Override public void logError(Exception e, String m) { errors.add(m); }
        @Override public void logError(String m) { errors.add(m); }
        @Override public void showMessage(String m) { shown.add(m); }
        @Override public void showError(Exception e, String m) { shown.add(m); }
        @Override public void showError(String m, Component parent) { shown.add(m); }

        public String all() { return "log " + messages + ", errors " + errors + ", shown " + shown; }
    }

    public static final class Studio implements org.micromanager.Studio {
        public final DataManager data;

        /** Float images refused, as Micro-Manager 2.0.3 does (the strict default). */
        public Studio() { this(FloatImages.REFUSED_AS_2_0_3); }

        public Studio(FloatImages floats) { data = new DataManager(floats); }

        public final DisplayManager displays = new DisplayManager();
        public final LogManager logs = new LogManager();

        /** The core the plugin sees (null: none, as in most tests). */
        public CMMCore core;

        @Override public CMMCore core() { return core; }
        @Override public CMMCore getCMMCore() { return core; }
        @Override public DataManager data() { return data; }
        @Override public DataManager getDataManager() { return data; }
        @Override public DisplayManager displays() { return displays; }
        @Override public DisplayManager getDisplayManager() { return displays; }
        @Override public LogManager logs() { return logs; }
        @Override public LogManager getLogManager() { return logs; }
        @Override public org.micromanager.SnapLiveManager live() { return live; }

        public final org.micromanager.SnapLiveManager live = new org.micromanager.SnapLiveManager() {
            private volatile boolean on;

            @Override public boolean isLiveModeOn() { return on; }
            @Override public void setLiveModeOn(boolean b) { on = b; }
        };
    }
}
