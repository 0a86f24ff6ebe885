package org.livedecon.core.live;

/** What happens to a stack that never got all its planes (aborted acquisition, dropped frames). */
public enum PartialStacks {
    /** Deconvolve the planes that arrived as a shorter stack (gaps closed up, with a warning). */
    DECONVOLVE,
    /** Report the stack as skipped-partial without deconvolving it. */
    SKIP
}
