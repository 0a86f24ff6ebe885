package org.livedecon.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.livedecon.core.deconv.ProgressListener;

/**
 * Progress of a deconvolution on stderr, fed by the {@link ProgressListener}. On a terminal one
 * line is redrawn with carriage returns (at most every 100 ms); otherwise a line is printed about
 * every 10 % of the planned iterations, so logs stay short. Call {@link #finish()} at the end.
 * Used from the deconvolving thread only.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100000000L;

    private final PrintWriter err;
    private final boolean terminal;
    private int lastDecile = 0;
    private long firstElapsed = -1;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void iterationDone(int done, int planned, double relativeChange, long elapsedNanos) {
        if (firstElapsed < 0) firstElapsed = elapsedNanos;
        int total = Math.max(planned, done);
        String text = text(done, total, relativeChange, elapsedNanos);
        if (terminal) {
            long now = System.nanoTime();
            if (done < total && now - lastDraw < REDRAW_NANOS) return;
            lastDraw = now;
            err.print("\r" + text + "   ");
            err.flush();
            drawn = true;
        } else {
            int decile = (int) (10L * done / total);
            if (decile > lastDecile || done == total) {
                lastDecile = decile;
                err.println(text);
                err.flush();
            }
        }
    }

    /** Ends the redrawn line on a terminal. */
    void finish() {
        if (terminal && drawn) {
            err.println();
            err.flush();
        }
    }

    private String text(int done, int total, double change, long elapsedNanos) {
        int filled = (int) ((long) WIDTH * done / total);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) bar.append(i < filled ? '#' : '.');
        bar.append(']');
        double elapsed = elapsedNanos / 1e9;
        // The first callback includes the set-up; later iterations take about equally long.
        double perIteration = done > 1 ? (elapsedNanos - firstElapsed) / 1e9 / (done - 1) : elapsed;
        double eta = perIteration * (total - done);
        String changeText = Double.isNaN(change) ? "" : String.format(Locale.ROOT, ", change %.2e", change);
        return String.format(Locale.ROOT, "%s %d/%d (%3d%%)%s, elapsed %s, ETA %s", bar, done, total,
                100L * done / total, changeText, seconds(elapsed), seconds(eta));
    }

    static String seconds(double s) {
        if (s < 60) return String.format(Locale.ROOT, "%.1f s", s);
        long t = Math.round(s);
        return String.format(Locale.ROOT, "%d:%02d min", t / 60, t % 60);
    }
}
