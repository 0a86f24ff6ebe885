package org.livedecon.mm.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.live.ChannelSetup;
import org.livedecon.core.live.LiveDeconvolver;
import org.livedecon.core.live.LiveLog;
import org.livedecon.core.live.LiveResources;
import org.livedecon.core.live.LiveResultSink;
import org.livedecon.core.live.LiveSettings;
import org.livedecon.core.live.MemoryLedger;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.PsfFile;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.core.psf.PsfMetadata;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.source.PsfSource;
import org.livedecon.core.volume.VoxelSize;
import org.livedecon.mm.settings.ChannelPsf;
import org.livedecon.mm.settings.PluginSettings;

/**
 * The engine of the plugin: one {@link ChannelSetup} per channel with its own PSF, plus a default
 * from {@link PluginSettings#defaultPsf()}. A channel's PSF is found by the channel's name in the
 * acquisition's summary ({@link PluginSettings#psfFor(int, String)}), by its index only when it has
 * no name; the choice is logged per channel. Library PSFs are read from {@link PsfLibrary#standard()}
 * and resampled to the stack's voxel size, theoretical ones computed at it. The engine's worker
 * computes on {@link PluginSettings#device()}; when OpenCL cannot be used there it falls back to the
 * CPU backend and logs the reason once ({@link org.livedecon.core.deconv.JobRunner#open}).
 */
public final class DefaultEngineFactory implements EngineFactory {
    @Override
    public LiveDeconvolver start(PluginSettings settings, StackGeometry geometry, LiveResultSink sink, LiveLog log,
                                 MemoryLedger ledger) throws Exception {
        VoxelSize voxel = geometry.voxelSize();
        Map<ChannelPsf, Psf> made = new HashMap<ChannelPsf, Psf>();
        LiveSettings options = LiveSettings.builder().policy(settings.policy()).device(settings.device()).build();
        LiveResources.Builder b = LiveResources.builder()
                .zPlanes(geometry.zPlanes())
                .voxelSize(voxel)
                .log(log)
                .memoryLedger(ledger)
                .defaultChannel(new ChannelSetup(psf(settings.defaultPsf(), voxel, made),
                        withDarkOffset(settings.deconvolution(), settings.defaultPsf(), PsfLibrary.standard(), log)));
        for (Map.Entry<Integer, ChannelPsf> e : channelPsfs(settings, geometry).entrySet()) {
            b.channel(e.getKey(), new ChannelSetup(psf(e.getValue(), voxel, made),
                    withDarkOffset(settings.deconvolution(), e.getValue(), PsfLibrary.standard(), log)));
        }
        log.info(describe(settings, geometry));
        return new LiveDeconvolver(options, b.build(), sink);
    }

    /**
     * The settings for stacks deconvolved with {@code source}: a camera offset measured by the
     * wizard's dark step and saved with a library PSF replaces the automatic background (a value
     * the user typed is kept). The log says which b is used.
     */
    static DeconvolutionSettings withDarkOffset(DeconvolutionSettings settings, ChannelPsf source, PsfLibrary library,
                                                LiveLog log)
            throws java.io.IOException {
        String name = source.kind() == ChannelPsf.Kind.THEORETICAL ? "theoretical PSF" : "PSF '" + source.libraryName() + "'";
        if (settings.background().isAuto() && source.kind() != ChannelPsf.Kind.THEORETICAL) {
            PsfMetadata m = PsfFile.readMetadata(library.file(source.libraryName()));
            if (m.hasCameraOffset()) {
                Background b = Background.measured(m.cameraOffsetAdu(), String.format(java.util.Locale.ROOT,
                        "dark step saved with %s, read noise %.2f counts", name, m.readNoiseAdu()));
                log.info("background: " + b.describe());
                return settings.toBuilder().background(b).build();
            }
        }
        log.info("background for " + name + ": " + settings.background().describe());
        return settings;
    }

    /**
     * Channel index → PSF source for the channels of {@code geometry} with a PSF of their own (by
     * name, by index for unnamed channels); the others use the default. Unnamed channels are those
     * beyond the summary's names, so index entries of the settings still apply there.
     */
    static Map<Integer, ChannelPsf> channelPsfs(PluginSettings settings, StackGeometry geometry) {
        Map<Integer, ChannelPsf> m = new TreeMap<Integer, ChannelPsf>();
        int n = geometry.channelNames().size();
        for (int c = 0; c < n; c++) {
            ChannelPsf p = settings.ownPsf(c, geometry.channelNames().get(c));
            if (p != null) m.put(c, p);
        }
        for (Map.Entry<Integer, ChannelPsf> e : settings.channelPsfs().entrySet()) {
            boolean named = e.getKey() < n && geometry.channelNames().get(e.getKey()) != null
                    && !geometry.channelNames().get(e.getKey()).trim().isEmpty();
            if (!named) m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    /** One line per named channel: which PSF it gets and why, for Micro-Manager's log. */
    static String describe(PluginSettings settings, StackGeometry geometry) {
        StringBuilder sb = new StringBuilder("PSF per channel:");
        Map<Integer, ChannelPsf> own = channelPsfs(settings, geometry);
        int n = Math.max(geometry.channelNames().size(), 1);
        for (int c = 0; c < n; c++) {
            ChannelPsf p = own.get(c);
            sb.append(c == 0 ? " " : "; ").append(c).append(" '").append(geometry.channelName(c)).append("': ")
                    .append(p != null ? p.toString() : "default " + settings.defaultPsf()
                            + (settings.namedChannelPsfs().isEmpty() ? "" : " (no PSF for this channel name)"));
        }
        return sb.toString();
    }

    private static Psf psf(ChannelPsf source, VoxelSize voxel, Map<ChannelPsf, Psf> made) throws Exception {
        Psf p = made.get(source);
        if (p == null) {
            p = psf(source, voxel);
            made.put(source, p);
        }
        return p;
    }

    /** The PSF of one source at {@code voxel}. @throws Exception naming the PSF and what is wrong */
    static Psf psf(ChannelPsf source, VoxelSize voxel) throws Exception {
        if (source.kind() == ChannelPsf.Kind.THEORETICAL) {
            Optics optics = Optics.builder().na(source.na()).wavelengthUm(source.wavelengthUm())
                    .immersionIndex(source.immersionIndex()).sampleIndex(source.immersionIndex()).build();
            return PsfSource.theoretical(source.model(), optics).at(voxel);
        }
        return PsfSource.file(PsfLibrary.standard().file(source.libraryName()), source.libraryName()).at(voxel);
    }
}
