package org.livedecon.core.calibration;

/** Why a detected bead was not used for the averaged PSF. */
public enum RejectionReason {
    /** Its crop box (lateral or axial) about the detected position does not fit inside the stack. */
    EDGE("edge"),
    /** Another detected bead lies within the lateral crop half-width. */
    CROWDED("crowded"),
    /** A pixel in its crop box reaches the camera's saturation level. */
    SATURATED("saturated"),
    /** Integrated intensity above the doublet factor times the median of the beads (doublet, cluster). */
    DOUBLET("doublet"),
    /** Integrated intensity below the dim factor times the median (a noise peak or a dim bead). */
    DIM("dim"),
    /**
     * Localisation moved the centre by more than one voxel after re-centring, or moved the crop
     * out of the stack although the detected position fitted: the bead is not where it was
     * detected (stage drift during the scan, a bead that is not point-like at this sampling).
     */
    DRIFT("drift");

    private final String label;

    RejectionReason(String label) { this.label = label; }

    /** Lower-case name for reports and JSON. */
    public String label() { return label; }
}
