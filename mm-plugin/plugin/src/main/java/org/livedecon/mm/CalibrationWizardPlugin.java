package org.livedecon.mm;

import org.micromanager.MenuPlugin;
import org.micromanager.Studio;
import org.scijava.plugin.Plugin;
import org.scijava.plugin.SciJavaPlugin;

/**
 * "PSF from beads..." in the Plugins menu. The calibration wizard is NOT implemented yet: selecting
 * the item only logs and shows that.
 */
@Plugin(type = MenuPlugin.class)
public final class CalibrationWizardPlugin implements MenuPlugin, SciJavaPlugin {
    private Studio studio;

    @Override
    public void setContext(Studio studio) { this.studio = studio; }

    @Override
    public String getSubMenu() { return "Live Deconvolution"; }

    @Override
    public void onPluginSelected() {
        if (studio != null) {
            studio.logs().logMessage("Live Deconvolution: the PSF calibration wizard is not yet implemented");
            studio.logs().showMessage("The PSF calibration wizard is not yet implemented.");
        }
    }

    @Override
    public String getName() { return "PSF from beads..."; }

    @Override
    public String getHelpText() { return "Measures the PSF from a z-scan of fluorescent beads (not yet implemented)."; }

    @Override
    public String getVersion() { return Version.get(); }

    @Override
    public String getCopyright() { return "livedecon contributors, BSD-3-Clause"; }
}
