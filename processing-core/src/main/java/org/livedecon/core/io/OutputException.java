package org.livedecon.core.io;

import java.io.IOException;

/** An output that must not be written: it is an input, another output, or exists and replacing was not asked for. */
public final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message);
    }
}
