package org.livedecon.mm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.livedecon.mm.settings.SettingsConverter;
import org.livedecon.mm.settings.SettingsConverterTest;
import org.livedecon.mm.testing.Fakes;
import org.livedecon.mm.testing.ScreenCaptures;

/**
 * The configurator's real window on a real display (CI runs it under Xvfb with
 * {@code -Dlivedecon.headless=false}); skipped in a headless JVM, where
 * {@link SettingsPanelTest} paints the panel off-screen instead.
 */
class ConfiguratorWindowTest {
    @Test
    void showGuiOpensTheSettingsWindowWhichIsCapturedFromTheScreen() throws Exception {
        ScreenCaptures.assumeDisplay();
        Fakes.Studio studio = new Fakes.Studio();
        final LiveDeconvolutionConfigurator conf = new LiveDeconvolutionConfigurator(
                SettingsConverter.toPropertyMap(SettingsPanelTest.CHANGED, SettingsConverterTest.FAKE), studio,
                new Supplier<SettingsPanel>() {
                    @Override
                    public SettingsPanel get() { return SettingsPanelTest.newPanel(); }
                });
        try {
            conf.showGUI();
            ScreenCaptures.captureFrame("Live Deconvolution settings", "configurator-window.png");
            assertEquals(SettingsPanelTest.CHANGED, SettingsConverter.fromPropertyMap(conf.getSettings()),
                    "the window shows, and gives back, the stored settings");
            assertTrue(studio.logs.errors.isEmpty(), studio.logs.all());
        } finally {
            conf.cleanup();
        }
    }
}
