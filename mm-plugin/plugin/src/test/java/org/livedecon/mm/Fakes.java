package org.livedecon.mm;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.micromanager.data.Coords;
import org.micromanager.data.Image;
import org.micromanager.data.Metadata;
import org.micromanager.data.ProcessorContext;
import org.micromanager.data.SummaryMetadata;

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
}
