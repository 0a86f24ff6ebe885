package org.livedecon.mm;

import java.nio.file.Path;
import java.util.Map;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.io.TiffStack;
import org.livedecon.core.live.ChannelSetup;
import org.livedecon.core.live.LiveDeconvolver;
import org.livedecon.core.live.LiveLog;
import org.livedecon.core.live.LiveResultSink;
import org.livedecon.core.live.LiveSettings;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.PsfFile;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.core.psf.PsfMetadata;
import org.livedecon.core.psf.PsfOptions;
import org.livedecon.core.psf.PsfPreparer;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.TheoreticalPsf;
import org.livedecon.core.volume.VoxelSize;

/**
 * The engine of the plugin: one {@link ChannelSetup} per channel with its own PSF, plus a default
 * from {@link PluginSettings#defaultPsf()}; library PSFs are read from {@link PsfLibrary#standard()}
 * and resampled to the stack's voxel size, theoretical ones computed at it. The engine's worker
 * computes on {@link PluginSettings#device()}; when OpenCL cannot be used there it falls back to the
 * CPU backend and logs the reason once ({@link org.livedecon.core.backend.opencl.Backends#create}).
 */
public final class DefaultEngineFactory implements EngineFactory {
    @Override
    public LiveDeconvolver start(PluginSettings settings, StackGeometry geometry, LiveResultSink sink, LiveLog log)
            throws Exception {
        VoxelSize voxel = geometry.voxelSize();
        LiveSettings.Builder b = LiveSettings.builder()
                .zPlanes(geometry.zPlanes())
                .voxelSize(voxel)
                .policy(settings.policy())
                .device(settings.device())
                .log(log)
                .defaultChannel(new ChannelSetup(psf(settings.defaultPsf(), voxel),
                        withDarkOffset(settings.deconvolution(), settings.defaultPsf(), PsfLibrary.standard(), log)));
        for (Map.Entry<Integer, ChannelPsf> e : settings.channelPsfs().entrySet()) {
            b.channel(e.getKey(), new ChannelSetup(psf(e.getValue(), voxel),
                    withDarkOffset(settings.deconvolution(), e.getValue(), PsfLibrary.standard(), log)));
        }
        return new LiveDeconvolver(b.build(), sink);
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

    /** The PSF of one source at {@code voxel}. @throws Exception naming the PSF and what is wrong */
    static Psf psf(ChannelPsf source, VoxelSize voxel) throws Exception {
        if (source.kind() == ChannelPsf.Kind.THEORETICAL) {
            Optics optics = Optics.builder().na(source.na()).wavelengthUm(source.wavelengthUm())
                    .immersionIndex(source.immersionIndex()).sampleIndex(source.immersionIndex()).build();
            return TheoreticalPsf.generate(source.model(), optics, TheoreticalPsf.suggestedShape(source.model(), optics, voxel),
                    voxel);
        }
        Path file = PsfLibrary.standard().file(source.libraryName());
        TiffStack raw = TiffReader.read(file, 0, 0);
        if (!raw.calibrated()) {
            throw new IllegalArgumentException("PSF '" + source.libraryName() + "' (" + file
                    + ") has no voxel size calibration (µm); the stacks' is " + voxel);
        }
        return PsfPreparer.prepare(raw.volume(), source.libraryName(), PsfOptions.builder().targetVoxelSize(voxel).build());
    }
}
