package org.livedecon.sim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.livedecon.cli.CliException;
import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneSink;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.volume.Volume;
import org.livedecon.sim.SimulatedMicroscope;
import org.livedecon.sim.acquisition.Acquisition;
import org.livedecon.sim.acquisition.AcquisitionRunner;
import org.livedecon.sim.acquisition.AcquisitionSettings;

/** Acquires one z-stack from the simulated microscope through the acquisition runner, as a user would. */
final class StackAcquisition {
    private StackAcquisition() {}

    /** {@code planes} planes from focus {@code firstFocusUm} at the grid's z step, as camera ADU in float32. */
    static Volume acquire(SimulatedMicroscope scope, double firstFocusUm, int planes, double exposureMs)
            throws HardwareException, InterruptedException {
        scope.camera().setExposureMs(exposureMs);
        AcquisitionSettings settings = AcquisitionSettings.builder().channels("sim")
                .zStack(firstFocusUm, scope.zStepUm(), planes).framesPerSecond(0).build();
        final List<Object> pixels = new ArrayList<Object>();
        final int[] size = new int[2];
        Acquisition run = new AcquisitionRunner().start(scope, settings, new PlaneSink() {
            @Override
            public void accept(AcquiredPlane plane) {
                pixels.add(plane.pixels());
                size[0] = plane.width();
                size[1] = plane.height();
            }

            @Override
            public void finished(boolean aborted, long delivered) { }
        });
        if (!run.awaitCompletion(10, TimeUnit.MINUTES)) {
            run.abort();
            throw new CliException(CliException.RUNTIME, "the simulated acquisition did not finish within 10 minutes");
        }
        if (run.failure() != null) {
            throw new CliException(CliException.RUNTIME, "simulated acquisition failed: " + run.failure().getMessage(),
                    run.failure());
        }
        return Volume.fromPlanes(pixels, size[0], size[1], scope.gridVoxelSize());
    }
}
