package org.livedecon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.TreeSet;

/** Objective presets (NA, immersion index) from config/objectives.properties, packed in the jar. */
final class ObjectivePresets {
    static final String RESOURCE = "/org/livedecon/config/objectives.properties";

    private ObjectivePresets() {}

    /** {@code [na, immersionIndex]} of a preset, or a usage error listing the known names. */
    static double[] get(String name) {
        Properties p = load();
        String v = p.getProperty(name.trim());
        if (v == null) {
            throw new CliException(CliException.USAGE, "unknown objective '" + name + "': known presets are "
                    + String.join(", ", new TreeSet<String>(p.stringPropertyNames())) + " (config/objectives.properties)");
        }
        String[] parts = v.split(",");
        try {
            return new double[] {Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
        } catch (RuntimeException e) {
            throw new CliException(CliException.RUNTIME, "objective preset '" + name + "' is '" + v
                    + "', expected 'NA, immersion index' in config/objectives.properties");
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = ObjectivePresets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new CliException(CliException.RUNTIME, "objective presets missing from the jar: " + RESOURCE);
            p.load(in);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "cannot read objective presets: " + e.getMessage());
        }
        return p;
    }
}
