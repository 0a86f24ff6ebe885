package org.livedecon.mm.processor;

import java.text.SimpleDateFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.live.LiveDeconvolver;
import org.livedecon.core.live.LiveLog;
import org.livedecon.core.live.LiveResult;
import org.livedecon.core.live.LiveResultSink;
import org.livedecon.core.live.MemoryLedger;
import org.livedecon.core.volume.VoxelSize;
import org.livedecon.mm.settings.PluginSettings;
import org.micromanager.data.Coords;
import org.micromanager.data.Image;
import org.micromanager.data.Processor;
import org.micromanager.data.ProcessorContext;
import org.micromanager.data.SummaryMetadata;

/**
 * The live processor: every raw image is output first, unchanged and immediately; then its plane is
 * handed to a {@link LiveDeconvolver} whose results go to a {@link ResultSink}.
 *
 * <p><b>Threading.</b> {@link #processImage} and {@link #cleanup} run on Micro-Manager's pipeline
 * thread and never block or throw because of deconvolution. The engine is made (PSFs read or
 * computed, which takes seconds) on one "livedecon-lifecycle" thread, which later also closes it.
 * Until it is ready, planes wait in a buffer whose pixels are reserved in the plugin's memory
 * ledger ({@link PluginMemory}); a plane the ledger refuses is not kept, and its stack is reported
 * SKIPPED by the engine. Once the engine is ready, planes go to it directly (its hand-off never
 * blocks; the lock around it is held for microseconds, or for the moment the waiting planes move
 * to the engine).
 * {@link #cleanup} tells the engine the acquisition ended, then queues its closing and
 * {@link ResultSink#end()} on the lifecycle thread without waiting.
 *
 * <p><b>Input.</b> Planes are deconvolved when the summary metadata's intended dimensions have more
 * than one z slice and the images are single-component 8/16-bit or float; anything else (Snap/Live
 * single planes, RGB) passes straight through. z count from the intended dimensions, pixel size from
 * the image metadata, z step and channel names from the summary metadata. A failure is reported once
 * ({@link Reporter#error}); raw output never changes. The pixel arrays of the raw images are shared
 * with the engine, which never modifies them (MM images are immutable).
 *
 * <p><b>Replayed data.</b> "Process Old Data" replays a saved dataset faster than any camera; the
 * processor cannot tell it from an acquisition, so the policy and memory limit apply as they do
 * live (see the README for what each policy then does).
 *
 * <p>One instance per pipeline (per acquisition), as Micro-Manager creates them.
 */
public final class LiveDeconvolutionProcessor implements Processor {
    private enum Mode { UNDECIDED, DECONVOLVE, PASS_THROUGH }

    private final PluginSettings settings;
    private final EngineFactory engines;
    private final ResultSink sink;
    private final Reporter reporter;
    private final MemoryLedger ledger;
    private final AtomicBoolean errorReported = new AtomicBoolean();

    // Pipeline thread only.
    private Mode mode = Mode.UNDECIDED;
    private SummaryMetadata summary;
    private StackGeometry geometry;
    private ExecutorService lifecycle;
    private long delivered;
    private long expected;
    private boolean cleanedUp;

    // Guarded by engineLock: the engine once ready, or the planes waiting for it.
    private final Object engineLock = new Object();
    private LiveDeconvolver engine;
    private boolean engineFailed;
    private final ArrayDeque<Object> waiting = new ArrayDeque<Object>();
    private long waitingBytes;
    private long peakWaitingBytes;
    private boolean endPending;
    private boolean endAborted;
    private long endCount;

    /** With the plugin's shared memory ledger ({@link PluginMemory#ledger()}). */
    public LiveDeconvolutionProcessor(PluginSettings settings, EngineFactory engines, ResultSink sink, Reporter reporter) {
        this(settings, engines, sink, reporter, PluginMemory.ledger());
    }

    public LiveDeconvolutionProcessor(PluginSettings settings, EngineFactory engines, ResultSink sink, Reporter reporter,
                                      MemoryLedger ledger) {
        if (settings == null || engines == null || sink == null || reporter == null || ledger == null) {
            throw new IllegalArgumentException("settings, engine factory, result sink, reporter and memory ledger are required");
        }
        this.settings = settings;
        this.engines = engines;
        this.sink = sink;
        this.reporter = reporter;
        this.ledger = ledger;
    }

    @Override
    public SummaryMetadata processSummaryMetadata(SummaryMetadata source) {
        summary = source;
        return source;
    }

    /** Outputs {@code image} first, then hands its plane over; never throws because of deconvolution. */
    @Override
    public void processImage(Image image, ProcessorContext context) {
        context.outputImage(image);
        try {
            handOff(image, context);
        } catch (Throwable t) {
            fail("could not hand the image at " + image.getCoords() + " to the deconvolution", t);
            mode = Mode.PASS_THROUGH;
        }
    }

    /** Ends the acquisition for the engine and queues its closing; safe when nothing was started. */
    @Override
    public void cleanup(ProcessorContext context) {
        if (cleanedUp) return;
        cleanedUp = true;
        if (lifecycle == null) return;
        final boolean aborted = expected > 0 && delivered < expected;
        final long count = delivered;
        try {
            synchronized (engineLock) {
                if (engine != null) {
                    engine.finished(aborted, count);
                } else {
                    endPending = true;
                    endAborted = aborted;
                    endCount = count;
                }
            }
            lifecycle.execute(new Runnable() {
                @Override
                public void run() { close(); }
            });
        } catch (Throwable t) {
            fail("could not finish the deconvolution", t);
        } finally {
            lifecycle.shutdown();
        }
    }

    /** Waits until the work queued by {@link #cleanup} is done (for tests and shutdown); true when it is. */
    public boolean awaitFinished(long timeoutMs) throws InterruptedException {
        return lifecycle == null || lifecycle.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** What the processor decided for this acquisition's images, for tests and logs. */
    public String mode() { return mode.name(); }

    /** The most raw bytes that waited for the engine at once (reserved in the ledger), for tests and benchmarks. */
    public long peakWaitingBytes() {
        synchronized (engineLock) {
            return peakWaitingBytes;
        }
    }

    private void handOff(Image image, ProcessorContext context) {
        if (mode == Mode.PASS_THROUGH) return;
        if (mode == Mode.UNDECIDED) {
            mode = decide(image, context);
            if (mode != Mode.DECONVOLVE) return;
        }
        Coords c = image.getCoords();
        int slice = index(c, Coords.Z_SLICE);
        Double z = image.getMetadata() == null ? null : image.getMetadata().getZPositionUm();
        AcquiredPlane plane = new AcquiredPlane(
                new PlaneCoords(index(c, Coords.TIME_POINT), index(c, Coords.STAGE_POSITION), index(c, Coords.CHANNEL), slice),
                image.getRawPixels(), image.getWidth(), image.getHeight(),
                z != null ? z : slice * geometry.voxelSize().z(), System.nanoTime());
        delivered++;
        synchronized (engineLock) {
            if (engine != null) {
                engine.accept(plane);
            } else if (!engineFailed) {
                long bytes = MemoryLedger.bytesOf(plane.pixels());
                if (ledger.tryReserve(bytes)) {
                    waiting.add(plane);
                    waitingBytes += bytes;
                    peakWaitingBytes = Math.max(peakWaitingBytes, waitingBytes);
                } else {
                    waiting.add(plane.coords());
                }
            }
        }
    }

    private Mode decide(Image image, ProcessorContext context) {
        SummaryMetadata s = summary != null ? summary : context.getSummaryMetadata();
        Coords intended = s == null ? null : s.getIntendedDimensions();
        int zCount = intended == null ? 0 : Math.max(0, intended.getIndex(Coords.Z_SLICE));
        if (zCount <= 1) {
            reporter.log("no z-stack (intended z slices: " + zCount + "): images pass through");
            return Mode.PASS_THROUGH;
        }
        int bpp = image.getBytesPerPixel();
        if (image.getNumComponents() != 1 || (bpp != 1 && bpp != 2 && bpp != 4)) {
            fail("only single-component 8/16-bit or float images can be deconvolved, got " + image.getNumComponents()
                    + " components of " + image.getBytesPerComponent() + " bytes: images pass through", null);
            return Mode.PASS_THROUGH;
        }
        Double pixel = image.getMetadata() == null ? null : image.getMetadata().getPixelSizeUm();
        Double step = s.getZStepUm();
        if (pixel == null || !(pixel > 0) || step == null || !(Math.abs(step) > 0)) {
            fail("the acquisition needs a pixel size and a z step to be deconvolved, got pixel size " + pixel
                    + " µm and z step " + step + " µm: images pass through (calibrate the pixel size in Micro-Manager)", null);
            return Mode.PASS_THROUGH;
        }
        List<String> names = s.getChannelNameList() == null ? new ArrayList<String>() : new ArrayList<String>(s.getChannelNameList());
        geometry = new StackGeometry(zCount, VoxelSize.of(pixel, Math.abs(step)), names, nameOf(s), directoryOf(s));
        expected = 1;
        for (String axis : intended.getAxes()) expected *= Math.max(1, intended.getIndex(axis));
        lifecycle = Executors.newSingleThreadExecutor(new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "livedecon-lifecycle");
                t.setDaemon(true);
                return t;
            }
        });
        final StackGeometry g = geometry;
        final SummaryMetadata source = s;
        lifecycle.execute(new Runnable() {
            @Override
            public void run() { startEngine(g, source); }
        });
        reporter.log("deconvolving " + g + " with " + settings);
        return Mode.DECONVOLVE;
    }

    private void startEngine(StackGeometry g, SummaryMetadata source) {
        LiveDeconvolver e = null;
        try {
            sink.begin(g, source);
            e = engines.start(settings, g, new LiveResultSink() {
                @Override
                public void accept(LiveResult result) {
                    try {
                        if (result.status() == LiveResult.Status.FAILED) {
                            fail("deconvolution of the stack " + result.key() + " failed", result.error());
                        }
                        sink.accept(result);
                    } catch (Throwable t) {
                        fail("writing the deconvolved stack " + result.key() + " failed", t);
                    }
                }
            }, new LiveLog() {
                @Override
                public void warn(String message) { reporter.log(message); }

                @Override
                public void info(String message) { reporter.log(message); }
            }, ledger);
        } catch (Throwable t) {
            fail("deconvolution could not start for " + g + "; the raw images are not affected", t);
        }
        synchronized (engineLock) {
            // planes that waited go to the engine in arrival order; it reserves each one again
            for (Object w : waiting) {
                if (w instanceof AcquiredPlane) {
                    AcquiredPlane p = (AcquiredPlane) w;
                    ledger.release(MemoryLedger.bytesOf(p.pixels()));
                    if (e != null) e.accept(p);
                } else if (e != null) {
                    e.acceptShed((PlaneCoords) w);
                }
            }
            waiting.clear();
            waitingBytes = 0;
            if (e == null) {
                engineFailed = true;
            } else {
                engine = e;
                if (endPending) e.finished(endAborted, endCount);
            }
        }
    }

    private void close() {
        LiveDeconvolver e;
        synchronized (engineLock) {
            e = engine;
        }
        if (e == null) return;
        try {
            e.close();
        } catch (Throwable t) {
            fail("closing the deconvolution failed", t);
        }
        try {
            sink.end();
        } catch (Throwable t) {
            fail("closing the deconvolved output failed", t);
        }
    }

    private void fail(String message, Throwable cause) {
        if (errorReported.compareAndSet(false, true)) {
            reporter.error(message + (cause != null ? ": " + cause : ""), cause);
        } else {
            reporter.log(message + (cause != null ? ": " + cause : ""));
        }
    }

    /**
     * The acquisition's name: its prefix; for an unsaved acquisition without one, "Untitled" and the
     * time it started, so the result window can be matched with Micro-Manager's "Untitled-N" window.
     */
    private static String nameOf(SummaryMetadata s) {
        String p = s.getPrefix();
        if (p != null && !p.trim().isEmpty()) return p.trim();
        return "Untitled " + new SimpleDateFormat("HH:mm:ss").format(new Date());
    }

    /** The summary metadata's save directory, or null (not saved, or an MMStudio without it). */
    private static String directoryOf(SummaryMetadata s) {
        try {
            return s.getDirectory();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static int index(Coords c, String axis) {
        return c != null && c.hasAxis(axis) ? Math.max(0, c.getIndex(axis)) : 0;
    }
}
