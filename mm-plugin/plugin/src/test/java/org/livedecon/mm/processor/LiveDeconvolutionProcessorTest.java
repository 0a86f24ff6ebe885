package org.livedecon.mm.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.live.ChannelSetup;
import org.livedecon.core.live.LiveDeconvolver;
import org.livedecon.core.live.LiveLog;
import org.livedecon.core.live.LiveResult;
import org.livedecon.core.live.LiveResultSink;
import org.livedecon.core.live.LiveResources;
import org.livedecon.core.live.LiveSettings;
import org.livedecon.core.live.MemoryLedger;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.testing.FakePropertyMap;
import org.livedecon.mm.testing.Fakes;
import org.micromanager.data.Image;
import org.micromanager.data.SummaryMetadata;

/** Drives the real processor and live engine with fake MMStudio images. */
class LiveDeconvolutionProcessorTest {
    static final int W = 16, H = 12, Z = 5;

    static final PluginSettings SETTINGS = PluginSettings.builder().algorithm(Algorithm.WIENER).background(Background.none())
            .policy(org.livedecon.core.live.LivePolicy.ALL).build();

    /** Real engine, small Gaussian PSF (the library/theoretical lookup is bypassed). */
    static final class SmallEngines implements EngineFactory {
        final AtomicInteger started = new AtomicInteger();

        @Override
        public LiveDeconvolver start(PluginSettings s, StackGeometry g, LiveResultSink sink, LiveLog log, MemoryLedger ledger)
                throws Exception {
            started.incrementAndGet();
            ChannelSetup setup = new ChannelSetup(GaussianPsf.of(Shape.of(5, 5, 3), g.voxelSize(), 1, 1, 1), s.deconvolution());
            return new LiveDeconvolver(LiveSettings.builder().policy(s.policy()).backendThreads(2).build(),
                    LiveResources.builder().zPlanes(g.zPlanes()).voxelSize(g.voxelSize())
                    .defaultChannel(setup).log(log).memoryLedger(ledger).build(), sink);
        }
    }

    static final class Recorder implements ResultSink, Reporter {
        final List<LiveResult> results = Collections.synchronizedList(new ArrayList<LiveResult>());
        final List<String> errors = Collections.synchronizedList(new ArrayList<String>());
        volatile StackGeometry begun;
        volatile boolean ended;

        @Override public void begin(StackGeometry g, SummaryMetadata source) { begun = g; }
        @Override public void accept(LiveResult r) { results.add(r); }
        @Override public void end() { ended = true; }
        @Override public void log(String m) { }
        @Override public void error(String m, Throwable t) { errors.add(m); }
    }

    private static List<Image> planes(int times, int channels, boolean channelsFirst, boolean withZ) {
        Random rnd = new Random(42);
        List<Image> list = new ArrayList<Image>();
        for (int t = 0; t < times; t++) {
            for (int outer = 0; outer < (channelsFirst ? Z : channels); outer++) {
                for (int inner = 0; inner < (channelsFirst ? channels : Z); inner++) {
                    int c = channelsFirst ? inner : outer;
                    int z = channelsFirst ? outer : inner;
                    short[] px = new short[W * H];
                    for (int i = 0; i < px.length; i++) px[i] = (short) (100 + rnd.nextInt(1000));
                    list.add(Fakes.image(px, W, H, Fakes.coords(t, 0, c, withZ ? z : -1), 0.1, z * 0.3));
                }
            }
        }
        return list;
    }

    private static Fakes.Context run(LiveDeconvolutionProcessor p, List<Image> in, Fakes.Context ctx) throws Exception {
        p.processSummaryMetadata(ctx.summary);
        for (Image im : in) {
            int before = ctx.out.size();
            p.processImage(im, ctx);
            assertEquals(before + 1, ctx.out.size(), "the raw image must be output during processImage");
            assertSame(im, ctx.out.get(before), "the raw image must be output unchanged");
        }
        p.cleanup(ctx);
        assertTrue(p.awaitFinished(60000), "engine did not finish");
        return ctx;
    }

    @Test
    void rawImagesComeOutIdenticalInOrderAndOneResultPerStackChannelsFirst() throws Exception {
        Recorder r = new Recorder();
        SmallEngines engines = new SmallEngines();
        List<Image> in = planes(2, 2, true, true);
        Fakes.Context ctx = new Fakes.Context(Fakes.summary(Fakes.coords(2, 1, 2, Z), 0.3, "GFP", "RFP"));
        run(new LiveDeconvolutionProcessor(SETTINGS, engines, r, r), in, ctx);
        assertEquals(in, ctx.out);
        assertEquals(1, engines.started.get());
        assertEquals(4, r.results.size(), "one result per (t, c, p): " + r.results);
        for (LiveResult res : r.results) {
            assertEquals(LiveResult.Status.DONE, res.status(), res.toString());
            assertNotNull(res.volume());
            assertEquals(Z, res.volume().nz());
        }
        assertEquals("GFP", r.begun.channelName(0));
        assertEquals(0.3, r.begun.voxelSize().z(), 1e-12);
        assertTrue(r.ended);
        assertTrue(r.errors.isEmpty(), r.errors.toString());
    }

    @Test
    void abortedAcquisitionGivesPartialResultsAndKeepsRawOutput() throws Exception {
        Recorder r = new Recorder();
        List<Image> in = planes(1, 1, false, true).subList(0, 3);
        Fakes.Context ctx = new Fakes.Context(Fakes.summary(Fakes.coords(1, 1, 1, Z), 0.3, "GFP"));
        run(new LiveDeconvolutionProcessor(SETTINGS, new SmallEngines(), r, r), in, ctx);
        assertEquals(in, ctx.out);
        assertEquals(1, r.results.size(), r.results.toString());
        LiveResult.Status st = r.results.get(0).status();
        assertTrue(st == LiveResult.Status.PARTIAL || st == LiveResult.Status.PARTIAL_SKIPPED, st.toString());
    }

    @Test
    void snapAndLivePlanesPassStraightThrough() throws Exception {
        Recorder r = new Recorder();
        SmallEngines engines = new SmallEngines();
        List<Image> in = planes(3, 1, false, false).subList(0, 3);
        Fakes.Context ctx = new Fakes.Context(Fakes.summary(Fakes.coords(-1, -1, -1, -1), 0, "Live"));
        LiveDeconvolutionProcessor p = new LiveDeconvolutionProcessor(SETTINGS, engines, r, r);
        run(p, in, ctx);
        assertEquals(in, ctx.out);
        assertEquals("PASS_THROUGH", p.mode());
        assertEquals(0, engines.started.get());
        assertTrue(r.results.isEmpty() && r.errors.isEmpty());
    }

    @Test
    void cleanupWithoutImagesIsSafe() throws Exception {
        Recorder r = new Recorder();
        LiveDeconvolutionProcessor p = new LiveDeconvolutionProcessor(SETTINGS, new SmallEngines(), r, r);
        p.cleanup(new Fakes.Context(null));
        p.cleanup(new Fakes.Context(null));
        assertTrue(p.awaitFinished(1000));
    }

    @Test
    void deconvolutionFailureIsReportedOnceAndDoesNotTouchRawOutput() throws Exception {
        Recorder r = new Recorder();
        EngineFactory bad = new EngineFactory() {
            @Override
            public LiveDeconvolver start(PluginSettings s, StackGeometry g, LiveResultSink sink, LiveLog log, MemoryLedger ledger)
                    throws Exception {
                throw new IllegalArgumentException("no PSF named 'missing' in the PSF library");
            }
        };
        List<Image> in = planes(2, 2, false, true);
        Fakes.Context ctx = new Fakes.Context(Fakes.summary(Fakes.coords(2, 1, 2, Z), 0.3, "GFP", "RFP"));
        run(new LiveDeconvolutionProcessor(SETTINGS, bad, r, r), in, ctx);
        assertEquals(in, ctx.out);
        assertEquals(1, r.errors.size(), r.errors.toString());
        assertTrue(r.errors.get(0).contains("missing"), r.errors.get(0));
        assertTrue(r.results.isEmpty());
    }

    @Test
    void planesWaitingForASlowEngineStartAreBoundedByTheLedgerAndTheirStacksReportedSkipped() throws Exception {
        Recorder r = new Recorder();
        final java.util.concurrent.CountDownLatch psfsReady = new java.util.concurrent.CountDownLatch(1);
        final SmallEngines small = new SmallEngines();
        EngineFactory slow = new EngineFactory() {
            @Override
            public LiveDeconvolver start(PluginSettings s, StackGeometry g, LiveResultSink sink, LiveLog log, MemoryLedger ledger)
                    throws Exception {
                assertTrue(psfsReady.await(60, java.util.concurrent.TimeUnit.SECONDS));
                return small.start(s, g, sink, log, ledger);
            }
        };
        long plane = 2L * W * H;
        MemoryLedger ledger = new MemoryLedger(3 * plane);
        List<Image> in = planes(2, 1, false, true);
        Fakes.Context ctx = new Fakes.Context(Fakes.summary(Fakes.coords(2, 1, 1, Z), 0.3, "GFP"));
        LiveDeconvolutionProcessor p = new LiveDeconvolutionProcessor(SETTINGS, slow, r, r, ledger);
        p.processSummaryMetadata(ctx.summary);
        for (Image im : in) p.processImage(im, ctx);
        assertEquals(in, ctx.out, "raw images out, unchanged, while the engine is not ready");
        assertEquals(3 * plane, ledger.heldBytes(), "only what the ledger allows waits");
        psfsReady.countDown();
        p.cleanup(ctx);
        assertTrue(p.awaitFinished(60000));
        assertEquals(3 * plane, p.peakWaitingBytes());
        assertTrue(ledger.peakBytes() <= ledger.limitBytes(), ledger.toString());
        assertEquals(0, ledger.heldBytes(), "everything given back: " + ledger);
        assertEquals(2, r.results.size(), r.results.toString());
        for (LiveResult res : r.results) assertEquals(LiveResult.Status.SKIPPED, res.status(), res.toString());
    }

    /**
     * Micro-Manager's "Process Old Data" replays a saved dataset through the pipeline as fast as it
     * can read it. Every stack gets exactly one result under every policy; ALL and ADAPTIVE
     * deconvolve every stack (ADAPTIVE possibly with fewer iterations); LATEST, by design, keeps
     * only the newest waiting stack per channel, so the last time point of each channel is always
     * deconvolved and older ones may be skipped (the README says to use ALL for old data).
     */
    @Test
    void processOldDataReplaysEveryStackUnderEveryPolicy() throws Exception {
        for (org.livedecon.core.live.LivePolicy policy : org.livedecon.core.live.LivePolicy.values()) {
            Recorder r = new Recorder();
            PluginSettings s = SETTINGS.toBuilder().algorithm(Algorithm.RICHARDSON_LUCY).iterations(5).policy(policy).build();
            List<Image> saved = planes(6, 2, false, true);
            Fakes.Context ctx = new Fakes.Context(Fakes.summary(Fakes.coords(6, 1, 2, Z), 0.3, "GFP", "RFP"));
            run(new LiveDeconvolutionProcessor(s, new SmallEngines(), r, r), saved, ctx);
            assertEquals(saved, ctx.out, policy + ": every raw image passes unchanged");
            assertEquals(12, r.results.size(), policy + ": one result per stack: " + r.results);
            java.util.Set<String> keys = new java.util.HashSet<String>();
            for (LiveResult res : r.results) keys.add(res.key().time() + "/" + res.key().channel());
            assertEquals(12, keys.size(), policy + ": no stack twice: " + r.results);
            for (LiveResult res : r.results) {
                boolean newest = res.key().time() == 5;
                if (policy != org.livedecon.core.live.LivePolicy.LATEST || newest) {
                    assertEquals(LiveResult.Status.DONE, res.status(), policy + ": " + res);
                    assertNotNull(res.volume());
                } else {
                    assertTrue(res.status() == LiveResult.Status.DONE || res.status() == LiveResult.Status.SKIPPED, res.toString());
                }
            }
            assertTrue(r.errors.isEmpty(), r.errors.toString());
        }
    }

    @Test
    void ramResultsStopAtTheirCapWhichIsSaidOnceAndEverythingElseGoesOn() throws Exception {
        Fakes.Studio studio = new Fakes.Studio(Fakes.FloatImages.REFUSED_AS_2_0_3);
        long stack16 = 2L * W * H * Z;
        MemoryLedger ledger = new MemoryLedger(1L << 20);
        ResultMemory ram = new ResultMemory(ledger, 2 * stack16 + stack16 / 2);
        Reporter reporter = new StudioReporter(studio);
        DatastoreResultSink sink = new DatastoreResultSink(studio, FakePropertyMap::builder, ram, reporter);
        List<Image> in = planes(4, 1, false, true);
        SummaryMetadata summary = Fakes.acquisitionSummary(Fakes.realCoords(4, 1, 1, Z), 0.3, null, null, "GFP");
        Fakes.Context ctx = new Fakes.Context(summary);
        run(new LiveDeconvolutionProcessor(SETTINGS, new SmallEngines(), sink, reporter, ledger), in, ctx);
        assertEquals(in, ctx.out);
        Fakes.Datastore store = studio.data.stores.get(0);
        assertTrue(store.name.startsWith("Untitled ") && store.name.endsWith(" (deconvolved)"),
                "an acquisition without a prefix is named after Micro-Manager's Untitled window and its start: " + store.name);
        assertEquals(2 * Z, store.getNumImages(), "two stacks fit under the cap: " + studio.logs.all());
        assertEquals(2 * stack16, ram.heldBytes());
        assertEquals(ram.heldBytes(), ledger.heldBytes(), "RAM results are in the plugin's one ledger");
        assertEquals(1, studio.logs.shown.size(), "said once: " + studio.logs.all());
        assertTrue(studio.logs.shown.get(0).contains("is full") && studio.logs.shown.get(0).contains("not shown"),
                studio.logs.shown.get(0));
        String log = studio.logs.all();
        assertTrue(log.contains("in memory") && log.contains("2 not shown"), log);
        assertEquals(Collections.emptyList(), studio.data.problems);
    }
}
