package org.livedecon.core.hardware;

/**
 * The light path's shutter as Micro-Manager exposes it: the auto-shutter flag (open for each
 * snap, closed after) and the shutter's own state. Used to take dark frames; not thread-safe.
 */
public interface Shutter {
    boolean autoShutter() throws HardwareException;

    void setAutoShutter(boolean on) throws HardwareException;

    boolean isOpen() throws HardwareException;

    void setOpen(boolean open) throws HardwareException;
}
