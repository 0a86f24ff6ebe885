package org.livedecon.core.backend;

import java.util.Locale;

/** Which 3D FFT the {@link CpuBackend} uses. Both produce the same spectrum layout. */
public enum CpuFft {
    /**
     * livedecon's own blocked Stockham FFT ({@link StockhamFft3d}), with the OTF product fused
     * into the z pass: the default. Sizes with a prime factor above 13 fall back to JTransforms.
     */
    LIVEDECON("livedecon FFT"),
    /** JTransforms 1D transforms composed per axis: the slower, independent reference. */
    JTRANSFORMS("JTransforms");

    private final String label;

    CpuFft(String label) {
        this.label = label;
    }

    /** Name for logs and tables ("livedecon FFT", "JTransforms"). */
    public String label() { return label; }

    /** System property that picks the FFT of CPU backends made without naming one. */
    public static final String PROPERTY = "livedecon.fft";

    /**
     * The FFT named by the system property {@value #PROPERTY} ({@code livedecon} or
     * {@code jtransforms}, e.g. {@code LIVEDECON_JAVA_OPTS=-Dlivedecon.fft=jtransforms}), else
     * {@link #LIVEDECON}: lets any command be rerun on the reference for comparison.
     */
    public static CpuFft fromSystemProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.trim().isEmpty()) return LIVEDECON;
        try {
            return parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property " + PROPERTY + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code livedecon} or {@code jtransforms} (any case). */
    public static CpuFft parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("livedecon")) return LIVEDECON;
        if (t.equals("jtransforms")) return JTRANSFORMS;
        throw new IllegalArgumentException("unknown CPU FFT '" + s + "': expected livedecon or jtransforms");
    }
}
