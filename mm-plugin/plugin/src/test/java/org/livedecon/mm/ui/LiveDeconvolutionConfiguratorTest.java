package org.livedecon.mm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.settings.SettingsConverter;
import org.livedecon.mm.settings.SettingsConverterTest;
import org.livedecon.mm.settings.SettingsKeys;
import org.livedecon.mm.testing.FakePropertyMap;
import org.micromanager.PropertyMap;

class LiveDeconvolutionConfiguratorTest {
    static final Supplier<SettingsPanel> PANELS = new Supplier<SettingsPanel>() {
        @Override
        public SettingsPanel get() { return SettingsPanelTest.newPanel(); }
    };

    /** Values of the static final String constants of {@link SettingsKeys} (the PSF_* ones when {@code psfKeys}, else the others). */
    static Set<String> keys(boolean psfKeys) throws IllegalAccessException {
        Set<String> out = new HashSet<String>();
        for (Field f : SettingsKeys.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class
                    && f.getName().startsWith("PSF_") == psfKeys) {
                out.add((String) f.get(null));
            }
        }
        return out;
    }

    @Test
    void settingsOfAnEmptyMapHaveEveryKeyAndRoundTrip() throws Exception {
        LiveDeconvolutionConfigurator c = new LiveDeconvolutionConfigurator(FakePropertyMap.builder().build(), null, PANELS);
        PropertyMap m = c.getSettings();
        Set<String> expected = keys(false);
        expected.remove(SettingsKeys.PROCESSOR_NAME); // written by Micro-Manager, kept when given
        expected.remove(SettingsKeys.LAMBDA); // absent = the algorithm's default
        assertTrue(m.keySet().containsAll(expected), "missing: " + missing(expected, m.keySet()));
        Set<String> psf = keys(true);
        psf.remove(SettingsKeys.PSF_LIBRARY_NAME); // the default PSF is theoretical
        PropertyMap defaultPsf = m.getPropertyMap(SettingsKeys.DEFAULT_PSF, null);
        assertTrue(defaultPsf.keySet().containsAll(psf), "missing: " + missing(psf, defaultPsf.keySet()));
        assertEquals(PluginSettings.defaults(), SettingsConverter.fromPropertyMap(m));
        assertEquals(m, SettingsConverter.toPropertyMap(SettingsConverter.fromPropertyMap(m), SettingsConverterTest.FAKE));
    }

    @Test
    void keepsOtherKeysAndDropsAStaleLambda() {
        PropertyMap given = FakePropertyMap.builder().putString(SettingsKeys.PROCESSOR_NAME, "Live Deconvolution")
                .putDouble(SettingsKeys.LAMBDA, 0.003).build();
        LiveDeconvolutionConfigurator c = new LiveDeconvolutionConfigurator(given, null, PANELS);
        PropertyMap m = c.getSettings();
        assertEquals("Live Deconvolution", m.getString(SettingsKeys.PROCESSOR_NAME, null));
        assertEquals(0.003, m.getDouble(SettingsKeys.LAMBDA, 0), 0);
    }

    @Test
    void unusableGivenSettingsGiveDefaults() {
        PropertyMap given = FakePropertyMap.builder().putString(SettingsKeys.ALGORITHM, "magic").build();
        PropertyMap m = new LiveDeconvolutionConfigurator(given, null, PANELS).getSettings();
        assertEquals(PluginSettings.defaults(), SettingsConverter.fromPropertyMap(m));
    }

    @Test
    void readsTheFormFromAnyThreadWhileValid() throws Exception {
        PropertyMap given = SettingsConverter.toPropertyMap(SettingsPanelTest.CHANGED, SettingsConverterTest.FAKE);
        final LiveDeconvolutionConfigurator c = new LiveDeconvolutionConfigurator(given, null, PANELS);
        assertEquals(SettingsPanelTest.CHANGED, SettingsPanelTest.onEdt(() -> c.panelOnEdt().settings()));
        SettingsPanelTest.onEdt(() -> {
            c.panelOnEdt().algorithm.setSelectedItem(Algorithm.WIENER);
            return null;
        });
        PropertyMap fromTestThread = c.getSettings();
        assertEquals(Algorithm.WIENER, SettingsConverter.fromPropertyMap(fromTestThread).deconvolution().algorithm());
        PropertyMap fromEdt = SettingsPanelTest.onEdt(() -> c.getSettings());
        assertEquals(fromTestThread, fromEdt);

        SettingsPanelTest.onEdt(() -> {
            c.panelOnEdt().lambda.setText("not a number");
            return null;
        });
        PluginSettings whileInvalid = SettingsConverter.fromPropertyMap(c.getSettings());
        assertEquals(SettingsPanelTest.CHANGED, whileInvalid, "invalid form: the given settings");
        assertFalse(c.getSettings().keySet().isEmpty());
        c.cleanup();
        assertEquals(SettingsPanelTest.CHANGED, SettingsConverter.fromPropertyMap(c.getSettings()));
    }

    private static Set<String> missing(Set<String> expected, Set<String> actual) {
        Set<String> m = new HashSet<String>(expected);
        m.removeAll(actual);
        return m;
    }
}
