package org.livedecon.core.io;

import java.util.Locale;

/** Length units as ImageJ and TIFF files spell them, converted to µm. */
final class Units {
    private Units() {}

    /**
     * Micrometres per {@code unit}, or NaN when the unit means "not calibrated" (null, empty,
     * pixel, inch: a print resolution) or is unknown.
     */
    static double toMicron(String unit) {
        if (unit == null) return Double.NaN;
        String u = unit.trim().toLowerCase(Locale.ROOT);
        switch (u) {
            case "micron": case "microns": case "um": case "\u00b5m": case "\u03bcm":
            case "micrometer": case "micrometre": case "micrometers": case "micrometres":
                return 1;
            case "nm": case "nanometer": case "nanometre": case "nanometers": case "nanometres":
                return 1e-3;
            case "mm": case "millimeter": case "millimetre": case "millimeters": case "millimetres":
                return 1e3;
            case "cm": case "centimeter": case "centimetre":
                return 1e4;
            case "m": case "meter": case "metre":
                return 1e6;
            default:
                return Double.NaN;
        }
    }
}
