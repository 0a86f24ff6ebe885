package org.livedecon.core.deconv;

import java.util.Locale;

/** How the edges of the field of view are treated. */
public enum Boundary {
    /**
     * Bertero & Boccacci (A&A 437:369, 2005): the object is reconstructed on the image extended by
     * the PSF support, and only measured voxels constrain it. No wrap-around artefacts; the default.
     */
    NON_CIRCULANT("non-circulant"),
    /** The image is treated as one period of a periodic signal (light leaving one face enters the opposite one). */
    PERIODIC("periodic");

    private final String cliName;

    Boundary(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() { return cliName; }

    public static Boundary parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (Boundary b : values()) {
            if (b.cliName.equals(t) || b.name().toLowerCase(Locale.ROOT).equals(t)) return b;
        }
        throw new IllegalArgumentException("unknown boundary '" + s + "': use non-circulant or periodic");
    }

    @Override
    public String toString() { return cliName; }
}
