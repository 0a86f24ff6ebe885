package org.livedecon.core.calibration;

/**
 * Progress of a {@link CalibrationSession}, called on the session's thread. It may call
 * {@link CalibrationSession#cancel()}; the acquisition then stops before the next plane.
 */
public interface CalibrationListener {
    /** A listener that ignores everything. */
    CalibrationListener NONE = new CalibrationListener() {
        @Override
        public void step(String name) {}

        @Override
        public void plane(int done, int total) {}
    };

    /** A step begins: "preview", "acquisition", "extraction". */
    void step(String name);

    /** {@code done} of {@code total} planes have been acquired. */
    void plane(int done, int total);
}
