package org.livedecon.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mmcorej.CMMCore;
import mmcorej.StrVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.calibration.CalibrationException;
import org.livedecon.core.calibration.CalibrationListener;
import org.livedecon.core.calibration.ExtractionResult;
import org.livedecon.core.calibration.Preview;
import org.livedecon.core.calibration.ScanPlan;

/**
 * The wizard's steps on a real MMCore with Micro-Manager's DemoCamera in its "Fluorescent Beads"
 * mode (recent nightlies) and a DStage labelled Z. Opt-in: skipped unless the system property
 * {@value #PROPERTY} names a folder holding the MMCoreJ_wrap native library and the DemoCamera
 * device adapter (a Micro-Manager installation):
 * {@code mvn -B verify -Dlivedecon.mmcore.dir=/path/to/Micro-Manager}.
 *
 * <p>DemoCamera beads are Gaussians 1 px = 1 µm wide whose width grows with |z| and whose peak
 * hardly falls: not a microscope PSF. The test checks the hardware path (pixel size entered by hand,
 * since the demo configuration has none; preview; scan through MMCore; focus and exposure restored);
 * the extraction must either produce a PSF or fail with a message, never hang or move the stage away.
 */
class MmCoreWizardTest {
    static final String PROPERTY = "livedecon.mmcore.dir";

    /** The folder named by the property, or null when it is unset, empty, unresolved ("${...}") or not a folder. */
    static File mmcoreDir() {
        String d = System.getProperty(PROPERTY);
        if (d == null || d.trim().isEmpty() || d.trim().startsWith("${")) return null;
        File f = new File(d.trim());
        return f.isDirectory() ? f : null;
    }

    @Test
    void optInPropertyIsReadSafely() {
        String d = System.getProperty(PROPERTY);
        if (d == null || d.trim().isEmpty() || d.startsWith("${")) {
            assertEquals(null, mmcoreDir(), "unset or unresolved: no folder");
        } else {
            assertEquals(new File(d.trim()).isDirectory(), mmcoreDir() != null);
        }
    }

    @Test
    void calibratesDemoBeadsThroughMmCoreAndRestoresFocus(@TempDir Path library) throws Exception {
        File dir = mmcoreDir();
        assumeTrue(dir != null, "set -D" + PROPERTY + "=/path/to/Micro-Manager to run the real-MMCore test");
        System.setProperty("mmcorej.library.path", dir.getAbsolutePath());
        CMMCore core = new CMMCore();
        try {
            StrVector paths = new StrVector();
            paths.add(dir.getAbsolutePath());
            core.setDeviceAdapterSearchPaths(paths);
            core.loadDevice("Camera", "DemoCamera", "DCam");
            core.loadDevice("Z", "DemoCamera", "DStage");
            core.initializeAllDevices();
            core.setCameraDevice("Camera");
            core.setFocusDevice("Z");
            StrVector modes = core.getAllowedPropertyValues("Camera", "Mode");
            boolean beads = false;
            for (int i = 0; i < modes.size(); i++) beads |= "Fluorescent Beads".equals(modes.get(i));
            assumeTrue(beads, "this DemoCamera has no \"Fluorescent Beads\" mode (added in the 2026-01 nightlies)");
            core.setProperty("Camera", "Mode", "Fluorescent Beads");
            core.setProperty("Camera", "PixelType", "16bit");
            core.setProperty("Camera", "BeadSize", "1");
            core.setExposure(10);
            core.setPosition("Z", 0);
            core.waitForDevice("Z");
            double start = core.getPosition("Z");

            CalibrationWizardModelTest.FakeLive live = new CalibrationWizardModelTest.FakeLive(false);
            CalibrationWizardModel w = new CalibrationWizardModel(new MmCoreMicroscope(core),
                    new org.livedecon.core.psf.PsfLibrary(library), live);
            w.readHardware();
            assertEquals(start, w.focusAtStartUm(), 1e-6);
            assertEquals(start - 100, w.focusLowerUm(), 1e-6);
            w.setPixelSizeUm(1.0); // DemoCamera draws 1 px = 1 µm; the bare configuration has no pixel size
            w.setNa(0.3);
            w.setImmersionIndex(1.0);
            w.setWavelengthUm(0.52);
            w.setZStepUm(0.5);
            w.setZHalfRangeUm(6);
            w.setBeadDiameterUm(0);

            Preview p = w.preview();
            System.out.println("MMCore preview: " + p);
            assertEquals(65535, p.fullScale(), 0, "16-bit camera");
            assertTrue(p.max() > p.median(), "beads are brighter than the background: " + p);
            assertEquals(10, core.getExposure(), 1e-9, "exposure as found after the preview");

            ScanPlan plan = w.plan();
            assertEquals(25, plan.planes(), plan.toString());
            final List<Integer> planes = new ArrayList<Integer>();
            String outcome;
            try {
                ExtractionResult r = w.acquire("demo-beads", new CalibrationListener() {
                    @Override
                    public void step(String name) {}

                    @Override
                    public void plane(int done, int total) { planes.add(done); }
                });
                outcome = r.report().summary();
                assertTrue(r.beads().size() > 0, outcome);
                assertTrue(w.save("demo-beads", 0).toFile().isFile());
            } catch (CalibrationException e) {
                outcome = "extraction refused: " + e.getMessage();
                assertFalse(e.getMessage().isEmpty());
            }
            System.out.println("MMCore calibration: " + outcome);
            assertEquals(25, planes.size(), "every plane acquired through MMCore");
            assertEquals(start, core.getPosition("Z"), 0.05, "focus restored (DStage step 0.025 µm)");
            assertEquals(10, core.getExposure(), 1e-9, "exposure restored");
        } finally {
            core.unloadAllDevices();
        }
    }
}
