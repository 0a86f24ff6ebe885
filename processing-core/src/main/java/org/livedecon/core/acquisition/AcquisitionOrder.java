package org.livedecon.core.acquisition;

/**
 * Order of the inner loops of a Micro-Manager multi-dimensional acquisition. Time points and then
 * positions are always outermost; within one (time, position) either every slice of a channel
 * comes before the next channel, or every channel of a slice before the next slice.
 */
public enum AcquisitionOrder {
    /** t, p, c, z: a whole z-stack per channel ("Channels, then slices" is off). */
    SLICES_FIRST,
    /** t, p, z, c: all channels at each z before moving focus. */
    CHANNELS_FIRST
}
