package org.livedecon.mm.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.live.LiveResult;
import org.livedecon.core.volume.Volume;
import org.livedecon.mm.settings.PluginSettings;
import org.micromanager.data.SummaryMetadata;

/**
 * "Display and save": writes every deconvolved stack as a calibrated float32 TIFF (µm voxel size,
 * {@link TiffWriter#writeFloat}), then hands the result on to the next sink (the display).
 *
 * <p><b>Where.</b> When Micro-Manager saves the acquisition (its summary metadata names a
 * directory), into {@code <directory>/<prefix>-deconvolved/}, beside the acquisition's own folder
 * {@code <directory>/<prefix>}. Otherwise into {@code <folder>/<prefix>-deconvolved/}, where folder is
 * {@link PluginSettings#saveFolder()} or, when that is empty, {@code ~/livedecon-results}. An
 * existing folder is never written into: {@code -deconvolved_2}, {@code _3}, ... are tried instead.
 *
 * <p><b>Names.</b> {@code <prefix>_t0000_p000_c00.tif} (time point, position, channel), with
 * {@code _partial} before the extension for the partial stack of an aborted acquisition. Stacks
 * without a volume (failed or skipped) are not written.
 *
 * <p><b>Threads and errors.</b> Called like any {@link ResultSink}: from the engine's threads, never
 * on Micro-Manager's pipeline or acquisition thread. A disk error is logged once per acquisition
 * (the first, with the file), later ones are counted and summed up at {@link #end()}; nothing else
 * stops: the display still gets every result.
 */
public final class TiffResultSaver implements ResultSink {
    static final String FOLDER_SUFFIX = "-deconvolved";
    private final ResultSink next;
    private final PluginSettings settings;
    private final Reporter reporter;
    private Path folder;
    private String prefix;
    private int written;
    private int failures;

    public TiffResultSaver(ResultSink next, PluginSettings settings, Reporter reporter) {
        if (next == null || settings == null || reporter == null) {
            throw new IllegalArgumentException("next sink, settings and reporter are required");
        }
        this.next = next;
        this.settings = settings;
        this.reporter = reporter;
    }

    /** The folder of this acquisition's files (chosen by {@link #begin}; made at the first stack), or null before. */
    public Path folder() { return folder; }

    @Override
    public void begin(StackGeometry g, SummaryMetadata source) throws Exception {
        prefix = safe(g.name());
        try {
            folder = chooseFolder(g);
            reporter.log("deconvolved stacks are saved to " + folder);
        } catch (RuntimeException e) {
            diskError("no folder for the deconvolved stacks of " + g.name(), e);
        }
        next.begin(g, source);
    }

    @Override
    public void accept(LiveResult result) throws Exception {
        try {
            save(result);
        } finally {
            next.accept(result);
        }
    }

    @Override
    public void end() throws Exception {
        try {
            if (failures > 1) {
                reporter.log(failures + " deconvolved stacks could not be saved to " + folder + " (" + written + " saved)");
            } else if (folder != null) {
                reporter.log(written + " deconvolved stacks saved to " + folder);
            }
        } finally {
            next.end();
        }
    }

    /** The file name of a result's stack: prefix, t, p, c, and "_partial" for a partial stack. */
    static String fileName(String prefix, LiveResult r) {
        return String.format(Locale.ROOT, "%s_t%04d_p%03d_c%02d%s.tif", prefix, r.key().time(), r.key().position(),
                r.key().channel(), r.status() == LiveResult.Status.PARTIAL ? "_partial" : "");
    }

    private void save(LiveResult result) {
        Volume v = result.volume();
        if (v == null || folder == null) return;
        Path file = folder.resolve(fileName(prefix, result));
        try {
            Files.createDirectories(folder);
            // the folder is new, so a file there is not ours: never replace it (issue 15's output rule)
            org.livedecon.core.io.OutputSafety.check().output("deconvolved stack", file).verify();
            TiffWriter.writeFloat(v, file);
            written++;
        } catch (Exception | LinkageError e) {
            diskError("saving " + file + " failed", e);
        }
    }

    private void diskError(String message, Throwable e) {
        failures++;
        if (failures == 1) {
            reporter.log(message + ": " + e + " (deconvolution and display go on; later save errors are only counted)");
        }
    }

    private Path chooseFolder(StackGeometry g) {
        Path parent;
        if (g.directory() != null) {
            parent = Paths.get(g.directory());
        } else if (!settings.saveFolder().isEmpty()) {
            parent = Paths.get(settings.saveFolder());
        } else {
            parent = Paths.get(System.getProperty("user.home"), "livedecon-results");
        }
        Path f = parent.resolve(prefix + FOLDER_SUFFIX);
        for (int i = 2; Files.exists(f); i++) f = parent.resolve(prefix + FOLDER_SUFFIX + "_" + i);
        return f;
    }

    /** The acquisition name with characters that are not allowed in file names replaced by '_'. */
    static String safe(String name) {
        String s = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").trim();
        return s.isEmpty() ? "acquisition" : s;
    }
}
