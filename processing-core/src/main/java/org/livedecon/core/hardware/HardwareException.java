package org.livedecon.core.hardware;

/**
 * A device refused or failed a command: a move outside the focus drive's limits, a camera that
 * did not deliver, a lost connection. The message names the device and the values involved.
 */
public class HardwareException extends Exception {
    private static final long serialVersionUID = 1L;

    public HardwareException(String message) {
        super(message);
    }

    public HardwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
