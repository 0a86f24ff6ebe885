package org.livedecon.core.io;

import java.io.IOException;

/**
 * A TIFF file could not be read or written. The message always names the file and says what
 * was wrong or what was expected, so that it can be shown to the user as it is.
 */
public class TiffException extends IOException {
    private static final long serialVersionUID = 1L;

    public TiffException(String message) {
        super(message);
    }

    public TiffException(String message, Throwable cause) {
        super(message, cause);
    }
}
