package org.livedecon.mm.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.AcquisitionOrder;
import org.livedecon.core.acquisition.PlaneSink;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.IntensityNormalisation;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.io.TiffStack;
import org.livedecon.core.live.ChannelSetup;
import org.livedecon.core.live.LiveDeconvolver;
import org.livedecon.core.live.LiveLog;
import org.livedecon.core.live.LiveResultSink;
import org.livedecon.core.live.LiveResources;
import org.livedecon.core.live.LiveSettings;
import org.livedecon.core.live.MemoryLedger;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;
import org.livedecon.mm.settings.ChannelPsf;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.testing.FakePropertyMap;
import org.livedecon.mm.testing.Fakes;
import org.livedecon.sim.BeadSample;
import org.livedecon.sim.CameraModel;
import org.livedecon.sim.SimulatedMicroscope;
import org.livedecon.sim.acquisition.Acquisition;
import org.livedecon.sim.acquisition.AcquisitionRunner;
import org.livedecon.sim.acquisition.AcquisitionSettings;
import org.livedecon.sim.acquisition.ChannelSelector;
import org.micromanager.data.Coords;
import org.micromanager.data.Image;
import org.micromanager.data.Metadata;
import org.micromanager.data.ProcessorContext;
import org.micromanager.data.SummaryMetadata;

/**
 * The real {@link LiveDeconvolutionProcessor}, made by {@link LiveDeconvolutionFactory} like in
 * Micro-Manager, fed on the simulator's acquisition thread with images of
 * {@link AcquisitionRunner}, writing into fakes of MMStudio's data, display and log managers.
 */
class ProcessorEndToEndTest {
    static final int NZ = 8, N = 64;
    static final double PIXEL_UM = 0.1, STEP_UM = 0.25;
    static final VoxelSize VOXEL = VoxelSize.of(PIXEL_UM, STEP_UM);
    static final String PREFIX = "cells_1";

    /** Accelerated RL x3 on the CPU backend, the default theoretical PSF (Born & Wolf NA 1.4, 0.52 µm). */
    static final PluginSettings RL = PluginSettings.builder().algorithm(Algorithm.ACCELERATED_RL).iterations(3)
            .background(Background.auto()).device("cpu").build();
    static final PluginSettings WIENER = RL.toBuilder().algorithm(Algorithm.WIENER).build();

    static SimulatedMicroscope scope(String... channels) {
        SimulatedMicroscope.Builder b = SimulatedMicroscope.builder()
                .sample(BeadSample.builder().count(12).photonsPerSecond(4e5).seed(7).build())
                .camera(CameraModel.builder().sensor(N, N).build()).pixelSizeUm(PIXEL_UM).zStepUm(STEP_UM)
                .sampleThicknessUm(NZ * STEP_UM).seed(11).realTime(false);
        double[] emission = {0.52, 0.61, 0.45};
        for (int c = 0; c < channels.length; c++) b.channel(channels[c], emission[c]);
        return b.build();
    }

    /** One acquisition through the processor: what went in, what came out, and the fakes. */
    static final class Run {
        final Fakes.Studio studio;
        final List<Image> in = Collections.synchronizedList(new ArrayList<Image>());
        final List<Image> out = Collections.synchronizedList(new ArrayList<Image>());
        final List<String> problems = Collections.synchronizedList(new ArrayList<String>());
        final Set<Object> released = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<Object, Boolean>()));
        volatile String acquisitionThread;
        LiveDeconvolutionProcessor processor;
        SummaryMetadata source;

        Run(Fakes.FloatImages floats) { studio = new Fakes.Studio(floats); }

        Fakes.Datastore store() {
            assertEquals(1, studio.data.stores.size(), "result datastores: " + studio.logs.all());
            return studio.data.stores.get(0);
        }

        /**
         * Result pixels by "t p c" key, z-ordered, as float: float images as they are, 16-bit ones
         * (where Micro-Manager refuses float) decoded with their user data's scale and offset.
         */
        Map<String, float[][]> results() throws Exception {
            Map<String, float[][]> m = new TreeMap<String, float[][]>();
            for (Image im : store().images()) {
                Coords c = im.getCoords();
                String key = c.getT() + " " + c.getP() + " " + c.getC();
                float[][] planes = m.get(key);
                if (planes == null) m.put(key, planes = new float[NZ][]);
                assertEquals(null, planes[c.getZ()], "duplicate result plane " + c);
                planes[c.getZ()] = decode(im, studio.data.floats);
            }
            return m;
        }

        /** Largest decoding error of a 16-bit result (its scale / 2), 0 for float results. */
        double quantum(String tpc) throws Exception {
            double q = 0;
            for (Image im : store().images()) {
                Coords c = im.getCoords();
                if (!(c.getT() + " " + c.getP() + " " + c.getC()).equals(tpc)) continue;
                if (im.getBytesPerPixel() == 2) q = Math.max(q, im.getMetadata().getUserData().getDouble(ScaledPixels.SCALE_KEY, Double.NaN) / 2);
            }
            return q;
        }
    }

    /** The float values of a result image; float images where accepted, else 16-bit with scale and offset. */
    static float[] decode(Image im, Fakes.FloatImages floats) {
        String encoding = im.getMetadata().getUserData().getString(ScaledPixels.ENCODING_KEY, "");
        if (floats == Fakes.FloatImages.ACCEPTED) {
            assertEquals(4, im.getBytesPerPixel(), "float images where Micro-Manager takes them");
            assertEquals(ScaledPixels.FLOAT, encoding);
            return (float[]) im.getRawPixels();
        }
        assertEquals(2, im.getBytesPerPixel(), "16-bit images where Micro-Manager refuses float");
        assertEquals(ScaledPixels.SCALED_16, encoding);
        assertEquals(Integer.valueOf(16), im.getMetadata().getBitDepth());
        double scale = im.getMetadata().getUserData().getDouble(ScaledPixels.SCALE_KEY, Double.NaN);
        double offset = im.getMetadata().getUserData().getDouble(ScaledPixels.OFFSET_KEY, Double.NaN);
        assertTrue(scale > 0 && !Double.isNaN(offset), "scale " + scale + ", offset " + offset);
        short[] v = (short[]) im.getRawPixels();
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) (offset + scale * (v[i] & 0xffff));
        return f;
    }

    /**
     * Runs {@code acq} on the simulator; its planes go (as fake images) to a processor made by
     * {@code processors}, on the acquisition thread; only the first {@code forward} planes (an
     * aborted acquisition in Micro-Manager's eyes), then cleanup.
     */
    static Run run(final PluginSettings settings, EngineFactory engines, SimulatedMicroscope scope, AcquisitionSettings acq,
                   final int forward, String directory, Coords intended, Fakes.FloatImages floats) throws Exception {
        final Run r = new Run(floats);
        final SummaryMetadata summary = summary(intended, acq.channels(), directory);
        r.source = summary;
        if (engines == null) {
            r.processor = (LiveDeconvolutionProcessor) new LiveDeconvolutionFactory(settings, r.studio, FakePropertyMap::builder)
                    .createProcessor();
        } else {
            Reporter reporter = new StudioReporter(r.studio);
            r.processor = new LiveDeconvolutionProcessor(settings, engines,
                    new DatastoreResultSink(r.studio, FakePropertyMap::builder, PluginMemory.results(), reporter), reporter);
        }
        final ProcessorContext ctx = new ProcessorContext() {
            @Override
            public void outputImage(Image image) {
                r.released.add(image);
                r.out.add(image);
            }

            @Override
            public SummaryMetadata getSummaryMetadata() { return summary; }
        };
        assertSame(summary, r.processor.processSummaryMetadata(summary));
        final SimulatedMicroscope s = scope;
        Acquisition a = new AcquisitionRunner(null, new ChannelSelector() {
            @Override
            public void selectChannel(int channel, String name) throws org.livedecon.core.hardware.HardwareException {
                s.selectChannel(channel);
            }
        }).start(scope, acq, new PlaneSink() {
            int count;

            @Override
            public void accept(AcquiredPlane plane) {
                r.acquisitionThread = Thread.currentThread().getName();
                if (count++ >= forward) return;
                Image im = trackedImage(plane, r);
                r.in.add(im);
                r.processor.processImage(im, ctx);
                if (r.out.isEmpty() || r.out.get(r.out.size() - 1) != im) r.problems.add("not output by processImage: " + plane);
            }

            @Override
            public void finished(boolean aborted, long delivered) {
                r.processor.cleanup(ctx);
            }
        });
        assertTrue(a.awaitCompletion(60, TimeUnit.SECONDS), "acquisition did not end");
        assertTrue(r.processor.awaitFinished(120_000), "deconvolution did not finish");
        SwingUtilities.invokeAndWait(new Runnable() {
            @Override
            public void run() { } // the display is created on the event thread
        });
        return r;
    }

    /** An image of the plane whose every method notes a problem when called before the processor output it. */
    static Image trackedImage(AcquiredPlane p, final Run r) {
        Map<String, Object> m = new HashMap<String, Object>();
        m.put("getPixelSizeUm", PIXEL_UM);
        m.put("getZPositionUm", p.zUm());
        Metadata meta = Fakes.proxy(Metadata.class, m);
        Coords c = Fakes.realCoords(p.coords().time(), p.coords().position(), p.coords().channel(), p.coords().slice());
        final Image plain = Fakes.image(p.pixels(), p.width(), p.height(), p.pixels() instanceof short[] ? 2 : 1, c, meta);
        return (Image) Proxy.newProxyInstance(Image.class.getClassLoader(), new Class<?>[] {Image.class}, new InvocationHandler() {
            @Override
            public Object invoke(Object self, Method method, Object[] args) throws Exception {
                String n = method.getName();
                if (n.equals("hashCode")) return System.identityHashCode(self);
                if (n.equals("equals")) return self == args[0];
                if (!r.released.contains(self)) r.problems.add(n + " called before the image was output");
                return method.invoke(plain, args);
            }
        });
    }

    static SummaryMetadata summary(Coords intended, List<String> channels, String directory) {
        return Fakes.acquisitionSummary(intended, STEP_UM, PREFIX, directory, channels.toArray(new String[0]));
    }

    /** The result summary is the source's (channel group, axis order, intended dimensions, z step) with new names. */
    static void assertResultSummaryFollowsTheSource(SummaryMetadata source, SummaryMetadata result, Fakes.FloatImages floats) {
        assertEquals("Channel", source.getChannelGroup());
        assertEquals(source.getChannelGroup(), result.getChannelGroup(), "channel group");
        assertEquals(source.getOrderedAxes(), result.getOrderedAxes(), "axis order");
        assertEquals(source.getIntendedDimensions(), result.getIntendedDimensions(), "intended dimensions");
        assertEquals(source.getZStepUm(), result.getZStepUm(), "z step");
        assertEquals(PREFIX + " (deconvolved)", result.getPrefix());
        assertEquals(source.getChannelNameList().size(), result.getChannelNameList().size());
        for (int c = 0; c < source.getChannelNameList().size(); c++) {
            assertEquals(source.getChannelNameList().get(c) + " (deconvolved)", result.getChannelNameList().get(c));
        }
        assertEquals("test", result.getUserData().getString("operator", null), "the source's user data is kept");
        assertEquals(floats == Fakes.FloatImages.ACCEPTED ? ScaledPixels.FLOAT : ScaledPixels.SCALED_16,
                result.getUserData().getString(ScaledPixels.ENCODING_KEY, null), "the pixel encoding is recorded");
    }

    static AcquisitionSettings.Builder acquisition(SimulatedMicroscope scope, int times, String... channels) {
        return AcquisitionSettings.builder().timePoints(times).channels(channels)
                .zStack(scope.focusForPlane(0), STEP_UM, NZ).framesPerSecond(0);
    }

    /**
     * processing-core run directly as the live engine and the command line run it: the stack seen from
     * its darkest voxel up ({@link IntensityNormalisation}), deconvolved, and brought back.
     */
    static Volume asTheEngineDoes(DeconvolutionSettings s, Backend backend, Volume stack, Psf psf) {
        IntensityNormalisation n = IntensityNormalisation.of(stack, s.background());
        return n.undo(Deconvolvers.create(n.apply(s), backend).deconvolve(n.apply(stack), psf, ProgressListener.NONE))
                .volume();
    }

    static Coords intended(int t, int c, int z) { return Fakes.realCoords(t, 1, c, z); }

    static void assertRawOutputIdenticalAndInOrder(Run r, int expected) {
        assertEquals(Collections.emptyList(), r.problems, "every image is output first, before anything reads it");
        assertEquals(expected, r.in.size());
        assertEquals(r.in.size(), r.out.size());
        for (int i = 0; i < r.in.size(); i++) assertSame(r.in.get(i), r.out.get(i), "raw image " + i);
    }

    /** Accelerated RL x3 with both float behaviours; the settings a new user starts with (rl-wb) as 2.0.3 does. */
    static Stream<Arguments> engineCases() {
        return Stream.of(Arguments.of(RL, Fakes.FloatImages.REFUSED_AS_2_0_3), Arguments.of(RL, Fakes.FloatImages.ACCEPTED),
                Arguments.of(PluginSettings.defaults().toBuilder().device("cpu").build(), Fakes.FloatImages.REFUSED_AS_2_0_3));
    }

    @ParameterizedTest
    @MethodSource("engineCases")
    void rawImagesFirstAndUnchangedOneResultPerStackEqualToTheEngineRunDirectly(PluginSettings settings,
            Fakes.FloatImages floats) throws Exception {
        SimulatedMicroscope scope = scope("GFP", "mCherry");
        Run r = run(settings, null, scope, acquisition(scope, 2, "GFP", "mCherry").build(), Integer.MAX_VALUE, null,
                intended(2, 2, NZ), floats);

        assertRawOutputIdenticalAndInOrder(r, 2 * 2 * NZ);
        assertEquals("DECONVOLVE", r.processor.mode());
        assertEquals(Collections.emptyList(), r.studio.data.problems, "what Micro-Manager needs");
        Fakes.Datastore store = r.store();
        assertEquals(PREFIX + " (deconvolved)", store.name);
        assertEquals("setName " + PREFIX + " (deconvolved)", store.events.get(0));
        assertEquals("setSummaryMetadata", store.events.get(1), "summary metadata before the first image");
        assertEquals("freeze", store.events.get(store.events.size() - 1));
        assertEquals(java.util.Arrays.asList("GFP (deconvolved)", "mCherry (deconvolved)"), store.summary.getChannelNameList());
        assertResultSummaryFollowsTheSource(r.source, store.summary, floats);
        String log = r.studio.logs.all();
        assertTrue(log.contains("go to the window '" + PREFIX + " (deconvolved)', in memory"), "where the results go: " + log);
        assertEquals(1, r.studio.displays.shown.size(), "one display per acquisition");
        assertSame(store, r.studio.displays.shown.get(0));
        assertFalse(store.putThreads.contains(r.acquisitionThread), "results written on " + store.putThreads);

        Map<String, float[][]> results = r.results();
        assertEquals(new HashSet<String>(java.util.Arrays.asList("0 0 0", "0 0 1", "1 0 0", "1 0 1")), results.keySet());
        assertEquals(2 * 2 * NZ, store.getNumImages(), "exactly one result stack per (t, c, p)");
        assertTrue(r.studio.logs.shown.isEmpty(), r.studio.logs.all());

        // the same stacks, deconvolved by processing-core directly with the same settings and PSF
        Psf psf = DefaultEngineFactory.psf(settings.defaultPsf(), VOXEL);
        try (Backend cpu = new CpuBackend(Runtime.getRuntime().availableProcessors())) {
            for (int t = 0; t < 2; t++) {
                for (int c = 0; c < 2; c++) {
                    List<Object> planes = new ArrayList<Object>();
                    for (Image im : r.in) {
                        if (im.getCoords().getT() == t && im.getCoords().getC() == c) planes.add(im.getRawPixels());
                    }
                    Volume direct = asTheEngineDoes(settings.deconvolution(), cpu, Volume.fromPlanes(planes, N, N, VOXEL), psf);
                    float[][] live = results.get(t + " 0 " + c);
                    double maxDiff = 0, max = 0;
                    for (int z = 0; z < NZ; z++) {
                        float[] d = direct.plane(z);
                        assertEquals(N * N, live[z].length);
                        for (int i = 0; i < d.length; i++) {
                            maxDiff = Math.max(maxDiff, Math.abs(d[i] - live[z][i]));
                            max = Math.max(max, Math.abs(d[i]));
                        }
                    }
                    assertTrue(max > 0, "a deconvolved stack is not empty");
                    // 16-bit results: value * scale + offset within 1/65535 of the stack's maximum
                    double allowed = 1e-5 * max + (floats == Fakes.FloatImages.ACCEPTED ? 0 : max / 65535);
                    assertTrue(maxDiff <= allowed, floats + " t=" + t + " c=" + c + ": max difference " + maxDiff + " of " + max);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fakes.FloatImages.class)
    void channelsFirstOrderGivesCompleteStacksPerChannel(Fakes.FloatImages floats) throws Exception {
        SimulatedMicroscope scope = scope("GFP", "mCherry");
        Run r = run(WIENER, null, scope, acquisition(scope, 1, "GFP", "mCherry").order(AcquisitionOrder.CHANNELS_FIRST).build(),
                Integer.MAX_VALUE, null, intended(1, 2, NZ), floats);

        assertRawOutputIdenticalAndInOrder(r, 2 * NZ);
        assertEquals(1, r.in.get(1).getCoords().getC(), "channels interleave");
        Map<String, float[][]> results = r.results();
        assertEquals(new HashSet<String>(java.util.Arrays.asList("0 0 0", "0 0 1")), results.keySet());
        for (float[][] planes : results.values()) for (float[] p : planes) assertNotNull(p, "every plane of every stack");
        assertTrue(r.studio.logs.shown.isEmpty(), r.studio.logs.all());
    }

    @ParameterizedTest
    @EnumSource(Fakes.FloatImages.class)
    void abortedAcquisitionReportsThePartialStack(Fakes.FloatImages floats) throws Exception {
        SimulatedMicroscope scope = scope("GFP");
        Run r = run(WIENER, null, scope, acquisition(scope, 2, "GFP").build(), NZ + 3, null, intended(2, 1, NZ), floats);

        assertRawOutputIdenticalAndInOrder(r, NZ + 3);
        Fakes.Datastore store = r.store();
        int complete = 0, partial = 0;
        for (Image im : store.images()) {
            if (im.getCoords().getT() == 0) complete++;
            else partial++;
        }
        assertEquals(NZ, complete);
        assertEquals(3, partial, "the partial stack is deconvolved as a 3-plane stack (PartialStacks.DECONVOLVE)");
        String log = r.studio.logs.all();
        assertTrue(log.contains("PARTIAL t=1 p=0 c=0") && log.contains("3 planes"), log);
        assertTrue(r.studio.logs.shown.isEmpty(), log);
        assertEquals("freeze", store.events.get(store.events.size() - 1));
    }

    @ParameterizedTest
    @EnumSource(Fakes.FloatImages.class)
    void liveModePlanesPassStraightThroughWithoutResults(Fakes.FloatImages floats) throws Exception {
        SimulatedMicroscope scope = scope("GFP");
        AcquisitionSettings snaps = AcquisitionSettings.builder().timePoints(5).channels("GFP")
                .zStack(scope.focusForPlane(3), STEP_UM, 1).framesPerSecond(0).build();
        Run r = run(WIENER, null, scope, snaps, Integer.MAX_VALUE, null, intended(5, 1, 1), floats);

        assertRawOutputIdenticalAndInOrder(r, 5);
        assertEquals("PASS_THROUGH", r.processor.mode());
        assertTrue(r.studio.data.stores.isEmpty(), "no result datastore for single planes");
        assertTrue(r.studio.displays.shown.isEmpty());
        assertTrue(r.studio.logs.shown.isEmpty() && r.studio.logs.errors.isEmpty(), r.studio.logs.all());
    }

    @ParameterizedTest
    @EnumSource(Fakes.FloatImages.class)
    void engineThatCannotStartIsReportedOnceAndRawImagesAllComeOut(Fakes.FloatImages floats) throws Exception {
        SimulatedMicroscope scope = scope("GFP");
        EngineFactory broken = new EngineFactory() {
            @Override
            public LiveDeconvolver start(PluginSettings s, StackGeometry g, LiveResultSink sink, LiveLog log, MemoryLedger ledger) {
                throw new IllegalArgumentException("PSF 'beads-60x' has no voxel size calibration (µm)");
            }
        };
        Run r = run(WIENER, broken, scope, acquisition(scope, 2, "GFP").build(), Integer.MAX_VALUE, null, intended(2, 1, NZ), floats);

        assertRawOutputIdenticalAndInOrder(r, 2 * NZ);
        assertEquals(1, r.studio.logs.shown.size(), r.studio.logs.all());
        assertTrue(r.studio.logs.shown.get(0).contains("PSF 'beads-60x' has no voxel size calibration"), r.studio.logs.all());
        assertEquals(0, r.store().getNumImages());
    }

    @ParameterizedTest
    @EnumSource(Fakes.FloatImages.class)
    void psfOfTheWrongVoxelSizeFailsEveryStackButIsShownOnce(Fakes.FloatImages floats) throws Exception {
        SimulatedMicroscope scope = scope("GFP");
        EngineFactory wrongPsf = new EngineFactory() {
            @Override
            public LiveDeconvolver start(PluginSettings s, StackGeometry g, LiveResultSink sink, LiveLog log, MemoryLedger ledger) {
                Psf psf = GaussianPsf.of(Shape.of(9, 9, 5), VoxelSize.of(0.2, 0.5), 1, 1, 1);
                return new LiveDeconvolver(LiveSettings.builder().streamingWiener(false).build(),
                        LiveResources.builder().zPlanes(g.zPlanes()).voxelSize(g.voxelSize())
                        .defaultChannel(new ChannelSetup(psf, s.deconvolution())).log(log).build(), sink);
            }
        };
        Run r = run(RL, wrongPsf, scope, acquisition(scope, 2, "GFP").build(), Integer.MAX_VALUE, null, intended(2, 1, NZ), floats);

        assertRawOutputIdenticalAndInOrder(r, 2 * NZ);
        assertEquals(1, r.studio.logs.shown.size(), r.studio.logs.all());
        assertTrue(r.studio.logs.shown.get(0).contains("voxel size"), r.studio.logs.all());
        long failedLines = r.studio.logs.messages.stream().filter(m -> m.contains("FAILED t=")).count();
        assertEquals(2, failedLines, "each failed stack is logged: " + r.studio.logs.all());
        assertEquals(0, r.store().getNumImages());
    }

    @ParameterizedTest
    @EnumSource(Fakes.FloatImages.class)
    void savingWritesOneCalibratedFloatTiffPerStackBesideTheAcquisition(Fakes.FloatImages floats, @TempDir Path dir) throws Exception {
        SimulatedMicroscope scope = scope("GFP", "mCherry");
        PluginSettings save = WIENER.toBuilder().output(PluginSettings.Output.DISPLAY_AND_SAVE).build();
        Run r = run(save, null, scope, acquisition(scope, 2, "GFP", "mCherry").build(), Integer.MAX_VALUE, dir.toString(),
                intended(2, 2, NZ), floats);

        assertRawOutputIdenticalAndInOrder(r, 2 * 2 * NZ);
        Path folder = dir.resolve(PREFIX + "-deconvolved");
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.sorted().collect(Collectors.toList());
        }
        assertEquals(4, files.size(), "files: " + files);
        assertTrue(r.store() instanceof Fakes.DiskDatastore, "a saved acquisition gets a disk-backed result store");
        assertEquals(dir.resolve(PREFIX + " (deconvolved)").toFile(), ((Fakes.DiskDatastore) r.store()).dir);
        assertEquals(Collections.emptyList(), r.studio.data.problems, "what Micro-Manager needs");
        assertResultSummaryFollowsTheSource(r.source, r.store().summary, floats);
        assertTrue(r.studio.logs.all().contains("saved in " + dir.resolve(PREFIX + " (deconvolved)")), r.studio.logs.all());
        Map<String, float[][]> results = r.results();
        for (int t = 0; t < 2; t++) {
            for (int c = 0; c < 2; c++) {
                Path f = folder.resolve(String.format("%s_t%04d_p000_c%02d.tif", PREFIX, t, c));
                assertTrue(files.contains(f), f + " in " + files);
                TiffStack tiff = TiffReader.read(f, 0, 0);
                assertEquals(32, tiff.bitDepth());
                assertTrue(tiff.calibrated());
                assertEquals(Shape.of(N, N, NZ), tiff.volume().shape());
                assertEquals(PIXEL_UM, tiff.volume().voxelSize().x(), 1e-6);
                assertEquals(STEP_UM, tiff.volume().voxelSize().z(), 1e-6);
                float[][] shown = results.get(t + " 0 " + c);
                double quantum = r.quantum(t + " 0 " + c);
                assertEquals(floats == Fakes.FloatImages.ACCEPTED, quantum == 0);
                for (int z = 0; z < NZ; z++) {
                    float[] saved = tiff.volume().plane(z);
                    for (int i = 0; i < saved.length; i++) {
                        assertEquals(saved[i], shown[z][i], quantum * 1.0001 + 1e-6 * Math.abs(saved[i]),
                                "saved (float) = displayed, t" + t + " c" + c + " z" + z);
                    }
                }
            }
        }
        assertTrue(r.studio.logs.shown.isEmpty(), r.studio.logs.all());
    }

    @ParameterizedTest
    @EnumSource(Fakes.FloatImages.class)
    void diskErrorIsLoggedOnceAndNothingElseStops(Fakes.FloatImages floats, @TempDir Path dir) throws Exception {
        Path notAFolder = Files.createFile(dir.resolve("occupied"));
        SimulatedMicroscope scope = scope("GFP");
        PluginSettings save = WIENER.toBuilder().output(PluginSettings.Output.DISPLAY_AND_SAVE).build();
        Run r = run(save, null, scope, acquisition(scope, 3, "GFP").build(), Integer.MAX_VALUE, notAFolder.toString(),
                intended(3, 1, NZ), floats);

        assertRawOutputIdenticalAndInOrder(r, 3 * NZ);
        assertEquals(3 * NZ, r.store().getNumImages(), "the display still gets every stack");
        long saveErrors = r.studio.logs.messages.stream().filter(m -> m.contains("failed: ")).count();
        assertEquals(1, saveErrors, r.studio.logs.all());
        assertTrue(r.studio.logs.messages.stream().anyMatch(m -> m.contains("3 deconvolved stacks could not be saved")),
                r.studio.logs.all());
        assertTrue(r.studio.logs.shown.isEmpty(), "a disk error is not a pop-up: " + r.studio.logs.all());
    }

    /**
     * PSFs by channel name, channels-first: the acquisition's channel order differs from the
     * settings', an index entry for channel 0 is ignored because channel 0 has a name, and a channel
     * missing from the settings (DAPI) gets the default PSF. Each result equals the stack
     * deconvolved directly with the PSF its name selects.
     */
    @ParameterizedTest
    @EnumSource(Fakes.FloatImages.class)
    void psfsAreChosenByChannelNameInAChannelsFirstAcquisitionWithAChannelMissingFromTheSettings(Fakes.FloatImages floats)
            throws Exception {
        ChannelPsf gfp = ChannelPsf.theoretical(org.livedecon.core.psf.model.PsfModel.BORN_WOLF, 1.4, 0.52, 1.515);
        ChannelPsf mcherry = ChannelPsf.theoretical(org.livedecon.core.psf.model.PsfModel.BORN_WOLF, 1.0, 0.61, 1.515);
        ChannelPsf fallback = ChannelPsf.theoretical(org.livedecon.core.psf.model.PsfModel.BORN_WOLF, 0.8, 0.45, 1.515);
        ChannelPsf byIndex = ChannelPsf.theoretical(org.livedecon.core.psf.model.PsfModel.BORN_WOLF, 0.5, 0.7, 1.515);
        PluginSettings named = RL.toBuilder().defaultPsf(fallback).channelPsf("GFP", gfp).channelPsf("mCherry", mcherry)
                .channelPsf(0, byIndex).build();
        SimulatedMicroscope scope = scope("mCherry", "GFP", "DAPI");
        Run r = run(named, null, scope, acquisition(scope, 1, "mCherry", "GFP", "DAPI").order(AcquisitionOrder.CHANNELS_FIRST).build(),
                Integer.MAX_VALUE, null, intended(1, 3, NZ), floats);

        assertRawOutputIdenticalAndInOrder(r, 3 * NZ);
        assertEquals(1, r.in.get(1).getCoords().getC(), "channels interleave");
        String log = r.studio.logs.all();
        assertTrue(log.contains("'DAPI': default") && log.contains("no PSF for this channel name"), log);
        Map<String, float[][]> results = r.results();
        ChannelPsf[] expected = {mcherry, gfp, fallback};
        try (Backend cpu = new CpuBackend(Runtime.getRuntime().availableProcessors())) {
            for (int c = 0; c < 3; c++) {
                List<Object> planes = new ArrayList<Object>();
                for (Image im : r.in) if (im.getCoords().getC() == c) planes.add(im.getRawPixels());
                Volume v = Volume.fromPlanes(planes, N, N, VOXEL);
                float[][] live = results.get("0 0 " + c);
                double[] diff = new double[2];
                for (int k = 0; k < 2; k++) {
                    ChannelPsf source = k == 0 ? expected[c] : byIndex;
                    Volume direct = asTheEngineDoes(named.deconvolution(), cpu, v, DefaultEngineFactory.psf(source, VOXEL));
                    double maxDiff = 0, max = 0;
                    for (int z = 0; z < NZ; z++) {
                        float[] d = direct.plane(z);
                        for (int i = 0; i < d.length; i++) {
                            maxDiff = Math.max(maxDiff, Math.abs(d[i] - live[z][i]));
                            max = Math.max(max, Math.abs(d[i]));
                        }
                    }
                    diff[k] = maxDiff / max;
                }
                double allowed = 1e-5 + (floats == Fakes.FloatImages.ACCEPTED ? 0 : 1.0 / 65535);
                assertTrue(diff[0] <= allowed, "channel " + c + " deconvolved with the PSF of its name: " + diff[0]);
                assertTrue(diff[1] > 100 * allowed, "channel " + c + " not with the index entry: " + diff[1]);
            }
        }
    }

    @Test
    void channelMappingUsesNamesAndTheIndexOnlyForChannelsWithoutOne() {
        ChannelPsf a = ChannelPsf.library("a"), b = ChannelPsf.library("b"), i1 = ChannelPsf.library("i1"), i3 = ChannelPsf.library("i3");
        PluginSettings s = RL.toBuilder().channelPsf("FITC", a).channelPsf("Cy5", b).channelPsf(1, i1).channelPsf(3, i3).build();
        StackGeometry g = new StackGeometry(NZ, VOXEL, java.util.Arrays.asList("Cy5", "DAPI", "FITC"), PREFIX);
        Map<Integer, ChannelPsf> m = DefaultEngineFactory.channelPsfs(s, g);
        assertEquals(b, m.get(0), "Cy5 by name");
        assertEquals(null, m.get(1), "DAPI has a name but no PSF: the default, not index entry 1");
        assertEquals(a, m.get(2), "FITC by name");
        assertEquals(i3, m.get(3), "channel 3 has no name: by index");
        assertEquals(s.defaultPsf(), s.psfFor(1, "DAPI"));
        assertEquals(i1, s.psfFor(1, null));
        assertEquals(i1, s.psfFor(1, " "));
    }
}
