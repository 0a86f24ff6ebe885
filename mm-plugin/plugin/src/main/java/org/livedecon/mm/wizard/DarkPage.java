package org.livedecon.mm.wizard;

import java.util.Locale;

import javax.swing.JButton;
import javax.swing.JLabel;

import org.livedecon.core.calibration.CameraDark;
import org.livedecon.core.hardware.Shutter;

/**
 * The dark step: the camera's offset and read noise from {@link CameraDark#DEFAULT_FRAMES} frames
 * with the shutter closed, saved with the PSF and used by the processor as the background b. Optional
 * (skipping it leaves the automatic background), but a measured offset is what the background
 * should be; needs a shutter.
 */
final class DarkPage extends WizardPage {
    private static final long serialVersionUID = 1L;
    final JButton measure = new JButton("Measure the camera offset (shutter closed)");
    final JLabel result = new JLabel("Not measured: stacks will use the automatic background.");
    private final Shutter shutter;

    DarkPage(CalibrationWizardModel model, Shutter shutter) {
        super(model, "7. Camera offset", "Optional. With the shutter closed (auto-shutter off for the moment, restored "
                + "after) the wizard snaps " + CameraDark.DEFAULT_FRAMES + " dark frames at the current exposure and "
                + "measures the camera offset and read noise. They are saved with the PSF, and stacks deconvolved "
                + "with it subtract this offset instead of an estimate. Use the exposure of your experiments.");
        this.shutter = shutter;
        wide(measure, false);
        wide(result, false);
        measure.setEnabled(shutter != null);
        measure.addActionListener(e -> {
            measure.setEnabled(false);
            work("taking dark frames", () -> model.measureDark(shutter, CameraDark.DEFAULT_FRAMES), d -> {
                measure.setEnabled(true);
                enter();
            }).addPropertyChangeListener(ev -> {
                if ("state".equals(ev.getPropertyName()) && ev.getNewValue() == javax.swing.SwingWorker.StateValue.DONE) {
                    measure.setEnabled(true);
                }
            });
        });
    }

    @Override
    void enter() {
        CameraDark d = model.dark();
        if (shutter == null) {
            error("No shutter to close: the dark step needs a Core-Shutter.");
        } else if (d != null) {
            result.setText(String.format(Locale.ROOT, "Offset %.2f counts, read noise %.2f counts rms (%d frames).",
                    d.offsetAdu(), d.readNoiseAdu(), d.frames()));
            ok("Measured; saved with the PSF on the next page.");
        }
    }
}
