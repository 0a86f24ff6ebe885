package org.livedecon.core.psf.model;

/** The theoretical widefield PSF models of {@link TheoreticalPsf}. */
public enum PsfModel {
    /**
     * Born &amp; Wolf: scalar paraxial defocus, aberration-free; uses NA, wavelength and the
     * immersion index only (sample assumed index-matched).
     */
    BORN_WOLF("Born-Wolf"),
    /**
     * Gibson &amp; Lanni (1991): scalar, exact (non-paraxial) optical path difference between the
     * actual and the design system, so refractive-index mismatch, coverslip deviations and the
     * depth of the source are modelled.
     */
    GIBSON_LANNI("Gibson-Lanni");

    private final String label;

    PsfModel(String label) { this.label = label; }

    /** Name for logs and PSF source strings, e.g. "Gibson-Lanni". */
    public String label() { return label; }
}
