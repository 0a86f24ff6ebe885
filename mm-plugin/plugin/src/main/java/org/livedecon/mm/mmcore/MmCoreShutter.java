package org.livedecon.mm.mmcore;

import mmcorej.CMMCore;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Shutter;

/** The Core-Shutter of {@code CMMCore}, for the wizard's dark frames (REAL-MM.md: auto-shutter off, close, snap, restore). */
public final class MmCoreShutter implements Shutter {
    private final CMMCore core;

    public MmCoreShutter(CMMCore core) {
        if (core == null) throw new IllegalArgumentException("an MMCore instance is required");
        this.core = core;
    }

    @Override
    public boolean autoShutter() { return core.getAutoShutter(); }

    @Override
    public void setAutoShutter(boolean on) { core.setAutoShutter(on); }

    @Override
    public boolean isOpen() throws HardwareException {
        try {
            return core.getShutterOpen();
        } catch (Exception e) {
            throw new HardwareException("shutter '" + core.getShutterDevice() + "': cannot read its state: " + e.getMessage(), e);
        }
    }

    @Override
    public void setOpen(boolean open) throws HardwareException {
        try {
            core.setShutterOpen(open);
        } catch (Exception e) {
            throw new HardwareException("shutter '" + core.getShutterDevice() + "': cannot " + (open ? "open" : "close")
                    + " it: " + e.getMessage(), e);
        }
    }
}
