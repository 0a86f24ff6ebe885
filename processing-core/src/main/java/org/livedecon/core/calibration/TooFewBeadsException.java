package org.livedecon.core.calibration;

import java.util.Collections;
import java.util.List;

/**
 * The extraction found beads but too few usable ones. Carries every detected bead with its
 * rejection reason, so that a wizard can show the bead map and the counts that the message lists.
 */
public class TooFewBeadsException extends CalibrationException {
    private static final long serialVersionUID = 1L;

    private final transient List<Bead> beads;

    public TooFewBeadsException(String message, List<Bead> beads) {
        super(message);
        this.beads = Collections.unmodifiableList(beads);
    }

    /** Every detected bead, used or rejected (with its reason), as the extraction left them. */
    public List<Bead> beads() { return beads; }
}
