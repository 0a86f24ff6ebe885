package org.livedecon.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.live.LivePolicy;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.mm.settings.ChannelPsf;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.settings.SettingsConverter;
import org.livedecon.mm.settings.SettingsConverterTest;
import org.livedecon.mm.testing.FakePropertyMap;
import org.micromanager.PropertyMap;

/**
 * What a user's Micro-Manager profile holds from an earlier version of the plugin still reads after
 * an upgrade. Micro-Manager saves the "On-the-fly Image Processing" pipeline as one JSON row per
 * processor (PipelineTableModel.savePipelineToProfile, ConfiguratorWrapper.toJSON): {@code pluginName}
 * is the processor plugin's class name, looked up again at start-up in
 * {@code plugins().getProcessorPlugins()}, which is keyed by class name; {@code configSettings} is our
 * PropertyMap as JSON. The strings below are the ones earlier versions wrote: literals on purpose,
 * so that renaming a class, a package or a key constant fails here.
 */
class SavedSettingsTest {
    /** {@code pluginName} of every saved pipeline row so far. */
    static final String SAVED_PLUGIN_CLASS = "org.livedecon.mm.LiveDeconvolutionPlugin";

    @Test
    void theProcessorPluginKeepsTheClassNameSavedPipelinesNameIt() {
        assertEquals(SAVED_PLUGIN_CLASS, new LiveDeconvolutionPlugin().getClass().getName());
        assertEquals("Live Deconvolution", LiveDeconvolutionPlugin.NAME, "the name in Micro-Manager's processor list");
    }

    @Test
    void settingsSavedByAnEarlierVersionReadBackAndAreWrittenUnderTheSameKeys() {
        PropertyMap saved = FakePropertyMap.builder()
                .putInteger("livedecon.version", 1)
                .putString("livedecon.algorithm", "rl-tv")
                .putInteger("livedecon.iterations", 37)
                .putDouble("livedecon.lambda", 0.004)
                .putString("livedecon.background", "101.5")
                .putString("livedecon.boundary", "periodic")
                .putString("livedecon.device", "GeForce RTX")
                .putString("livedecon.policy", "ADAPTIVE")
                .putString("livedecon.output", "DISPLAY_AND_SAVE")
                .putString("livedecon.saveFolder", "/data/decon")
                .putPropertyMap("livedecon.psf.default", library("beads-60x"))
                .putPropertyMap("livedecon.psf.channels", FakePropertyMap.builder()
                        .putPropertyMap("3", library("dapi")).build())
                .putPropertyMap("livedecon.psf.channelNames", FakePropertyMap.builder()
                        .putPropertyMap("FITC", FakePropertyMap.builder().putString("kind", "THEORETICAL")
                                .putString("model", "BORN_WOLF").putDouble("na", 1.4).putDouble("wavelengthUm", 0.52)
                                .putDouble("immersionIndex", 1.515).build()).build())
                .build();
        PluginSettings expected = PluginSettings.builder().algorithm(Algorithm.RL_TV).iterations(37).lambda(0.004)
                .background(Background.fixed(101.5)).boundary(Boundary.PERIODIC).device("GeForce RTX")
                .policy(LivePolicy.ADAPTIVE).output(PluginSettings.Output.DISPLAY_AND_SAVE).saveFolder("/data/decon")
                .defaultPsf(ChannelPsf.library("beads-60x"))
                .channelPsf(3, ChannelPsf.library("dapi"))
                .channelPsf("FITC", ChannelPsf.theoretical(PsfModel.BORN_WOLF, 1.4, 0.52, 1.515)).build();

        assertEquals(expected, SettingsConverter.fromPropertyMap(saved));
        assertEquals(saved, SettingsConverter.toPropertyMap(expected, SettingsConverterTest.FAKE));
    }

    private static PropertyMap library(String name) {
        return FakePropertyMap.builder().putString("kind", "LIBRARY").putString("libraryName", name).build();
    }
}
