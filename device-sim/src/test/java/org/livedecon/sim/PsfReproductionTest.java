package org.livedecon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.livedecon.core.hardware.Roi;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.testing.VolumeAssert;
import org.livedecon.core.volume.Volume;

class PsfReproductionTest {

    @Test
    void isolatedBeadStackReproducesTheOpticsPsf() throws Exception {
        CameraModel camera = CameraModel.builder().sensor(64, 64).noise(false).offsetAdu(0).gainAduPerE(1)
                .quantumEfficiency(1).darkCurrentEPerS(0).readNoiseE(0).build();
        SimOptics optics = SimOptics.builder().build();
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(BeadSample.centred(2.5e6)).optics(optics)
                .camera(camera).pixelSizeUm(0.1).zStepUm(0.1).sampleThicknessUm(4.5).realTime(false).build();
        Psf psf = m.psf();
        Psf reference = optics.psf(m.gridVoxelSize());
        int px = psf.shape().nx(), py = psf.shape().ny(), pz = psf.shape().nz();
        assertTrue(px <= 64 && py <= 64, "PSF " + psf.shape() + " fits the sensor");
        m.camera().setExposureMs(100);
        m.camera().setRoi(new Roi(32 - psf.centreX(), 32 - psf.centreY(), px, py));
        int beadPlane = m.truth().nz() / 2;
        double[] stack = new double[px * py * pz];
        double sum = 0;
        int peak = 0;
        for (int k = 0; k < pz; k++) {
            int[] v = SimTesting.snapAt(m, m.focusForPlane(beadPlane + k - psf.centreZ()));
            for (int i = 0; i < v.length; i++) {
                stack[k * v.length + i] = v[i];
                sum += v[i];
                peak = Math.max(peak, v[i]);
            }
        }
        assertTrue(peak > 10000 && peak < 65535, "peak " + peak + " ADU: bright, not saturated");
        float[] ref = reference.volume().data();
        double max = 0, worst = 0;
        for (float r : ref) max = Math.max(max, r);
        for (int i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(stack[i] / sum - ref[i]));
        double[] expected = new double[ref.length];
        float[] normalised = new float[ref.length];
        for (int i = 0; i < ref.length; i++) {
            expected[i] = ref[i];
            normalised[i] = (float) (stack[i] / sum);
        }
        VolumeAssert.assertClose(expected, new Volume(psf.shape(), psf.voxelSize(), normalised), 1e-3);
        System.out.printf("PSF reproduction: PSF %s, peak %d ADU, max |difference| / max = %.3e%n", psf.shape(), peak,
                worst / max);
        assertTrue(worst / max < 1e-3, "max |stack - PSF| / max = " + worst / max);
    }

    @Test
    void indexMismatchBroadensTheBeadAxially() throws Exception {
        double mismatched = axialFwhm(SimOptics.builder().indexMismatch(1.33, 20).maxPsfSize(63, 129).build());
        double matched = axialFwhm(SimOptics.builder().model(PsfModel.GIBSON_LANNI)
                .optics(SimOptics.builder().build().optics().toBuilder().depthUm(20).build()).maxPsfSize(63, 129).build());
        System.out.printf("axial FWHM: matched %.3f µm, n_s 1.33 at 20 µm %.3f µm, ratio %.3f%n", matched, mismatched,
                mismatched / matched);
        assertTrue(mismatched / matched > 1.2, "FWHM z ratio " + mismatched / matched);
    }

    private static double axialFwhm(SimOptics optics) throws Exception {
        CameraModel camera = CameraModel.builder().sensor(32, 32).noise(false).offsetAdu(0).darkCurrentEPerS(0).build();
        double dz = 0.1;
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(BeadSample.centred(1e6)).optics(optics).camera(camera)
                .pixelSizeUm(0.1).zStepUm(dz).sampleThicknessUm(12).realTime(false).build();
        int bead = m.truth().nz() / 2;
        int half = 50;
        double[] profile = new double[2 * half + 1];
        for (int k = -half; k <= half; k++) {
            // the brightest pixel of each plane follows the bead even when the axial peak shifts
            m.focus().moveTo(m.focusForPlane(bead + k));
            float[] img = m.photonsPerSecond(m.camera().roi());
            double max = 0;
            for (float v : img) max = Math.max(max, v);
            profile[k + half] = max;
        }
        return SimTesting.fwhm(profile) * dz;
    }

    @Test
    void imagesBetweenGridPlanesAreInterpolated() throws Exception {
        CameraModel camera = CameraModel.builder().sensor(32, 32).noise(false).build();
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(BeadSample.centred(1e5)).camera(camera)
                .zStepUm(0.1).sampleThicknessUm(3).realTime(false).build();
        m.focus().moveTo(m.focusForPlane(15));
        float[] a = m.photonsPerSecond(m.camera().roi());
        m.focus().moveTo(m.focusForPlane(16));
        float[] b = m.photonsPerSecond(m.camera().roi());
        m.focus().moveTo(m.focusForPlane(15) + 0.025);
        float[] c = m.photonsPerSecond(m.camera().roi());
        for (int i = 0; i < a.length; i++) assertEquals(0.75 * a[i] + 0.25 * b[i], c[i], 1e-4 * (Math.abs(a[i]) + 1));
    }
}
