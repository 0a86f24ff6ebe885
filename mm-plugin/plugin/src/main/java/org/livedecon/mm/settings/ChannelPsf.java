package org.livedecon.mm.settings;

import java.util.Locale;
import org.livedecon.core.psf.model.PsfModel;

/**
 * Where one channel's PSF comes from: a named entry of the PSF library, or a theoretical PSF
 * computed from the optics (NA, emission wavelength in µm, immersion index). Immutable, validated
 * at construction.
 */
public final class ChannelPsf {
    /** The two sources of a PSF. */
    public enum Kind { LIBRARY, THEORETICAL }

    private final Kind kind;
    private final String libraryName;
    private final PsfModel model;
    private final double na;
    private final double wavelengthUm;
    private final double immersionIndex;

    private ChannelPsf(Kind kind, String libraryName, PsfModel model, double na, double wavelengthUm, double immersionIndex) {
        this.kind = kind;
        this.libraryName = libraryName;
        this.model = model;
        this.na = na;
        this.wavelengthUm = wavelengthUm;
        this.immersionIndex = immersionIndex;
    }

    /** A PSF library entry. @throws IllegalArgumentException for an empty name */
    public static ChannelPsf library(String name) {
        if (name == null || name.trim().isEmpty()) {
            throw new IllegalArgumentException("a PSF library name is required, got '" + name + "'");
        }
        return new ChannelPsf(Kind.LIBRARY, name.trim(), null, 0, 0, 0);
    }

    /**
     * A theoretical PSF. @throws IllegalArgumentException naming the value when NA is not in (0, n],
     * the wavelength not in (0.2, 2] µm or the index not in [1, 2]
     */
    public static ChannelPsf theoretical(PsfModel model, double na, double wavelengthUm, double immersionIndex) {
        if (model == null) throw new IllegalArgumentException("a PSF model is required");
        if (!(immersionIndex >= 1 && immersionIndex <= 2)) {
            throw new IllegalArgumentException("immersion index must be in [1, 2], got " + immersionIndex);
        }
        if (!(na > 0 && na <= immersionIndex)) {
            throw new IllegalArgumentException("NA must be in (0, immersion index " + immersionIndex + "], got " + na);
        }
        if (!(wavelengthUm > 0.2 && wavelengthUm <= 2)) {
            throw new IllegalArgumentException("emission wavelength must be in (0.2, 2] µm, got " + wavelengthUm);
        }
        return new ChannelPsf(Kind.THEORETICAL, null, model, na, wavelengthUm, immersionIndex);
    }

    public Kind kind() { return kind; }
    /** The library entry (LIBRARY), else null. */
    public String libraryName() { return libraryName; }
    /** The model (THEORETICAL), else null. */
    public PsfModel model() { return model; }
    public double na() { return na; }
    /** Emission wavelength, µm. */
    public double wavelengthUm() { return wavelengthUm; }
    public double immersionIndex() { return immersionIndex; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChannelPsf)) return false;
        ChannelPsf c = (ChannelPsf) o;
        return kind == c.kind && (libraryName == null ? c.libraryName == null : libraryName.equals(c.libraryName))
                && model == c.model && na == c.na && wavelengthUm == c.wavelengthUm && immersionIndex == c.immersionIndex;
    }

    @Override
    public int hashCode() {
        return ((kind.hashCode() * 31 + (libraryName == null ? 0 : libraryName.hashCode())) * 31
                + (model == null ? 0 : model.hashCode())) * 31 + Double.hashCode(na + 7 * wavelengthUm + 13 * immersionIndex);
    }

    @Override
    public String toString() {
        return kind == Kind.LIBRARY ? "library:" + libraryName
                : String.format(Locale.ROOT, "%s NA %.3f, %.3f µm, n %.3f", model.label(), na, wavelengthUm, immersionIndex);
    }
}
