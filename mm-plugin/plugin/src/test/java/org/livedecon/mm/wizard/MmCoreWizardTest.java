package org.livedecon.mm.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Rectangle;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mmcorej.CMMCore;
import mmcorej.StrVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.calibration.CalibrationListener;
import org.livedecon.core.calibration.ExtractionResult;
import org.livedecon.core.calibration.Preview;
import org.livedecon.core.calibration.QualityReport;
import org.livedecon.core.calibration.ScanPlan;
import org.livedecon.mm.mmcore.MmCoreMicroscope;


/**
 * The wizard's steps on a real MMCore with Micro-Manager's DemoCamera in its "Fluorescent Beads"
 * mode (recent nightlies) and a DStage labelled Z. Opt-in: skipped unless the system property
 * {@value #PROPERTY} names a Micro-Manager installation (the folder holding the MMCoreJ_wrap native
 * library and the DemoCamera device adapter):
 * {@code mvn -B verify -pl mm-plugin/plugin -am -Dlivedecon.mmcore.dir=/path/to/Micro-Manager}.
 * The pom's real-mmcore profile then puts that installation's {@code plugins/Micro-Manager/MMCoreJ.jar}
 * on the test class path in place of Central's 10.1.1.0 (whose classes do not match a newer native
 * library); this test checks that it did. {@code StrVector} is used only in ways that link against
 * both SWIG 3 ({@code long size()}, {@code void add}) and SWIG 4 ({@code int size()},
 * {@code boolean add}) wrappers: for-each and a reflective add.
 *
 * <p>The demo's beads are Gaussians of σ = BeadSize·s px (1 px = 1 µm, s uniform in [0.8, 1.2]) at
 * focus, growing with |z| while their light grows: not a microscope PSF. The test starts with an
 * ROI and in (a stand-in for) live mode, and asserts that the wizard completes with a lateral FWHM
 * near 2.355·BeadSize µm, reports the axial profile as measured, and restores focus, exposure, ROI
 * and live mode.
 */
class MmCoreWizardTest {
    static final String PROPERTY = "livedecon.mmcore.dir";
    /** Set by the real-mmcore profile: the MMCoreJ.jar the tests should run against. */
    static final String JAR_PROPERTY = "livedecon.mmcorej.jar";

    /** The folder named by the property, or null when it is unset, empty, unresolved ("${...}") or not a folder. */
    static File mmcoreDir() {
        String d = System.getProperty(PROPERTY);
        if (d == null || d.trim().isEmpty() || d.trim().startsWith("${")) return null;
        File f = new File(d.trim());
        return f.isDirectory() ? f : null;
    }

    /** {@code v.add(s)} whether the wrapper's add returns void (SWIG 3) or boolean (SWIG 4). */
    static void add(StrVector v, String s) throws Exception {
        Method m = StrVector.class.getMethod("add", String.class);
        m.invoke(v, s);
    }

    /** True when {@code v} holds {@code s}; iterates, so neither size() signature is linked. */
    static boolean contains(StrVector v, String s) {
        for (String e : v) if (s.equals(e)) return true;
        return false;
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
    void calibratesDemoBeadsThroughMmCoreAndRestoresTheHardware(@TempDir Path library) throws Exception {
        File dir = mmcoreDir();
        assumeTrue(dir != null, "set -D" + PROPERTY + "=/path/to/Micro-Manager to run the real-MMCore test");
        String jar = System.getProperty(JAR_PROPERTY);
        assertTrue(jar != null && new File(jar).isFile(), "the installation's MMCoreJ.jar (" + jar + ") is missing: "
                + "Micro-Manager keeps it in plugins/Micro-Manager/; name another with -D" + JAR_PROPERTY + "=...");
        File loadedFrom = new File(CMMCore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(new File(jar).getCanonicalFile(), loadedFrom.getCanonicalFile(),
                "MMCoreJ classes must come from the installation, not from Maven Central");
        System.setProperty("mmcorej.library.path", dir.getAbsolutePath());
        CMMCore core = new CMMCore();
        try {
            StrVector paths = new StrVector();
            add(paths, dir.getAbsolutePath());
            core.setDeviceAdapterSearchPaths(paths);
            core.loadDevice("Camera", "DemoCamera", "DCam");
            core.loadDevice("Z", "DemoCamera", "DStage");
            core.initializeAllDevices();
            core.setCameraDevice("Camera");
            core.setFocusDevice("Z");
            assumeTrue(contains(core.getAllowedPropertyValues("Camera", "Mode"), "Fluorescent Beads"),
                    "this DemoCamera has no \"Fluorescent Beads\" mode (added in the 2026-01 nightlies)");
            core.setProperty("Camera", "Mode", "Fluorescent Beads");
            core.setProperty("Camera", "PixelType", "16bit");
            double beadSize = Double.parseDouble(core.getProperty("Camera", "BeadSize"));
            core.setExposure(10);
            core.setROI(16, 32, 448, 400); // the wizard must scan this ROI and put it back
            core.setPosition("Z", 0);
            core.waitForDevice("Z");
            double start = core.getPosition("Z");
            Rectangle roi = core.getROI();

            CalibrationWizardModelTest.FakeLive live = new CalibrationWizardModelTest.FakeLive(true);
            CalibrationWizardModel w = new CalibrationWizardModel(new MmCoreMicroscope(core),
                    new org.livedecon.core.psf.PsfLibrary(library), live);
            w.readHardware();
            assertEquals(start, w.focusAtStartUm(), 1e-6);
            assertEquals(start - 100, w.focusLowerUm(), 1e-6);
            w.setInputs(w.inputs().toBuilder()
                    .pixelSizeUm(1.0) // DemoCamera draws 1 px = 1 µm; the bare configuration has no pixel size
                    .na(0.3)
                    .immersionIndex(1.0)
                    .wavelengthUm(0.52)
                    .zStepUm(1)
                    .zHalfRangeUm(12)
                    .build());

            Preview p = w.preview();
            System.out.println("MMCore preview: " + p);
            assertEquals(65535, p.fullScale(), 0, "16-bit camera");
            assertTrue(p.max() > p.median(), "beads are brighter than the background: " + p);
            assertEquals(10, core.getExposure(), 1e-9, "exposure as found after the preview");
            w.useSuggestedExposure();
            assertTrue(w.exposureMs() <= 100 + 1e-9, "at most 10x per suggestion: " + w.exposureMs());
            w.preview();
            System.out.println("MMCore exposure without effect: " + w.exposureIneffective() + ", suggested "
                    + w.suggestedExposureMs() + " ms");

            ScanPlan plan = w.plan();
            assertEquals(25, plan.planes(), plan.toString());
            final List<Integer> planes = new ArrayList<Integer>();
            final List<Boolean> liveDuringScan = new ArrayList<Boolean>();
            live.switches.clear();
            ExtractionResult r = w.acquire("demo-beads", new CalibrationListener() {
                @Override
                public void step(String name) {}

                @Override
                public void plane(int done, int total) {
                    planes.add(done);
                    liveDuringScan.add(live.on);
                }
            });
            QualityReport q = r.report();
            System.out.println("MMCore calibration: " + q.summary());
            assertEquals(25, planes.size(), "every plane acquired through MMCore");
            assertFalse(liveDuringScan.contains(true), "live mode paused during the scan");
            assertTrue(live.on, "live mode back on");
            assertEquals(start, core.getPosition("Z"), 0.05, "focus restored (DStage step 0.025 µm)");
            assertEquals(10, core.getExposure(), 1e-9, "exposure restored");
            assertEquals(roi, core.getROI(), "ROI restored");

            // a PSF with a plausible lateral FWHM: 2.355 BeadSize mean(s), mean(s) = 1 ± a few % over the beads used
            assertTrue(q.beadsUsed() >= 10, q.summary());
            double expected = 2.355 * beadSize;
            for (int a = 0; a < 2; a++) assertEquals(expected, q.fwhmUm(a), 0.15 * expected, q.summary());
            assertTrue(!Double.isNaN(q.fwhmUm(2)) || String.join(" ", q.notes()).contains("axial FWHM not reached"),
                    q.summary());
            assertTrue(w.save("demo-beads", 0).toFile().isFile());
        } finally {
            core.unloadAllDevices();
        }
    }
}
