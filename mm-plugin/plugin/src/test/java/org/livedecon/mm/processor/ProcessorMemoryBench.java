package org.livedecon.mm.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.live.LiveResult;
import org.livedecon.core.live.MemoryLedger;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.testing.FakePropertyMap;
import org.livedecon.mm.testing.Fakes;
import org.micromanager.data.Coords;
import org.micromanager.data.Image;
import org.micromanager.data.SummaryMetadata;

/**
 * Benchmark, not a unit test (the name matches no surefire pattern; run it by name):
 * {@code mvn -o verify -pl mm-plugin/plugin -am -Dtest=ProcessorMemoryBench -Dsurefire.failIfNoSpecifiedTests=false
 * -DargLine=-Xmx1g [-Dbench.stacks=500]}. A saved acquisition of {@code bench.stacks} stacks of
 * 64 x 256 x 256 16-bit planes through the real processor and engine (Wiener, CPU) into the fakes
 * (float refused as in 2.0.3: 16-bit results in the disk-backed result store). Each raw plane is a
 * new array, as Micro-Manager's are. The "camera" runs ahead of the engine by at most two stacks
 * ({@code -Dbench.camera=free}: as fast as it can, so the engine falls behind and the limit acts).
 * Prints the plugin's memory (ledger: raw planes held, waiting planes, queues; RAM results), the
 * heap after a full GC every 50 stacks, and the rate.
 */
class ProcessorMemoryBench {
    static final int NZ = 64, N = 256;
    static boolean paced;

    @Test
    void savedAcquisitionKeepsThePluginsMemoryBounded() throws Exception {
        int stacks = Integer.getInteger("bench.stacks", 500);
        paced = !"free".equals(System.getProperty("bench.camera"));
        Path dir = Files.createTempDirectory("livedecon-bench");
        try {
            run(stacks, dir);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static void run(int stacks, Path dir) throws Exception {
        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        long maxHeap = Runtime.getRuntime().maxMemory();
        MemoryLedger ledger = new MemoryLedger(PluginMemory.defaultLimitBytes(maxHeap));
        ResultMemory ram = new ResultMemory(ledger, ledger.limitBytes() / 2);
        Fakes.Studio studio = new Fakes.Studio(Fakes.FloatImages.REFUSED_AS_2_0_3);
        final AtomicInteger results = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        Reporter reporter = new StudioReporter(studio);
        ResultSink counted = new ResultSink() {
            final DatastoreResultSink display = new DatastoreResultSink(studio, FakePropertyMap::builder, ram, reporter);

            @Override public void begin(StackGeometry g, SummaryMetadata s) throws Exception { display.begin(g, s); }
            @Override public void accept(LiveResult r) throws Exception {
                display.accept(r);
                if (r.status() == LiveResult.Status.DONE) done.incrementAndGet();
                results.incrementAndGet();
            }
            @Override public void end() throws Exception { display.end(); }
        };
        PluginSettings settings = PluginSettings.builder().algorithm(Algorithm.WIENER).background(Background.none()).device("cpu").build();
        LiveDeconvolutionProcessor p = new LiveDeconvolutionProcessor(settings, new DefaultEngineFactory(), counted, reporter, ledger);
        SummaryMetadata summary = Fakes.acquisitionSummary(Fakes.realCoords(stacks, 1, 1, NZ), 0.25, "bench", dir.toString(), "GFP");
        Fakes.Context ctx = new Fakes.Context(summary);
        p.processSummaryMetadata(summary);

        short[] template = new short[N * N];
        Random rnd = new Random(1);
        for (int i = 0; i < template.length; i++) template[i] = (short) (100 + rnd.nextInt(50));
        for (int b = 0; b < 200; b++) {
            int x = 4 + rnd.nextInt(N - 8), y = 4 + rnd.nextInt(N - 8);
            for (int dy = -2; dy <= 2; dy++) for (int dx = -2; dx <= 2; dx++) template[(y + dy) * N + x + dx] += 2000 / (1 + dx * dx + dy * dy);
        }
        final AtomicLong peakHeapSampled = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long u = heap.getHeapMemoryUsage().getUsed();
                peakHeapSampled.accumulateAndGet(u, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        List<String> afterGc = new ArrayList<String>();
        long t0 = System.nanoTime();
        for (int t = 0; t < stacks; t++) {
            // the camera runs at most two stacks ahead; -Dbench.camera=free: as fast as it can (the engine falls behind)
            while (paced && results.get() < t - 2) Thread.sleep(1);
            for (int z = 0; z < NZ; z++) {
                short[] px = template.clone();
                px[z] += (short) t;
                Coords c = Fakes.realCoords(t, 0, 0, z);
                p.processImage(Fakes.image(px, N, N, c, 0.1, z * 0.25), ctx);
            }
            ctx.out.clear(); // Micro-Manager's raw datastore is not the plugin's memory
            if ((t + 1) % 50 == 0) {
                System.gc();
                afterGc.add(String.format(Locale.ROOT, "%d:%d", t + 1, heap.getHeapMemoryUsage().getUsed() >> 20));
            }
        }
        p.cleanup(ctx);
        assertTrue(p.awaitFinished(3_600_000L));
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        Fakes.Datastore store = studio.data.stores.get(0);
        System.out.println(String.format(Locale.ROOT,
                "BENCH camera %s, stacks=%d of %dx%dx%d 16-bit (%.1f GiB raw), done=%d, %.1f s, %.2f stacks/s; max heap %d MiB; "
                        + "ledger limit %d MiB, ledger peak %d MiB (raw planes + waiting + queues), waiting-for-engine peak %d MiB, "
                        + "RAM results %d MiB (disk-backed store: %s, %d images), sampled heap peak %d MiB, heap after GC (stack:MiB) %s",
                paced ? "paced to the engine" : "free", stacks, NZ, N, N, stacks * (double) NZ * N * N * 2 / (1L << 30), done.get(), seconds, stacks / seconds,
                maxHeap >> 20, ledger.limitBytes() >> 20, ledger.peakBytes() >> 20, p.peakWaitingBytes() >> 20,
                ram.heldBytes() >> 20, store instanceof Fakes.DiskDatastore, store.getNumImages(), peakHeapSampled.get() >> 20, afterGc));
        System.out.println("BENCH skipped (memory limit) " + (stacks - done.get()));
        assertEquals(stacks, results.get(), studio.logs.all());
        assertTrue(ledger.peakBytes() <= ledger.limitBytes(), ledger.toString());
        assertEquals(0, ledger.heldBytes(), ledger.toString());
    }
}
