package org.livedecon.core.deconv;

import java.util.Locale;

/** The deconvolution methods, with the names used on the command line and in settings files. */
public enum Algorithm {
    /** Wiener/Tikhonov filter: one forward and one inverse FFT; keeps up with a camera. */
    WIENER("wiener"),
    /** Plain Richardson–Lucy (maximum likelihood for Poisson noise). */
    RICHARDSON_LUCY("rl"),
    /** Richardson–Lucy with Biggs–Andrews vector extrapolation: same result in far fewer iterations. */
    ACCELERATED_RL("rl-accel"),
    /**
     * Richardson–Lucy with scaled heavy-ball momentum (Wang &amp; Miller 2014, deconwolf's default):
     * the same extrapolation as Biggs–Andrews with the fixed weight (k − 1)/(k + 2).
     */
    RL_SHB("rl-shb"),
    /** Richardson–Lucy with total-variation regularisation (Dey et al. 2006), accelerated. */
    RL_TV("rl-tv"),
    /**
     * Richardson–Lucy with an unmatched Wiener–Butterworth back projector (Guo et al. 2020): a
     * few iterations do what accelerated RL needs tens for; stops by itself (see {@link WbStop}).
     */
    RL_WB("rl-wb");

    private final String cliName;

    Algorithm(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() { return cliName; }

    public boolean iterative() { return this != WIENER; }

    /** Whether RL extrapolates from the last two estimates (keeps the previous x and gradient). */
    public boolean accelerated() { return this == ACCELERATED_RL || this == RL_SHB || this == RL_TV; }

    /** Parses a command-line name ("rl-accel") or enum name, case-insensitively. */
    public static Algorithm parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (Algorithm a : values()) {
            if (a.cliName.equals(t) || a.name().toLowerCase(Locale.ROOT).equals(t)) return a;
        }
        throw new IllegalArgumentException("unknown algorithm '" + s + "': use wiener, rl, rl-accel, rl-shb, rl-tv or rl-wb");
    }

    @Override
    public String toString() { return cliName; }
}
