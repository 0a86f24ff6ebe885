package org.livedecon.sim;

import org.livedecon.core.hardware.Shutter;

/**
 * The simulated light path's shutter, with Micro-Manager's semantics: with auto-shutter on (the
 * default) it opens for each snap; with auto-shutter off light passes only while it is open. The
 * camera still adds its offset, read noise and dark current when it is closed, so a snap with
 * the shutter closed is a true dark frame. Not thread-safe, like the rest of the simulator.
 */
public final class SimShutter implements Shutter {
    private boolean auto = true;
    private boolean open;

    @Override
    public boolean autoShutter() { return auto; }

    @Override
    public void setAutoShutter(boolean on) { auto = on; }

    @Override
    public boolean isOpen() { return open; }

    @Override
    public void setOpen(boolean open) { this.open = open; }

    /** Whether a snap now gets light. */
    public boolean passesLight() { return auto || open; }

    @Override
    public String toString() { return "simulated shutter: auto " + (auto ? "on" : "off") + ", " + (open ? "open" : "closed"); }
}
