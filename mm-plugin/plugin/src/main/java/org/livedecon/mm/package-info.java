/**
 * The Micro-Manager 2 plugin. A frame from the camera to the display, in four files:
 * <ol>
 *   <li>{@link org.livedecon.mm.LiveDeconvolutionProcessor#processImage}: Micro-Manager's pipeline
 *       thread; the raw image is output first and unchanged, then a plane descriptor (no pixel copy)
 *       is handed to a single-thread executor; any failure switches the processor to pass-through.</li>
 *   <li>{@link org.livedecon.core.live.LiveDeconvolver} (processing-core): never-blocking hand-off,
 *       stack assembly per (time, channel, position), deconvolution on its own worker.</li>
 *   <li>{@link org.livedecon.core.deconv.Deconvolver} (processing-core): Wiener or Richardson–Lucy
 *       on the CPU or OpenCL backend ({@link org.livedecon.mm.PluginSettings#device()}).</li>
 *   <li>{@link org.livedecon.mm.DatastoreResultSink}: the result into the plugin's own datastore and
 *       display window, "&lt;acquisition&gt; (deconvolved)", behind {@link org.livedecon.mm.TiffResultSaver}
 *       when the stacks are also saved as TIFF.</li>
 * </ol>
 * Around them: {@link org.livedecon.mm.LiveDeconvolutionPlugin} (metadata, creates things),
 * {@link org.livedecon.mm.LiveDeconvolutionFactory} (immutable, per acquisition),
 * {@link org.livedecon.mm.SettingsKeys} and {@link org.livedecon.mm.SettingsConverter} (PropertyMap ↔
 * {@link org.livedecon.mm.PluginSettings}), {@link org.livedecon.mm.PassThroughProcessor},
 * {@link org.livedecon.mm.LiveDeconvolutionConfigurator} (settings window holding a
 * {@link org.livedecon.mm.SettingsPanel}, with {@link org.livedecon.mm.PsfRowsPanel} for the per-channel PSFs),
 * {@link org.livedecon.mm.CalibrationWizardPlugin} (Plugins menu "PSF from beads...": the
 * {@link org.livedecon.mm.CalibrationWizard} window, Swing only, over the display-free
 * {@link org.livedecon.mm.CalibrationWizardModel}, which drives the core's calibration session on
 * {@link org.livedecon.mm.MmCoreMicroscope} and records channel assignments in
 * {@link org.livedecon.mm.PsfAssignments}).
 */
package org.livedecon.mm;
