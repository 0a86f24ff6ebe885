package org.livedecon.mm.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.calibration.CalibrationListener;
import org.livedecon.core.calibration.CameraDark;
import org.livedecon.core.deconv.BackgroundEstimator;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.live.LiveLog;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.PsfFile;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.core.psf.PsfMetadata;
import org.livedecon.core.psf.PsfOptions;
import org.livedecon.core.psf.PsfPreparer;
import org.livedecon.core.volume.Volume;
import org.livedecon.mm.processor.DefaultEngineFactory;
import org.livedecon.mm.settings.ChannelPsf;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.wizard.CalibrationWizardModel;
import org.livedecon.mm.wizard.CalibrationWizardModelTest;
import org.livedecon.sim.BeadSample;
import org.livedecon.sim.CameraModel;
import org.livedecon.sim.SimOptics;
import org.livedecon.sim.SimulatedMicroscope;


/**
 * Issue 16, bar 3: the wizard's dark step measures the camera offset with the shutter closed,
 * saves it with the PSF, and the processor's settings use it as b instead of the estimate; the
 * deconvolution result reports it.
 */
class DarkOffsetPathTest {
    /** Offset 300 ADU + dark current 10 e⁻/s × 0.1 s × 0.5 ADU/e⁻. */
    static final double DARK = 300.5;

    static SimulatedMicroscope slide() {
        return SimulatedMicroscope.builder()
                .sample(BeadSample.builder().diameterUm(0.1).count(40).photonsPerSecond(200000).seed(3).build())
                .optics(SimOptics.builder().maxPsfSize(63, 81).build())
                .camera(CameraModel.builder().sensor(128, 128).offsetAdu(300).darkCurrentEPerS(10).build())
                // 20 photons per pixel per 100 ms: 8 ADU of uniform light the dark frame must not see
                .uniformLightPhotonsPerS(200)
                .pixelSizeUm(0.1).zStepUm(0.1).sampleThicknessUm(1.0).focusOffsetUm(10)
                .focusLimitsUm(0, 100).focusStartUm(CalibrationWizardModelTest.FOCUS_UM).seed(7).realTime(false).build();
    }

    @Test
    void darkStepOffsetGoesWithThePsfIntoTheProcessorsSettingsAndTheResult(@TempDir Path dir) throws Exception {
        SimulatedMicroscope m = slide();
        m.camera().setExposureMs(100);
        CalibrationWizardModelTest.FakeLive live = new CalibrationWizardModelTest.FakeLive(true);
        CalibrationWizardModel w = CalibrationWizardModelTest.model(m, dir.resolve("psfs"), live);

        // dark step: shutter closed with auto-shutter off, both restored; live mode paused
        m.shutter().setAutoShutter(true);
        m.shutter().setOpen(false);
        CameraDark dark = w.measureDark(m.shutter(), CameraDark.DEFAULT_FRAMES);
        assertEquals(DARK, dark.offsetAdu(), 0.05, dark.toString());
        // read noise: 0.5 ADU/e- x sqrt(1.5² e- read + 1 e- dark shot), plus rounding (1/12 ADU²)
        assertEquals(Math.sqrt(0.25 * (2.25 + 1) + 1.0 / 12), dark.readNoiseAdu(), 0.05, dark.toString());
        assertTrue(m.shutter().autoShutter(), "auto-shutter restored");
        assertFalse(m.shutter().isOpen(), "shutter restored");
        assertEquals(Arrays.asList(false, true), live.switches, "live mode paused for the dark frames");
        assertTrue(live.on);

        // scan, extract and save: the sidecar holds the offset and read noise
        w.plan();
        w.acquire("sim-dark", CalibrationListener.NONE);
        Path tif = w.save("sim-dark", 1);
        PsfMetadata meta = PsfFile.readMetadata(tif);
        assertEquals(dark.offsetAdu(), meta.cameraOffsetAdu(), 0.005, "saved to the sidecar's precision");
        assertEquals(dark.readNoiseAdu(), meta.readNoiseAdu(), 0.005);

        // processor: the measured offset replaces auto for stacks deconvolved with this PSF, and the log says so
        final List<String> log = Collections.synchronizedList(new ArrayList<String>());
        LiveLog recorder = new LiveLog() {
            @Override
            public void warn(String message) { log.add(message); }

            @Override
            public void info(String message) { log.add(message); }
        };
        PsfLibrary library = new PsfLibrary(dir.resolve("psfs"));
        DeconvolutionSettings auto = PluginSettings.defaults().deconvolution();
        assertTrue(auto.background().isAuto());
        DeconvolutionSettings s = DefaultEngineFactory.withDarkOffset(auto, ChannelPsf.library("sim-dark"), library, recorder);
        assertTrue(s.background().isMeasured(), s.toString());
        assertTrue(log.toString().contains("measured camera offset"), log.toString());
        // a theoretical PSF has no dark step: auto stays, and the log says so
        DeconvolutionSettings theory = DefaultEngineFactory.withDarkOffset(auto, PluginSettings.defaults().defaultPsf(),
                library, recorder);
        assertTrue(theory.background().isAuto());

        // result: a stack acquired with the shutter open is deconvolved with b = the dark offset,
        // where the estimate would have included the 8 ADU of uniform light
        Volume stack = stack(m, 16);
        double estimated = BackgroundEstimator.estimate(stack);
        assertEquals(DARK + 8, estimated, 1.0, "auto sees offset + uniform light");
        Psf psf = PsfPreparer.prepare(TiffReader.read(tif, 0, 0).volume(), "sim-dark",
                PsfOptions.builder().targetVoxelSize(stack.voxelSize()).build());
        try (CpuBackend backend = new CpuBackend(2)) {
            DeconvolutionResult r = Deconvolvers.create(s.toBuilder().iterations(2).build(), backend)
                    .deconvolve(stack, psf, ProgressListener.NONE);
            assertEquals(meta.cameraOffsetAdu(), r.background(), 0.0, "the result used the measured offset");
        }
    }

    /** {@code planes} planes about the bead layer at the grid's z step, shutter on auto. */
    private static Volume stack(SimulatedMicroscope m, int planes) throws Exception {
        List<Object> pixels = new ArrayList<Object>();
        for (int k = 0; k < planes; k++) {
            m.focus().moveTo(m.focusForPlane(k) - (planes - 10) * m.zStepUm() / 2);
            m.focus().waitUntilSettled();
            pixels.add(m.camera().snap());
        }
        return Volume.fromPlanes(pixels, 128, 128, m.gridVoxelSize());
    }
}
