/**
 * The Micro-Manager 2 plugin. This package holds the two classes Micro-Manager finds and
 * instantiates: {@link org.livedecon.mm.LiveDeconvolutionPlugin} (a processor in "On-the-fly Image
 * Processing") and {@link org.livedecon.mm.CalibrationWizardPlugin} (Plugins menu "PSF from
 * beads..."). Their names stay here: Micro-Manager saves a user's pipeline with the processor
 * plugin's class name ({@code pluginName}) and restores it by that name at start-up, so moving the
 * class would lose the saved pipeline. The rest is in packages by role:
 * <ul>
 *   <li>{@link org.livedecon.mm.processor}: the processor, from the camera frame to the result
 *       display;</li>
 *   <li>{@link org.livedecon.mm.settings}: the settings, their PropertyMap keys, and the PSF per
 *       channel;</li>
 *   <li>{@link org.livedecon.mm.ui}: the settings window;</li>
 *   <li>{@link org.livedecon.mm.wizard}: the PSF-from-beads wizard;</li>
 *   <li>{@link org.livedecon.mm.mmcore}: MMCore seen as the core's microscope (camera, focus,
 *       shutter) and the channel presets.</li>
 * </ul>
 * A frame from the camera to the display, in four files:
 * <ol>
 *   <li>{@link org.livedecon.mm.processor.LiveDeconvolutionProcessor#processImage}: Micro-Manager's
 *       pipeline thread; the raw image is output first and unchanged, then a plane descriptor (no
 *       pixel copy) is handed to a single-thread executor; any failure switches the processor to
 *       pass-through.</li>
 *   <li>{@link org.livedecon.core.live.LiveDeconvolver} (processing-core): never-blocking hand-off,
 *       stack assembly per (time, channel, position), deconvolution on its own worker.</li>
 *   <li>{@link org.livedecon.core.deconv.Deconvolver} (processing-core): Wiener or Richardson–Lucy
 *       on the CPU or OpenCL backend ({@link org.livedecon.mm.settings.PluginSettings#device()}).</li>
 *   <li>{@link org.livedecon.mm.processor.DatastoreResultSink}: the result into the plugin's own
 *       datastore and display window, "&lt;acquisition&gt; (deconvolved)", behind
 *       {@link org.livedecon.mm.processor.TiffResultSaver} when the stacks are also saved as TIFF.</li>
 * </ol>
 * Around them: {@link org.livedecon.mm.LiveDeconvolutionPlugin} (metadata, creates things),
 * {@link org.livedecon.mm.processor.LiveDeconvolutionFactory} (immutable, per acquisition),
 * {@link org.livedecon.mm.settings.SettingsKeys} and {@link org.livedecon.mm.settings.SettingsConverter}
 * (PropertyMap ↔ {@link org.livedecon.mm.settings.PluginSettings}),
 * {@link org.livedecon.mm.processor.PassThroughProcessor},
 * {@link org.livedecon.mm.ui.LiveDeconvolutionConfigurator} (settings window holding a
 * {@link org.livedecon.mm.ui.SettingsPanel}, with {@link org.livedecon.mm.ui.PsfRowsPanel} for the
 * per-channel PSFs), {@link org.livedecon.mm.CalibrationWizardPlugin} (Plugins menu "PSF from
 * beads...": the {@link org.livedecon.mm.wizard.CalibrationWizard} window, Swing only, over the
 * display-free {@link org.livedecon.mm.wizard.CalibrationWizardModel}, which drives the core's
 * calibration session on {@link org.livedecon.mm.mmcore.MmCoreMicroscope} and records channel
 * assignments in {@link org.livedecon.mm.settings.PsfAssignments}).
 */
package org.livedecon.mm;
