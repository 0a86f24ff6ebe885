package org.livedecon.mm.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.live.LiveDeconvolver;
import org.livedecon.core.live.LiveLog;
import org.livedecon.core.live.LiveResult;
import org.livedecon.core.live.LiveResultSink;
import org.livedecon.core.volume.VoxelSize;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.settings.SettingsConverter;
import org.livedecon.mm.settings.SettingsKeys;
import org.livedecon.mm.testing.FakePropertyMap;

/** The device setting: stored, read back (old upper-case values too), and used by the engine. */
class DeviceSettingTest {
    @Test
    void upperCaseValuesOfEarlierVersionsReadAsChoices() {
        for (String[] c : new String[][] {{"AUTO", "auto"}, {"GPU", "gpu"}, {"CPU", "cpu"}, {" Tesla V100 ", "Tesla V100"},
            {"", "auto"}}) {
            PluginSettings s = SettingsConverter.fromPropertyMap(
                    FakePropertyMap.builder().putString(SettingsKeys.DEVICE, c[0]).build());
            assertEquals(c[1], s.device(), "stored '" + c[0] + "'");
        }
        assertEquals("auto", PluginSettings.defaults().device());
    }

    @Test
    void engineComputesOnTheChosenDeviceOrFallsBackToTheCpuWithOneReason() throws Exception {
        PluginSettings s = PluginSettings.builder().algorithm(Algorithm.WIENER).device("gpu").build();
        final List<String> lines = Collections.synchronizedList(new ArrayList<String>());
        LiveDeconvolver engine = new DefaultEngineFactory().start(s,
                new StackGeometry(4, VoxelSize.of(0.1, 0.25), Collections.<String>emptyList(), "x"), new LiveResultSink() {
                    @Override
                    public void accept(LiveResult result) { }
                }, new LiveLog() {
                    @Override
                    public void warn(String message) { lines.add(message); }

                    @Override
                    public void info(String message) { lines.add(message); }
                }, new org.livedecon.core.live.MemoryLedger(64L << 20));
        assertEquals("gpu", engine.settings().device());
        engine.close();
        List<String> chosen = new ArrayList<String>();
        List<String> fallbacks = new ArrayList<String>();
        synchronized (lines) {
            for (String l : lines) {
                if (l.startsWith("backend: ")) chosen.add(l);
                if (l.startsWith("device gpu: ")) fallbacks.add(l);
            }
        }
        assertEquals(1, chosen.size(), "one backend line: " + lines);
        if (chosen.get(0).toLowerCase(java.util.Locale.ROOT).contains("opencl")) {
            assertTrue(fallbacks.isEmpty(), "an OpenCL GPU was used: " + lines);
        } else {
            // no OpenCL GPU here (no loader, no platform, or only PoCL): the CPU backend, with the reason, once
            assertEquals(1, fallbacks.size(), "one reason: " + lines);
            assertTrue(fallbacks.get(0).contains("using the CPU backend"), fallbacks.get(0));
            assertFalse(fallbacks.get(0).trim().endsWith(":"), "the reason is given: " + fallbacks.get(0));
        }
    }
}
