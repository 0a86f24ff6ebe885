package org.livedecon.mm;

import org.livedecon.mm.processor.LiveDeconvolutionFactory;
import org.livedecon.mm.processor.StudioReporter;
import org.livedecon.mm.settings.PsfAssignments;
import org.livedecon.mm.settings.SettingsConverter;
import org.livedecon.mm.ui.LiveDeconvolutionConfigurator;
import org.micromanager.PropertyMap;
import org.micromanager.Studio;
import org.micromanager.data.ProcessorConfigurator;
import org.micromanager.data.ProcessorFactory;
import org.micromanager.data.ProcessorPlugin;
import org.scijava.plugin.Plugin;
import org.scijava.plugin.SciJavaPlugin;

/**
 * "Live Deconvolution" in Micro-Manager's On-the-fly Image Processing list: metadata and creation only.
 * Keep this class's name and package: Micro-Manager saves a user's pipeline under it and restores
 * the pipeline by it (SavedSettingsTest).
 */
@Plugin(type = ProcessorPlugin.class)
public final class LiveDeconvolutionPlugin implements ProcessorPlugin, SciJavaPlugin {
    public static final String NAME = "Live Deconvolution";
    private Studio studio;

    @Override
    public void setContext(Studio studio) { this.studio = studio; }

    /** A new processor (settings without PSFs) starts from the calibration wizard's channel assignments. */
    @Override
    public ProcessorConfigurator createConfigurator(PropertyMap settings) {
        PropertyMap given = settings;
        try {
            given = PsfAssignments.read(org.livedecon.core.psf.PsfLibrary.standard()).presetFor(settings,
                    org.micromanager.PropertyMaps::builder);
        } catch (java.io.IOException | RuntimeException e) {
            new StudioReporter(studio).log("PSF channel assignments not used: " + e.getMessage());
        }
        return new LiveDeconvolutionConfigurator(given, studio);
    }

    /** Unreadable settings are reported once and give a pass-through factory. */
    @Override
    public ProcessorFactory createFactory(PropertyMap settings) {
        try {
            return new LiveDeconvolutionFactory(SettingsConverter.fromPropertyMap(settings), studio);
        } catch (IllegalArgumentException e) {
            new StudioReporter(studio).error("settings cannot be used, images pass through: " + e.getMessage(), e);
            return new LiveDeconvolutionFactory(null, studio);
        }
    }

    @Override
    public String getName() { return NAME; }

    @Override
    public String getHelpText() {
        return "Deconvolves each z-stack while the acquisition runs; raw images pass on unchanged.";
    }

    @Override
    public String getVersion() { return Version.get(); }

    @Override
    public String getCopyright() { return "livedecon contributors, BSD-3-Clause"; }
}
