/**
 * The PSF-from-beads wizard: the display-free {@link org.livedecon.mm.wizard.CalibrationWizardModel}
 * (drives the core's calibration session, testable without a screen) and its Swing window
 * {@link org.livedecon.mm.wizard.CalibrationWizard} with one page per step.
 */
package org.livedecon.mm.wizard;
