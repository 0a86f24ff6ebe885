package org.livedecon.mm;

import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.livedecon.core.live.LiveResult;
import org.livedecon.core.volume.Volume;
import org.micromanager.Studio;
import org.micromanager.data.Coords;
import org.micromanager.data.DataManager;
import org.micromanager.data.Datastore;
import org.micromanager.data.Metadata;

/**
 * Writes deconvolved stacks into the plugin's own RAM datastore, named after the acquisition with
 * "(deconvolved)", channel names marked the same way, shown in a display window (created on the
 * event thread, once per acquisition). The summary metadata is set before the first image, as
 * Micro-Manager requires. Float (GRAY32) images at the raw images' (t, p, c, z). Saving to disk is
 * {@link TiffResultSaver}'s job. Calls come from the processor's and engine's threads, one at a time.
 */
public final class DatastoreResultSink implements ResultSink {
    static final String SUFFIX = " (deconvolved)";
    private final Studio studio;
    private Datastore store;
    private StackGeometry geometry;

    public DatastoreResultSink(Studio studio) {
        this.studio = studio;
    }

    @Override
    public void begin(StackGeometry g) throws Exception {
        geometry = g;
        DataManager data = studio.data();
        store = data.createRAMDatastore();
        store.setName(g.name() + SUFFIX);
        List<String> names = new ArrayList<String>();
        int n = Math.max(1, g.channelNames().size());
        for (int c = 0; c < n; c++) names.add(g.channelName(c) + SUFFIX);
        store.setSummaryMetadata(data.summaryMetadataBuilder().prefix(g.name() + SUFFIX)
                .channelNames(names.toArray(new String[0])).zStepUm(g.voxelSize().z()).build());
        final Datastore shown = store;
        SwingUtilities.invokeLater(new Runnable() {
            @Override
            public void run() { studio.displays().createDisplay(shown); }
        });
    }

    @Override
    public void accept(LiveResult result) throws Exception {
        Volume v = result.volume();
        if (result.status() != LiveResult.Status.DONE) {
            // partial (aborted acquisition), skipped or failed: one log line per stack says which and why
            studio.logs().logMessage("Live Deconvolution: " + result);
        }
        if (v == null || store == null) return;
        DataManager data = studio.data();
        Metadata meta = data.metadataBuilder().pixelSizeUm(geometry.voxelSize().x()).build();
        for (int z = 0; z < v.nz(); z++) {
            Coords coords = data.coordsBuilder().t(result.key().time()).p(result.key().position())
                    .c(result.key().channel()).z(z).build();
            store.putImage(data.wrapImage(v.plane(z), v.nx(), v.ny(), 4, 1, coords, meta));
        }
    }

    @Override
    public void end() throws Exception {
        if (store != null) store.freeze();
    }
}
