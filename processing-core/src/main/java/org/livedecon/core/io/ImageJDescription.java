package org.livedecon.core.io;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code key=value} lines of an ImageJ TIFF description ({@code ImageJ=1.54f\nimages=6\n
 * channels=3\nslices=2\n...}) or of an ImageJ Info property. Missing text gives an empty map.
 */
final class ImageJDescription {
    private final Map<String, String> values;

    private ImageJDescription(Map<String, String> values) {
        this.values = values;
    }

    static ImageJDescription parse(String text) {
        Map<String, String> m = new HashMap<String, String>();
        if (text != null) {
            for (String line : text.split("[\\r\\n]+")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    String key = line.substring(0, eq).trim();
                    if (!m.containsKey(key)) m.put(key, unescape(line.substring(eq + 1).trim()));
                }
            }
        }
        return new ImageJDescription(m);
    }

    /** ImageJ writes non-ASCII characters as Java escapes, e.g. {@code unit=\\u00B5m} for µm. */
    static String unescape(String s) {
        if (s.indexOf("\\u") < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("\\u", i) && i + 6 <= s.length()) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                    i += 6;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the text as it is
                }
            }
            b.append(s.charAt(i++));
        }
        return b.toString();
    }

    String get(String key) { return values.get(key); }

    int getInt(String key, int missing) {
        String s = values.get(key);
        if (s == null) return missing;
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return missing;
        }
    }

    double getDouble(String key, double missing) {
        String s = values.get(key);
        if (s == null) return missing;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return missing;
        }
    }
}
