package org.livedecon.core.live;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the engine's stages hand their {@link LiveResult}s: counted in the metrics, then given to
 * the user's {@link LiveResultSink}, one call at a time, whatever thread emits.
 */
final class Results {
    private static final int MAX_LOGGED_FAILURES = 5;

    private final LiveResultSink sink;
    private final MetricsRecorder metrics;
    private final LiveLog log;
    private final Object sinkLock = new Object();
    private final AtomicInteger failuresLogged = new AtomicInteger();

    Results(LiveResultSink sink, MetricsRecorder metrics, LiveLog log) {
        this.sink = sink == null ? LiveResultSink.NONE : sink;
        this.metrics = metrics;
        this.log = log;
    }

    void emit(LiveResult r) {
        switch (r.status()) {
            case DONE: metrics.done.incrementAndGet(); break;
            case PARTIAL:
            case PARTIAL_SKIPPED: metrics.partial.incrementAndGet(); break;
            case SKIPPED: metrics.skipped.incrementAndGet(); break;
            default: metrics.failed.incrementAndGet(); break;
        }
        if (r.volume() != null) {
            metrics.voxelsDone.addAndGet(r.volume().shape().voxels());
            metrics.latency(r.latencyNanos(), r.resultNanos());
        }
        if (r.degraded()) metrics.degraded.incrementAndGet();
        if (r.streamed()) metrics.streamed.incrementAndGet();
        synchronized (sinkLock) {
            try {
                sink.accept(r);
            } catch (Throwable t) {
                metrics.sinkErrors.incrementAndGet();
                log.warn("the result sink threw on " + r.key() + ": " + t);
            }
        }
    }

    /** A stack not deconvolved ({@link LiveResult.Status#SKIPPED} or PARTIAL_SKIPPED): no volume. */
    void skipped(RawStack s, LiveResult.Status status) {
        long now = System.nanoTime();
        emit(new LiveResult(s.key(), status, null, null, 0, s.present(), s.lastArrivalNanos(), now, 0, false, false, null));
    }

    /** Stack {@code s} failed with {@code t}; the first few failures are logged, the rest counted. */
    void failed(RawStack s, Throwable t, long startNanos) {
        if (failuresLogged.incrementAndGet() <= MAX_LOGGED_FAILURES) {
            log.warn("deconvolution of " + s + " failed: " + t
                    + (failuresLogged.get() == MAX_LOGGED_FAILURES ? " (further failures are counted, not logged)" : ""));
        }
        long now = System.nanoTime();
        emit(new LiveResult(s.key(), LiveResult.Status.FAILED, null, null, 0, s.present(), s.lastArrivalNanos(), now,
                now - startNanos, false, false, t));
    }
}
