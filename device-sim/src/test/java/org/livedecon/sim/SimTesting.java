package org.livedecon.sim;

import org.livedecon.core.hardware.HardwareException;

/** Helpers shared by the simulator tests. */
final class SimTesting {
    private SimTesting() {}

    /** The snapped image as unsigned values. */
    static int[] values(Object image) {
        if (image instanceof short[]) {
            short[] s = (short[]) image;
            int[] v = new int[s.length];
            for (int i = 0; i < s.length; i++) v[i] = s[i] & 0xffff;
            return v;
        }
        byte[] b = (byte[]) image;
        int[] v = new int[b.length];
        for (int i = 0; i < b.length; i++) v[i] = b[i] & 0xff;
        return v;
    }

    static int[] snapAt(SimulatedMicroscope m, double focusUm) throws HardwareException {
        m.focus().moveTo(focusUm);
        m.focus().waitUntilSettled();
        return values(m.camera().snap());
    }

    /** Full width at half maximum of a sampled profile (linear interpolation at the crossings), in samples. */
    static double fwhm(double[] p) {
        int peak = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[peak]) peak = i;
        double half = p[peak] / 2;
        int l = peak;
        while (l > 0 && p[l - 1] > half) l--;
        int r = peak;
        while (r < p.length - 1 && p[r + 1] > half) r++;
        if (l == 0 || r == p.length - 1) throw new AssertionError("profile does not fall to half its maximum inside the window");
        double left = (l - 1) + (half - p[l - 1]) / (p[l] - p[l - 1]);
        double right = r + (p[r] - half) / (p[r] - p[r + 1]);
        return right - left;
    }
}
