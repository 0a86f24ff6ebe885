package org.livedecon.mm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JSpinner;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.live.LivePolicy;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.mm.settings.ChannelPsf;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.testing.ScreenCaptures;

public class SettingsPanelTest {
    /** Every field away from its default, two channels with their own PSF. */
    static final PluginSettings CHANGED = PluginSettings.builder().algorithm(Algorithm.RL_TV).iterations(37).lambda(0.004)
            .background(Background.fixed(101.5)).boundary(Boundary.PERIODIC).device("Test GPU")
            .policy(LivePolicy.ADAPTIVE).output(PluginSettings.Output.DISPLAY_AND_SAVE).saveFolder("/data/decon")
            .defaultPsf(ChannelPsf.library("beads-60x"))
            .channelPsf(0, ChannelPsf.theoretical(PsfModel.GIBSON_LANNI, 1.2, 0.61, 1.33))
            .channelPsf(3, ChannelPsf.library("dapi-100x")).build();

    static SettingsPanel newPanel() {
        return new SettingsPanel(Collections.singletonList(
                new SettingsPanel.DeviceChoice("Test GPU", "  Test GPU (gpu, Fake platform, 8192 MiB)")),
                Arrays.asList("beads-60x", "dapi-100x"));
    }

    public interface EdtCall<T> {
        T call() throws Exception;
    }

    public static <T> T onEdt(final EdtCall<T> c) throws Exception {
        final AtomicReference<T> out = new AtomicReference<T>();
        final AtomicReference<Exception> failure = new AtomicReference<Exception>();
        SwingUtilities.invokeAndWait(new Runnable() {
            @Override
            public void run() {
                try {
                    out.set(c.call());
                } catch (Exception e) {
                    failure.set(e);
                }
            }
        });
        if (failure.get() != null) throw failure.get();
        return out.get();
    }

    @Test
    void defaultsRoundTripThroughThePanel() throws Exception {
        PluginSettings back = onEdt(() -> {
            SettingsPanel p = newPanel();
            p.show(PluginSettings.defaults());
            return p.settings();
        });
        assertEquals(PluginSettings.defaults(), back);
    }

    @Test
    void anotherAlgorithmBringsItsIterationsUnlessTheUserTypedACount() throws Exception {
        int[] seen = onEdt(() -> {
            SettingsPanel p = newPanel();
            p.show(PluginSettings.defaults());
            int[] r = new int[5];
            r[0] = (Integer) p.iterations.getValue();
            p.algorithm.setSelectedItem(Algorithm.ACCELERATED_RL);
            r[1] = p.settings().deconvolution().iterations();
            p.algorithm.setSelectedItem(Algorithm.RL_WB);
            r[2] = p.settings().deconvolution().iterations();
            p.iterations.setValue(7);
            p.algorithm.setSelectedItem(Algorithm.RL_SHB);
            r[3] = p.settings().deconvolution().iterations();
            // saved settings keep their count when shown
            p.show(PluginSettings.builder().algorithm(Algorithm.ACCELERATED_RL).iterations(4).build());
            r[4] = p.settings().deconvolution().iterations();
            return r;
        });
        assertEquals(PluginSettings.DEFAULT_ITERATIONS, seen[0], "rl-wb's live count");
        assertEquals(10, seen[1], "accelerated RL's live count replaces rl-wb's untouched 4");
        assertEquals(PluginSettings.DEFAULT_ITERATIONS, seen[2], "and back");
        assertEquals(7, seen[3], "a typed count stays");
        assertEquals(4, seen[4], "a saved count is shown as saved");
    }

    @Test
    void everyChangedFieldRoundTripsThroughThePanel() throws Exception {
        assertEquals(CHANGED, onEdt(() -> {
            SettingsPanel p = newPanel();
            p.show(CHANGED);
            return p.settings();
        }));
    }

    @Test
    void editsInTheFormReachTheSettings() throws Exception {
        PluginSettings s = onEdt(() -> {
            SettingsPanel p = newPanel();
            p.algorithm.setSelectedItem(Algorithm.RICHARDSON_LUCY);
            p.iterations.setValue(25);
            p.lambda.setText("0.02");
            p.backgroundKind.setSelectedItem("none");
            p.boundary.setSelectedItem(Boundary.PERIODIC);
            p.device.setSelectedIndex(3); // the detected OpenCL GPU
            p.policy.setSelectedItem("latest");
            p.displayAndSave.setSelected(true);
            p.psfs.setChannelPresets(Arrays.asList("DAPI", "FITC", "Cy5"));
            PsfRowsPanel.Row r = p.psfs.addRow();
            assertEquals("DAPI", r.label(), "a new row takes the first preset without a row");
            r.channel.setSelectedItem("Cy5");
            r.source.setSelectedItem("dapi-100x");
            PsfRowsPanel.Row legacy = p.psfs.addRow();
            assertEquals("DAPI", legacy.label());
            legacy.channel.setSelectedItem("#2"); // a channel index, for acquisitions without channel names
            return p.settings();
        });
        assertEquals(PluginSettings.builder().algorithm(Algorithm.RICHARDSON_LUCY).iterations(25).lambda(0.02)
                .background(Background.none()).boundary(Boundary.PERIODIC).device("Test GPU")
                .policy(LivePolicy.LATEST).output(PluginSettings.Output.DISPLAY_AND_SAVE)
                .channelPsf("Cy5", ChannelPsf.library("dapi-100x"))
                .channelPsf(2, PluginSettings.defaults().defaultPsf()).build(), s);
    }

    @Test
    void invalidLambdaIsShownNamingTheValue() throws Exception {
        onEdt(() -> {
            SettingsPanel p = newPanel();
            p.lambda.setText("abc");
            assertTrue(p.lambdaMessage.isVisible());
            assertTrue(p.lambdaMessage.getText().contains("'abc'"), p.lambdaMessage.getText());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::settings);
            assertEquals(p.lambdaMessage.getText(), e.getMessage());
            p.lambda.setText("-0.5");
            assertTrue(p.lambdaMessage.getText().contains("-0.5"), p.lambdaMessage.getText());
            assertEquals(PluginSettings.defaults(), p.lastValid());
            p.lambda.setText("");
            assertFalse(p.lambdaMessage.isVisible());
            assertEquals(PluginSettings.defaults(), p.settings());
            return null;
        });
    }

    @Test
    void invalidIterationsAreShownNamingTheValue() throws Exception {
        onEdt(() -> {
            SettingsPanel p = newPanel();
            p.iterations.setValue(0);
            assertTrue(p.iterationsMessage.getText().contains("iterations") && p.iterationsMessage.getText().contains("got 0"),
                    p.iterationsMessage.getText());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::settings);
            assertTrue(e.getMessage().contains("got 0"), e.getMessage());
            ((JSpinner.DefaultEditor) p.iterations.getEditor()).getTextField().setText("ten");
            assertTrue(p.iterationsMessage.getText().contains("'ten'"), p.iterationsMessage.getText());
            p.iterations.setValue(12);
            assertFalse(p.iterationsMessage.isVisible());
            assertEquals(12, p.settings().deconvolution().iterations());
            return null;
        });
    }

    @Test
    void invalidPsfAndBackgroundAreShownNamingTheValue() throws Exception {
        onEdt(() -> {
            SettingsPanel p = newPanel();
            PsfRowsPanel.Row r = p.psfs.addRow();
            r.na.setText("1.7");
            String m = p.psfs.message().getText();
            assertTrue(m.contains("channel 0") && m.contains("1.7"), m);
            assertThrows(IllegalArgumentException.class, p::settings);
            r.na.setText("1.3");
            p.backgroundKind.setSelectedItem("value");
            p.backgroundValue.setText("-3");
            assertTrue(p.backgroundMessage.getText().contains("-3"), p.backgroundMessage.getText());
            return null;
        });
    }

    @Test
    void rendersOffScreenToAPng() throws Exception {
        BufferedImage img = onEdt(() -> {
            SettingsPanel p = newPanel();
            p.show(CHANGED);
            p.lambda.setText("0.7"); // too large for RL-TV: the message shows in the picture
            return ScreenCaptures.paintOffScreen(p);
        });
        File f = new File("target/screenshots/settings-panel.png");
        assertTrue(f.getParentFile().isDirectory() || f.getParentFile().mkdirs());
        assertTrue(ImageIO.write(img, "png", f));
        ScreenCaptures.assertPainted(img, "settings panel", 200, 200, 50);
    }

    /** Sizes every component as a window would (no peer needed). */
    @Test
    void storedDeviceThatIsNotDetectedKeepsItsOwnEntryAndRoundTrips() throws Exception {
        PluginSettings stored = CHANGED.toBuilder().device("Radeon Pro W7900").build();
        PluginSettings back = onEdt(() -> {
            SettingsPanel p = newPanel();
            p.show(stored);
            assertEquals("Radeon Pro W7900", ((SettingsPanel.DeviceChoice) p.device.getSelectedItem()).device);
            // detection finishing later replaces the placeholder's label, keeping the selection
            p.addDevices(Collections.singletonList(new SettingsPanel.DeviceChoice("Radeon Pro W7900",
                    "  Radeon Pro W7900 (gpu, AMD, 49152 MiB)")));
            assertTrue(p.device.getSelectedItem().toString().contains("49152 MiB"), p.device.getSelectedItem().toString());
            return p.settings();
        });
        assertEquals(stored, back);
    }

    @Test
    void deviceDetectionNeverThrowsAndSaysWhatItFound() {
        java.util.List<SettingsPanel.DeviceChoice> found = new java.util.ArrayList<SettingsPanel.DeviceChoice>();
        String status = SettingsPanel.detectOpenClDevices(found);
        if (found.isEmpty()) {
            assertTrue(status.startsWith("no OpenCL") || status.startsWith("0 OpenCL"), status);
        } else {
            assertEquals(found.size() + " OpenCL device" + (found.size() == 1 ? "" : "s") + " found", status);
            for (SettingsPanel.DeviceChoice d : found) assertTrue(d.label.endsWith(" MiB)"), "memory shown: " + d.label);
        }
    }
}
