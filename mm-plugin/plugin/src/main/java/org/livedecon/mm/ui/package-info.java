/**
 * The settings window of "On-the-fly Image Processing": {@link org.livedecon.mm.ui.LiveDeconvolutionConfigurator}
 * around a {@link org.livedecon.mm.ui.SettingsPanel}, and the Swing helpers the wizard shares
 * (colours that read on Micro-Manager's dark look, {@link org.livedecon.mm.ui.Palette}; windows that
 * lay themselves out again, {@link org.livedecon.mm.ui.WindowFit}).
 */
package org.livedecon.mm.ui;
