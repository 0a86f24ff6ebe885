package org.livedecon.mm.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.live.LivePolicy;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.mm.testing.FakePropertyMap;
import org.micromanager.PropertyMap;

public class SettingsConverterTest {
    public static final Supplier<PropertyMap.Builder> FAKE = new Supplier<PropertyMap.Builder>() {
        @Override
        public PropertyMap.Builder get() { return FakePropertyMap.builder(); }
    };

    @Test
    void everySettingRoundTrips() {
        PluginSettings s = PluginSettings.builder().algorithm(Algorithm.RL_TV).iterations(37).lambda(0.004)
                .background(Background.fixed(101.5)).boundary(Boundary.PERIODIC).device("GeForce RTX")
                .policy(LivePolicy.ADAPTIVE).output(PluginSettings.Output.DISPLAY_AND_SAVE).saveFolder("/data/decon")
                .defaultPsf(ChannelPsf.library("beads-60x"))
                .channelPsf(0, ChannelPsf.theoretical(PsfModel.GIBSON_LANNI, 1.2, 0.61, 1.33))
                .channelPsf(3, ChannelPsf.library("dapi"))
                .channelPsf("Cy5", ChannelPsf.library("cy5-100x"))
                .channelPsf("FITC", ChannelPsf.theoretical(PsfModel.BORN_WOLF, 1.4, 0.52, 1.515)).build();
        PropertyMap map = SettingsConverter.toPropertyMap(s, FAKE);
        PluginSettings back = SettingsConverter.fromPropertyMap(map);
        assertEquals(s, back);
        assertEquals(ChannelPsf.library("cy5-100x"), back.psfFor(7, "Cy5"), "PSFs by channel name are stored");
        assertEquals(map, SettingsConverter.toPropertyMap(back, FAKE));
    }

    @Test
    void defaultsRoundTripAndFillAnEmptyMap() {
        PluginSettings d = PluginSettings.defaults();
        assertEquals(d, SettingsConverter.fromPropertyMap(FakePropertyMap.builder().build()));
        assertEquals(d, SettingsConverter.fromPropertyMap(SettingsConverter.toPropertyMap(d, FAKE)));
    }

    @Test
    void rejectsUnknownAlgorithmNamingTheKeyAndValue() {
        PropertyMap bad = FakePropertyMap.builder().putString(SettingsKeys.ALGORITHM, "magic").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SettingsConverter.fromPropertyMap(bad));
        assertTrue(e.getMessage().contains(SettingsKeys.ALGORITHM) && e.getMessage().contains("magic"), e.getMessage());
    }
}
