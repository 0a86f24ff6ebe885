package org.livedecon.mm.processor;

import org.micromanager.LogManager;
import org.micromanager.Studio;

/** Reports to Micro-Manager's log, and errors also in its UI ({@link LogManager#showError(Exception, String)}). */
public final class StudioReporter implements Reporter {
    private static final String PREFIX = "Live Deconvolution: ";
    private final Studio studio;

    /** {@code studio} may be null (no context yet): then nothing is reported. */
    public StudioReporter(Studio studio) {
        this.studio = studio;
    }

    @Override
    public void log(String message) {
        if (studio != null) studio.logs().logMessage(PREFIX + message);
    }

    @Override
    public void error(String message, Throwable cause) {
        if (studio == null) return;
        Exception e = cause instanceof Exception ? (Exception) cause : new RuntimeException(String.valueOf(cause), cause);
        studio.logs().logError(e, PREFIX + message);
        studio.logs().showError(e, PREFIX + message);
    }
}
