package org.livedecon.core.volume;

/** Conversion of camera planes (8/16-bit unsigned or float) to float32. */
public final class Planes {
    private Planes() {}

    /**
     * Converts {@code plane} into {@code out[offset .. offset+n)}. 8- and 16-bit pixels are
     * unsigned, as cameras deliver them (a 16-bit 65535 becomes 65535f, not -1f).
     *
     * @param what names the plane in the error message
     */
    public static void toFloat(Object plane, int n, float[] out, int offset, String what) {
        if (plane instanceof short[]) {
            short[] p = (short[]) plane;
            checkLength(p.length, n, what);
            for (int i = 0; i < n; i++) out[offset + i] = p[i] & 0xffff;
        } else if (plane instanceof byte[]) {
            byte[] p = (byte[]) plane;
            checkLength(p.length, n, what);
            for (int i = 0; i < n; i++) out[offset + i] = p[i] & 0xff;
        } else if (plane instanceof float[]) {
            float[] p = (float[]) plane;
            checkLength(p.length, n, what);
            System.arraycopy(p, 0, out, offset, n);
        } else {
            throw new IllegalArgumentException(what + ": pixels must be byte[] (8-bit), short[] (16-bit) or float[], got "
                    + (plane == null ? "null" : plane.getClass().getSimpleName()));
        }
    }

    private static void checkLength(int len, int n, String what) {
        if (len != n) {
            throw new IllegalArgumentException(what + " has " + len + " pixels, expected " + n);
        }
    }
}
