package org.livedecon.mm.processor;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;
import org.livedecon.core.live.LiveResult;
import org.livedecon.core.volume.Volume;
import org.micromanager.PropertyMap;
import org.micromanager.Studio;
import org.micromanager.data.Coords;
import org.micromanager.data.DataManager;
import org.micromanager.data.Datastore;
import org.micromanager.data.Image;
import org.micromanager.data.Metadata;
import org.micromanager.data.SummaryMetadata;

/**
 * Puts the deconvolved stacks of one acquisition into a Micro-Manager datastore shown in its own
 * window, "NAME (deconvolved)", NAME being the raw acquisition's.
 *
 * <p><b>Where.</b> A saved acquisition (its summary names a directory) gets a disk-backed store,
 * Micro-Manager's multipage TIFF storage, in {@code <directory>/NAME (deconvolved)} beside the
 * acquisition's own folder (never into an existing folder: " 2", " 3", ... are tried); Micro-Manager
 * reads its planes back on demand, so results of any length hold no heap. An unsaved acquisition
 * (or one whose folder cannot be written, logged)
 * gets a RAM store whose images count against {@link ResultMemory}'s cap: beyond it, further stacks
 * are not shown (the log and one message say so; with "Display and save" they are still saved).
 *
 * <p><b>Pixels.</b> Float (GRAY32) images where Micro-Manager takes them; where it refuses them
 * (2.0.0 to 2.0.3, nightlies before 2026-04-23, found by trying once in {@link #begin}), 16-bit
 * images with each stack's scale and offset in the images' user data ({@link ScaledPixels}) and the
 * encoding in the summary's.
 *
 * <p><b>Summary.</b> Built from the source's ({@code copyBuilder()}: channel group, axis order,
 * intended dimensions, stage positions), with the name, channel names "NAME (deconvolved)", z step
 * and user data set, before the first image. The display is created on the event thread.
 * Calls come from the processor's and engine's threads, one at a time.
 */
public final class DatastoreResultSink implements ResultSink {
    static final String SUFFIX = " (deconvolved)";
    private final Studio studio;
    private final Supplier<PropertyMap.Builder> maps;
    private final ResultMemory ram;
    private final Reporter reporter;
    private Datastore store;
    private ResultMemory.Account account;
    private StackGeometry geometry;
    private boolean floatPixels;
    private String where;
    private int shown;
    private int notShown;

    /**
     * @param maps fresh PropertyMap builders (MMStudio's {@code PropertyMaps::builder})
     * @param ram the account of RAM result stores ({@link PluginMemory#results()})
     */
    public DatastoreResultSink(Studio studio, Supplier<PropertyMap.Builder> maps, ResultMemory ram, Reporter reporter) {
        if (studio == null || maps == null || ram == null || reporter == null) {
            throw new IllegalArgumentException("studio, property maps, result memory and reporter are required");
        }
        this.studio = studio;
        this.maps = maps;
        this.ram = ram;
        this.reporter = reporter;
    }

    /** The result datastore (after {@link #begin}), or null. */
    Datastore store() { return store; }

    @Override
    public void begin(StackGeometry g, SummaryMetadata source) throws Exception {
        geometry = g;
        DataManager data = studio.data();
        floatPixels = acceptsFloat(data);
        String name = g.name() + SUFFIX;
        if (g.directory() != null) {
            File folder = freeFolder(new File(g.directory()), TiffResultSaver.safe(name));
            try {
                store = data.createMultipageTIFFDatastore(folder.getPath(), true, true);
                where = "saved in " + folder;
            } catch (Exception e) {
                reporter.log("no disk-backed result store in " + folder + " (" + e + "): results are kept in memory instead");
            }
        }
        if (store == null) {
            store = data.createRAMDatastore();
            account = ram.open(store);
            where = "in memory (not saved; RAM result windows together keep at most " + (ram.capBytes() >> 20) + " MiB)";
        }
        store.setName(name);
        List<String> names = new ArrayList<String>();
        int n = Math.max(1, g.channelNames().size());
        for (int c = 0; c < n; c++) names.add(g.channelName(c) + SUFFIX);
        PropertyMap sourceUser = source == null ? null : source.getUserData();
        PropertyMap.Builder user = sourceUser != null ? sourceUser.copyBuilder() : maps.get();
        user.putString(ScaledPixels.ENCODING_KEY, floatPixels ? ScaledPixels.FLOAT : ScaledPixels.SCALED_16);
        SummaryMetadata.Builder b = source != null ? source.copyBuilder() : data.summaryMetadataBuilder();
        store.setSummaryMetadata(b.prefix(name).channelNames(names.toArray(new String[0])).zStepUm(g.voxelSize().z())
                .userData(user.build()).build());
        final Datastore shownStore = store;
        SwingUtilities.invokeLater(new Runnable() {
            @Override
            public void run() { studio.displays().createDisplay(shownStore); }
        });
        reporter.log("deconvolved stacks of '" + g.name() + "' go to the window '" + name + "', " + where + ", as "
                + (floatPixels ? "float (32-bit) images" : "16-bit images (this Micro-Manager refuses float images; "
                + "each image's user data holds " + ScaledPixels.SCALE_KEY + " and " + ScaledPixels.OFFSET_KEY
                + ": float = offset + scale * value)"));
    }

    @Override
    public void accept(LiveResult result) throws Exception {
        Volume v = result.volume();
        if (result.status() != LiveResult.Status.DONE) {
            // partial (aborted acquisition), skipped or failed: one log line per stack says which and why
            reporter.log(result.toString());
        }
        if (v == null || store == null) return;
        long bytes = (long) v.nx() * v.ny() * v.nz() * (floatPixels ? 4 : 2);
        if (account != null && !account.tryHold(bytes)) {
            if (notShown++ == 0) {
                String m = "the result window '" + geometry.name() + SUFFIX + "' is full (RAM result windows may hold "
                        + (ram.capBytes() >> 20) + " MiB; Java property " + PluginMemory.RESULT_RAM_PROPERTY + "): stack "
                        + result.key() + " and later ones are not shown. Save the acquisition (its results then go to disk) "
                        + "or choose 'Display and save' to keep every stack.";
                reporter.log(m);
                studio.logs().showMessage("Live Deconvolution: " + m);
            }
            return;
        }
        DataManager data = studio.data();
        if (floatPixels) {
            try {
                putFloat(data, result, v);
                shown++;
                return;
            } catch (UnsupportedOperationException e) {
                floatPixels = false;
                reporter.log("Micro-Manager refused a float image (" + e.getMessage() + "): 16-bit images from now on");
            }
        }
        putScaled(data, result, v);
        shown++;
    }

    @Override
    public void end() throws Exception {
        if (store == null) return;
        store.freeze();
        reporter.log(shown + " deconvolved stacks in '" + geometry.name() + SUFFIX + "', " + where
                + (notShown > 0 ? "; " + notShown + " not shown (result memory full)" : ""));
    }

    private void putFloat(DataManager data, LiveResult r, Volume v) throws Exception {
        Metadata meta = data.metadataBuilder().pixelSizeUm(geometry.voxelSize().x())
                .userData(maps.get().putString(ScaledPixels.ENCODING_KEY, ScaledPixels.FLOAT).build()).build();
        List<Image> planes = new ArrayList<Image>(v.nz());
        for (int z = 0; z < v.nz(); z++) planes.add(data.wrapImage(v.plane(z), v.nx(), v.ny(), 4, 1, coords(data, r, z), meta));
        for (Image im : planes) store.putImage(im);
    }

    private void putScaled(DataManager data, LiveResult r, Volume v) throws Exception {
        ScaledPixels s = ScaledPixels.of(v);
        Metadata meta = data.metadataBuilder().pixelSizeUm(geometry.voxelSize().x()).bitDepth(16)
                .userData(maps.get().putString(ScaledPixels.ENCODING_KEY, ScaledPixels.SCALED_16)
                        .putDouble(ScaledPixels.SCALE_KEY, s.scale()).putDouble(ScaledPixels.OFFSET_KEY, s.offset()).build())
                .build();
        for (int z = 0; z < v.nz(); z++) {
            store.putImage(data.wrapImage(s.encode(v.plane(z)), v.nx(), v.ny(), 2, 1, coords(data, r, z), meta));
        }
    }

    private static Coords coords(DataManager data, LiveResult r, int z) {
        return data.coordsBuilder().t(r.key().time()).p(r.key().position()).c(r.key().channel()).z(z).build();
    }

    /** Whether this Micro-Manager makes float images (tried once, on a 1x1 image that goes nowhere). */
    static boolean acceptsFloat(DataManager data) {
        try {
            Coords c = data.coordsBuilder().t(0).p(0).c(0).z(0).build();
            return data.wrapImage(new float[1], 1, 1, 4, 1, c, data.metadataBuilder().build()) != null;
        } catch (RuntimeException e) {
            // 2.0.0-2.0.3: UnsupportedOperationException("Unsupported pixel data type"); anything else: 16-bit is safe too
            return false;
        }
    }

    /** {@code parent/name}, or {@code parent/name 2}, {@code 3}, ... when it exists. */
    static File freeFolder(File parent, String name) {
        File f = new File(parent, name);
        for (int i = 2; f.exists(); i++) f = new File(parent, name + " " + i);
        return f;
    }
}
