package org.livedecon.core.psf.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Objective presets (NA, immersion index) by name, from config/objectives.properties packed in the
 * jar: one line per objective, {@code NAME = NA, immersion index}. Read here only, for the command
 * line's {@code --objective} and the calibration wizard's list.
 */
public final class ObjectivePresets {
    /** The resource holding the presets. */
    public static final String RESOURCE = "/org/livedecon/config/objectives.properties";

    private ObjectivePresets() {}

    /**
     * Every well-formed preset, {@code [NA, immersion index]} by name, sorted by name; empty when
     * the resource is missing or unreadable. A malformed line is left out (see {@link #get}).
     */
    public static Map<String, double[]> all() {
        Map<String, double[]> out = new LinkedHashMap<String, double[]>();
        Properties p;
        try {
            p = load();
        } catch (IllegalStateException e) {
            return out;
        }
        for (String name : new TreeSet<String>(p.stringPropertyNames())) {
            double[] v = parse(p.getProperty(name));
            if (v != null) out.put(name, v);
        }
        return out;
    }

    /**
     * {@code [NA, immersion index]} of preset {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     * @throws IllegalStateException when the presets cannot be read or the preset's line is malformed
     */
    public static double[] get(String name) {
        Properties p = load();
        String v = p.getProperty(name.trim());
        if (v == null) {
            throw new IllegalArgumentException("unknown objective '" + name + "': known presets are "
                    + String.join(", ", new TreeSet<String>(p.stringPropertyNames())) + " (config/objectives.properties)");
        }
        double[] out = parse(v);
        if (out == null) {
            throw new IllegalStateException("objective preset '" + name + "' is '" + v
                    + "', expected 'NA, immersion index' in config/objectives.properties");
        }
        return out;
    }

    private static double[] parse(String v) {
        String[] parts = v.split(",");
        try {
            return new double[] {Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = ObjectivePresets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("objective presets missing from the jar: " + RESOURCE);
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read objective presets: " + e.getMessage(), e);
        }
        return p;
    }
}
