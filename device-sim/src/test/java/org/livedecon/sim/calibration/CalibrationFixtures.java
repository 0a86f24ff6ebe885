package org.livedecon.sim.calibration;

import org.livedecon.core.calibration.CalibrationSettings;
import org.livedecon.core.calibration.ExtractionSettings;
import org.livedecon.sim.BeadSample;
import org.livedecon.sim.CameraModel;
import org.livedecon.sim.SimOptics;
import org.livedecon.sim.SimulatedMicroscope;

/** Small simulated bead slides for the calibration tests. */
final class CalibrationFixtures {
    /** Focus offset of the simulated sample: its top plane is imaged at this focus (µm). */
    static final double OFFSET_UM = 10;
    /** Thickness of the bead layer, µm. */
    static final double LAYER_UM = 1.0;

    private CalibrationFixtures() {}

    static SimulatedMicroscope.Builder slide(BeadSample beads, SimOptics optics, int sensor) {
        return slide(beads, optics, sensor, 0.1);
    }

    static SimulatedMicroscope.Builder slide(BeadSample beads, SimOptics optics, int sensor, double pixelUm) {
        return SimulatedMicroscope.builder().sample(beads).optics(optics)
                .camera(CameraModel.builder().sensor(sensor, sensor).build())
                .pixelSizeUm(pixelUm).zStepUm(0.1).sampleThicknessUm(LAYER_UM).focusOffsetUm(OFFSET_UM)
                .focusLimitsUm(0, 100).focusStartUm(OFFSET_UM + LAYER_UM / 2).seed(7).realTime(false);
    }

    static BeadSample beads(int count, double photonsPerSecond) {
        return BeadSample.builder().diameterUm(0.1).count(count).photonsPerSecond(photonsPerSecond)
                .doubletFraction(0.05).clusterFraction(0.02).seed(3).build();
    }

    static CalibrationSettings.Builder settings(ExtractionSettings extraction) {
        return CalibrationSettings.builder().extraction(extraction).zStepUm(0.1).exposureMs(100);
    }
}
