package org.livedecon.core.backend.opencl;

import java.util.List;

import org.junit.jupiter.api.Assumptions;

/** The OpenCL device the tests run on; tests calling {@link #device()} are skipped where there is none. */
final class OpenClTestDevices {
    private static List<OpenClDevice> devices;
    private static String reason;

    private OpenClTestDevices() {}

    static synchronized OpenClDevice device() {
        OpenClDevice d = deviceOrNull();
        Assumptions.assumeTrue(d != null, "no OpenCL platform: " + reason);
        return d;
    }

    /** The first device, or null where OpenCL is unavailable (for @BeforeAll, where an assumption would hide the tests). */
    static synchronized OpenClDevice deviceOrNull() {
        if (devices == null && reason == null) {
            try {
                devices = OpenClDevices.list();
                if (devices.isEmpty()) reason = "no OpenCL device";
            } catch (OpenClException e) {
                reason = e.getMessage();
            }
        }
        return reason == null ? devices.get(0) : null;
    }

    /** Relative RMS difference of {@code actual} from {@code expected}. */
    static double relRms(float[] expected, float[] actual) {
        double d = 0, e = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = (double) actual[i] - expected[i];
            d += diff * diff;
            e += (double) expected[i] * expected[i];
        }
        return Math.sqrt(d / Math.max(e, 1e-300));
    }
}
