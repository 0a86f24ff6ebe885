package org.livedecon.sim.acquisition;

/** How an {@link Acquisition} ended, or that it has not yet. */
public enum AcquisitionOutcome {
    /** Still acquiring (or finishing: restoring the focus, telling the sink). */
    RUNNING,
    /** Every plane was delivered to the sink. */
    COMPLETED,
    /** Stopped by {@link Acquisition#abort()}. */
    ABORTED,
    /** Stopped because the settings' time limit was reached. */
    TIME_LIMIT,
    /** Stopped by an exception from the hardware, a selector or the sink: see {@link Acquisition#failure()}. */
    FAILED
}
