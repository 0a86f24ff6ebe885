package org.livedecon.mm.settings;

import java.util.Locale;
import java.util.Map;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.live.LivePolicy;
import org.livedecon.core.psf.model.PsfModel;
import java.util.function.Supplier;
import org.micromanager.PropertyMap;
import org.micromanager.PropertyMaps;

/**
 * The one converter between Micro-Manager's {@link PropertyMap} and {@link PluginSettings}, using
 * only the keys of {@link SettingsKeys}. Missing keys take the defaults of
 * {@link PluginSettings#defaults()}; malformed values throw {@link IllegalArgumentException} naming
 * the key and the value. Stateless and thread-safe.
 */
public final class SettingsConverter {
    private SettingsConverter() {
    }

    /**
     * Reads settings. @throws IllegalArgumentException naming the key and the value that cannot be used
     */
    public static PluginSettings fromPropertyMap(PropertyMap map) {
        PluginSettings d = PluginSettings.defaults();
        PluginSettings.Builder b = PluginSettings.builder();
        String key = null;
        try {
            key = SettingsKeys.ALGORITHM;
            b.algorithm(Algorithm.parse(map.getString(key, d.deconvolution().algorithm().cliName())));
            key = SettingsKeys.ITERATIONS;
            b.iterations(map.getInteger(key, d.deconvolution().iterations()));
            key = SettingsKeys.LAMBDA;
            b.lambda(map.containsKey(key) ? Double.valueOf(map.getDouble(key, 0)) : null);
            key = SettingsKeys.BACKGROUND;
            b.background(Background.parse(map.getString(key, d.deconvolution().background().toString())));
            key = SettingsKeys.BOUNDARY;
            b.boundary(Boundary.parse(map.getString(key, d.deconvolution().boundary().cliName())));
            key = SettingsKeys.DEVICE;
            b.device(map.getString(key, d.device()));
            key = SettingsKeys.POLICY;
            b.policy(LivePolicy.parse(map.getString(key, d.policy().name())));
            key = SettingsKeys.OUTPUT;
            b.output(PluginSettings.Output.valueOf(upper(map.getString(key, d.output().name()))));
            key = SettingsKeys.SAVE_FOLDER;
            b.saveFolder(map.getString(key, d.saveFolder()));
            key = SettingsKeys.DEFAULT_PSF;
            PropertyMap psf = map.getPropertyMap(key, null);
            if (psf != null) b.defaultPsf(psfFrom(psf));
            key = SettingsKeys.CHANNEL_PSFS;
            PropertyMap channels = map.getPropertyMap(key, null);
            if (channels != null) {
                for (String c : channels.keySet()) {
                    key = SettingsKeys.CHANNEL_PSFS + "/" + c;
                    b.channelPsf(Integer.parseInt(c), psfFrom(channels.getPropertyMap(c, null)));
                }
            }
            key = SettingsKeys.CHANNEL_PSFS_BY_NAME;
            PropertyMap named = map.getPropertyMap(key, null);
            if (named != null) {
                for (String c : named.keySet()) {
                    key = SettingsKeys.CHANNEL_PSFS_BY_NAME + "/" + c;
                    b.channelPsf(c, psfFrom(named.getPropertyMap(c, null)));
                }
            }
            return b.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting '" + key + "' cannot be used: " + e.getMessage(), e);
        }
    }

    /** As {@link #toPropertyMap(PluginSettings, Supplier)} with MMStudio's {@code PropertyMaps.builder()}. */
    public static PropertyMap toPropertyMap(PluginSettings s) {
        return toPropertyMap(s, new Supplier<PropertyMap.Builder>() {
            @Override
            public PropertyMap.Builder get() { return PropertyMaps.builder(); }
        });
    }

    /** Every key of {@code s} in a new map; {@code builders} gives a fresh empty builder per call (nested maps too). */
    public static PropertyMap toPropertyMap(PluginSettings s, Supplier<PropertyMap.Builder> builders) {
        PropertyMap.Builder into = builders.get();
        into.putInteger(SettingsKeys.VERSION, SettingsKeys.CURRENT_VERSION);
        into.putString(SettingsKeys.ALGORITHM, s.deconvolution().algorithm().cliName());
        into.putInteger(SettingsKeys.ITERATIONS, s.deconvolution().iterations());
        if (s.explicitLambda() != null) into.putDouble(SettingsKeys.LAMBDA, s.explicitLambda());
        into.putString(SettingsKeys.BACKGROUND, s.deconvolution().background().toString());
        into.putString(SettingsKeys.BOUNDARY, s.deconvolution().boundary().cliName());
        into.putString(SettingsKeys.DEVICE, s.device());
        into.putString(SettingsKeys.POLICY, s.policy().name());
        into.putString(SettingsKeys.OUTPUT, s.output().name());
        into.putString(SettingsKeys.SAVE_FOLDER, s.saveFolder());
        into.putPropertyMap(SettingsKeys.DEFAULT_PSF, psfTo(s.defaultPsf(), builders.get()));
        PropertyMap.Builder channels = builders.get();
        for (Map.Entry<Integer, ChannelPsf> e : s.channelPsfs().entrySet()) {
            channels.putPropertyMap(String.valueOf(e.getKey()), psfTo(e.getValue(), builders.get()));
        }
        into.putPropertyMap(SettingsKeys.CHANNEL_PSFS, channels.build());
        PropertyMap.Builder named = builders.get();
        for (Map.Entry<String, ChannelPsf> e : s.namedChannelPsfs().entrySet()) {
            named.putPropertyMap(e.getKey(), psfTo(e.getValue(), builders.get()));
        }
        into.putPropertyMap(SettingsKeys.CHANNEL_PSFS_BY_NAME, named.build());
        return into.build();
    }

    private static ChannelPsf psfFrom(PropertyMap m) {
        if (m == null) throw new IllegalArgumentException("a PSF entry must be a map");
        ChannelPsf.Kind kind = ChannelPsf.Kind.valueOf(upper(m.getString(SettingsKeys.PSF_KIND, "")));
        if (kind == ChannelPsf.Kind.LIBRARY) return ChannelPsf.library(m.getString(SettingsKeys.PSF_LIBRARY_NAME, ""));
        return ChannelPsf.theoretical(PsfModel.valueOf(upper(m.getString(SettingsKeys.PSF_MODEL, PsfModel.BORN_WOLF.name()))),
                m.getDouble(SettingsKeys.PSF_NA, Double.NaN), m.getDouble(SettingsKeys.PSF_WAVELENGTH_UM, Double.NaN),
                m.getDouble(SettingsKeys.PSF_IMMERSION_INDEX, Double.NaN));
    }

    private static PropertyMap psfTo(ChannelPsf p, PropertyMap.Builder b) {
        b.putString(SettingsKeys.PSF_KIND, p.kind().name());
        if (p.kind() == ChannelPsf.Kind.LIBRARY) {
            b.putString(SettingsKeys.PSF_LIBRARY_NAME, p.libraryName());
        } else {
            b.putString(SettingsKeys.PSF_MODEL, p.model().name());
            b.putDouble(SettingsKeys.PSF_NA, p.na());
            b.putDouble(SettingsKeys.PSF_WAVELENGTH_UM, p.wavelengthUm());
            b.putDouble(SettingsKeys.PSF_IMMERSION_INDEX, p.immersionIndex());
        }
        return b.build();
    }

    private static String upper(String s) {
        return s.trim().toUpperCase(Locale.ROOT);
    }
}
