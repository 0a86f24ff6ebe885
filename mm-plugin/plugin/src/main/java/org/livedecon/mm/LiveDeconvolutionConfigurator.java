package org.livedecon.mm;

import org.micromanager.PropertyMap;
import org.micromanager.Studio;
import org.micromanager.data.ProcessorConfigurator;

/**
 * Placeholder configurator: keeps the settings it was given (completed with defaults) and opens no
 * window. The Swing settings UI is not written yet; {@link #showGUI()} says so in the log.
 */
public final class LiveDeconvolutionConfigurator implements ProcessorConfigurator {
    private final PropertyMap given;
    private final Studio studio;

    public LiveDeconvolutionConfigurator(PropertyMap settings, Studio studio) {
        this.given = settings;
        this.studio = studio;
    }

    @Override
    public void showGUI() {
        if (studio != null) studio.logs().showMessage("Live Deconvolution: the settings window is not yet implemented");
    }

    @Override
    public void cleanup() {
    }

    /** The given map with every setting written out (defaults where absent), other keys kept. */
    @Override
    public PropertyMap getSettings() {
        PluginSettings s;
        try {
            s = SettingsConverter.fromPropertyMap(given);
        } catch (IllegalArgumentException e) {
            s = PluginSettings.defaults();
        }
        return given.copyBuilder().putAll(SettingsConverter.toPropertyMap(s)).build();
    }
}
