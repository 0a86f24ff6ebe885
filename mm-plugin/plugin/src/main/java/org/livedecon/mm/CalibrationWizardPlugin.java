package org.livedecon.mm;

import javax.swing.SwingUtilities;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.mm.mmcore.ChannelPresets;
import org.livedecon.mm.mmcore.MmCoreMicroscope;
import org.livedecon.mm.mmcore.MmCoreShutter;
import org.livedecon.mm.wizard.CalibrationWizard;
import org.livedecon.mm.wizard.CalibrationWizardModel;
import org.micromanager.MenuPlugin;
import org.micromanager.SnapLiveManager;
import org.micromanager.Studio;
import org.scijava.plugin.Plugin;
import org.scijava.plugin.SciJavaPlugin;


/**
 * "PSF from beads..." in Plugins &gt; Live Deconvolution: opens the PSF calibration wizard
 * ({@link CalibrationWizard}) over Micro-Manager's core ({@link MmCoreMicroscope}), saving into the
 * user's PSF library ({@link PsfLibrary#standard()}). One window per plugin instance: selecting the
 * item again brings it to the front.
 */
@Plugin(type = MenuPlugin.class)
public final class CalibrationWizardPlugin implements MenuPlugin, SciJavaPlugin {
    private Studio studio;
    private CalibrationWizard wizard;
    private CalibrationWizardModel model;

    @Override
    public void setContext(Studio studio) { this.studio = studio; }

    @Override
    public String getSubMenu() { return "Live Deconvolution"; }

    @Override
    public void onPluginSelected() {
        if (!SwingUtilities.isEventDispatchThread()) {
            SwingUtilities.invokeLater(this::onPluginSelected);
            return;
        }
        if (studio == null) return;
        try {
            prepare();
            wizard.setChannelPresets(ChannelPresets.of(studio.core()));
            wizard.open();
        } catch (RuntimeException e) {
            studio.logs().showError(e, "PSF calibration wizard could not open: " + e.getMessage());
        }
    }

    /**
     * Builds the wizard the first time; on every opening reads the hardware again (pixel size,
     * exposure, focus and the limits about it), since the user may have moved the focus, changed
     * the objective or the binning since, unless a scan is running. EDT.
     *
     * @return the wizard's model
     */
    CalibrationWizardModel prepare() {
        if (wizard == null) {
            model = new CalibrationWizardModel(new MmCoreMicroscope(studio.core()), PsfLibrary.standard(),
                    liveMode(studio));
            // the dark step closes this shutter (auto-shutter off, restored after)
            model.setShutter(new MmCoreShutter(studio.core()));
            readHardware();
            wizard = new CalibrationWizard(model);
        } else if (!wizard.busy()) {
            readHardware();
            wizard.refresh();
        }
        return model;
    }

    private void readHardware() {
        try {
            model.readHardware();
        } catch (Exception e) {
            studio.logs().logError(e, "PSF calibration wizard: " + e.getMessage());
        }
    }

    /** Micro-Manager's live mode as the model sees it. */
    static CalibrationWizardModel.LiveMode liveMode(final Studio studio) {
        return new CalibrationWizardModel.LiveMode() {
            @Override
            public boolean isOn() {
                SnapLiveManager l = studio.live();
                return l != null && l.isLiveModeOn();
            }

            /** On the Swing thread, as Micro-Manager's own buttons do (the scan calls this from its worker). */
            @Override
            public void setOn(final boolean on) {
                final SnapLiveManager l = studio.live();
                if (l == null) return;
                if (SwingUtilities.isEventDispatchThread()) {
                    l.setLiveModeOn(on);
                    return;
                }
                try {
                    SwingUtilities.invokeAndWait(new Runnable() {
                        @Override
                        public void run() { l.setLiveModeOn(on); }
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while switching live mode " + (on ? "on" : "off"), e);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException) throw (RuntimeException) c;
                    throw new IllegalStateException("live mode could not be switched " + (on ? "on" : "off") + ": " + c, c);
                }
            }
        };
    }

    @Override
    public String getName() { return "PSF from beads..."; }

    @Override
    public String getHelpText() {
        return "Measures the PSF from a z-scan of fluorescent beads and saves it in the PSF library for the Live "
                + "Deconvolution processor.";
    }

    @Override
    public String getVersion() { return Version.get(); }

    @Override
    public String getCopyright() { return "livedecon contributors, BSD-3-Clause"; }
}
