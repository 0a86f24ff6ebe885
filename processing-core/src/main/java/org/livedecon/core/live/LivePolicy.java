package org.livedecon.core.live;

/** What the engine does when stacks complete faster than they can be deconvolved. */
public enum LivePolicy {
    /** Queue every stack; completed raw stacks beyond the memory budget are spilled to disk. Nothing is skipped. */
    ALL,
    /** Preview: keep only the newest complete stack per (position, channel) waiting; older waiting ones are skipped and counted. */
    LATEST,
    /**
     * Like {@link #ALL}, but iterative methods run fewer iterations, and Wiener as a last resort,
     * to keep the latency after the last plane under the target.
     */
    ADAPTIVE;

    /** Parses "all", "latest" or "adaptive" (any case). */
    public static LivePolicy parse(String s) {
        for (LivePolicy p : values()) {
            if (p.name().equalsIgnoreCase(s.trim())) return p;
        }
        throw new IllegalArgumentException("policy must be all, latest or adaptive, got '" + s + "'");
    }
}
