package org.livedecon.mm.wizard;

import static org.livedecon.mm.ui.Html.escape;

import java.awt.FlowLayout;
import java.util.Locale;

import javax.swing.DefaultComboBoxModel;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

import org.livedecon.core.calibration.Preview;
import org.livedecon.core.calibration.ScanPlan;
import org.livedecon.core.psf.model.PsfModel;

/** The first three wizard pages: optics, preview and exposure, z-scan range. */
final class SetupPages {
    /** Side of the preview picture, px. */
    static final int PREVIEW_BOX = 320;

    static final String CUSTOM = "(custom)";

    private SetupPages() {}

    /** Page 1: objective preset, NA, index, wavelength, pixel size, z step, bead diameter; Nyquist and theory shown. */
    static final class Optics extends WizardPage {
        private static final long serialVersionUID = 1L;
        final JComboBox<String> preset = new JComboBox<String>();
        final JTextField na = new JTextField(8);
        final JTextField index = new JTextField(8);
        final JTextField wavelength = new JTextField(8);
        final JTextField pixel = new JTextField(8);
        final JTextField zStep = new JTextField(8);
        final JTextField bead = new JTextField(8);
        final JComboBox<PsfModel> theory = new JComboBox<PsfModel>(PsfModel.values());
        final JLabel facts = new JLabel(" ");
        private boolean filling;

        Optics(CalibrationWizardModel model) {
            super(model, "1. Optics", "Image a slide of sub-resolution fluorescent beads (100 nm for NA ≥ 1.2, 175 nm "
                    + "otherwise). Enter the objective and the emission wavelength; the pixel size comes from "
                    + "Micro-Manager's pixel size configuration. Leave the z step empty for the theory's choice.");
            DefaultComboBoxModel<String> names = new DefaultComboBoxModel<String>();
            names.addElement(CUSTOM);
            for (String n : CalibrationWizardModel.objectivePresets().keySet()) names.addElement(n);
            preset.setModel(names);
            row("Objective preset", preset);
            row("Numerical aperture", na);
            row("Immersion refractive index", index);
            row("Emission wavelength (µm)", wavelength);
            row("Pixel size at the sample (µm)", pixel);
            row("z step (µm, empty = auto)", zStep);
            row("Bead diameter (µm)", bead);
            theory.setRenderer(new javax.swing.DefaultListCellRenderer() {
                private static final long serialVersionUID = 1L;

                @Override
                public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> list, Object value, int index,
                        boolean selected, boolean focus) {
                    Object shown = value instanceof PsfModel ? ((PsfModel) value).label() : value;
                    return super.getListCellRendererComponent(list, shown, index, selected, focus);
                }
            });
            row("Theory to compare with", theory);
            wide(facts, true);
            preset.addActionListener(e -> {
                if (filling || CUSTOM.equals(preset.getSelectedItem())) return;
                model.applyPreset((String) preset.getSelectedItem());
                enter();
            });
            DocumentListener update = new DocumentListener() {
                @Override
                public void insertUpdate(DocumentEvent e) { refreshFacts(); }

                @Override
                public void removeUpdate(DocumentEvent e) { refreshFacts(); }

                @Override
                public void changedUpdate(DocumentEvent e) { refreshFacts(); }
            };
            for (JTextField f : new JTextField[] {na, index, wavelength, pixel, zStep, bead}) {
                f.getDocument().addDocumentListener(update);
            }
        }

        @Override
        void enter() {
            filling = true;
            try {
                preset.setSelectedItem(model.preset().isEmpty() ? CUSTOM : model.preset());
                na.setText(number(model.na()));
                index.setText(number(model.immersionIndex()));
                wavelength.setText(number(model.wavelengthUm()));
                pixel.setText(number(model.pixelSizeUm()));
                zStep.setText(number(model.zStepUm()));
                bead.setText(number(model.beadDiameterUm()));
                theory.setSelectedItem(model.theoryModel());
            } finally {
                filling = false;
            }
            refreshFacts();
        }

        private void refreshFacts() {
            if (filling) return;
            try {
                write();
                facts.setText(lines(model.opticsFacts()));
            } catch (IllegalArgumentException e) {
                facts.setText(lines(java.util.Collections.singletonList(e.getMessage())));
            }
        }

        private void write() {
            double n = parse(na, "numerical aperture", null), ni = parse(index, "immersion index", null);
            WizardInputs.Builder b = model.inputs().toBuilder();
            if (n != model.na() || ni != model.immersionIndex()) { // edited by hand: no longer the preset
                b.na(n).immersionIndex(ni);
                filling = true;
                preset.setSelectedItem(CUSTOM);
                filling = false;
            }
            b.wavelengthUm(parse(wavelength, "emission wavelength", null))
                    .pixelSizeUm(parse(pixel, "pixel size", null))
                    .zStepUm(parse(zStep, "z step", Double.NaN))
                    .beadDiameterUm(parse(bead, "bead diameter", 0.0))
                    .theoryModel((PsfModel) theory.getSelectedItem());
            model.setInputs(b.build());
        }

        @Override
        boolean leave() {
            try {
                write();
                model.settings();
                return true;
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                return false;
            }
        }
    }

    /** Page 2: a preview snap with the saturation check and the suggested exposure. */
    static final class PreviewPage extends WizardPage {
        private static final long serialVersionUID = 1L;
        final JTextField exposure = new JTextField(8);
        final JButton snap = new JButton("Snap preview");
        final JButton suggested = new JButton("Use suggested exposure");
        final JLabel image = new JLabel();
        final JLabel measures = new JLabel(" ");

        PreviewPage(CalibrationWizardModel model) {
            super(model, "2. Preview and exposure", "Focus on the beads, then snap a preview. The brightest bead should "
                    + "reach about 60 % of the camera's full scale and never saturate.");
            JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
            buttons.add(snap);
            buttons.add(suggested);
            row("Exposure (ms)", exposure);
            wide(buttons, false);
            wide(measures, false);
            WizardImages.reserve(image, PREVIEW_BOX, PREVIEW_BOX);
            wide(image, true);
            suggested.setEnabled(false);
            snap.addActionListener(e -> {
                if (!leave()) return;
                snap.setEnabled(false);
                work("snapping a preview", model::preview, p -> {
                    snap.setEnabled(true);
                    enter();
                }).addPropertyChangeListener(ev -> {
                    if ("state".equals(ev.getPropertyName()) && ev.getNewValue() == javax.swing.SwingWorker.StateValue.DONE) {
                        snap.setEnabled(true);
                    }
                });
            });
            suggested.addActionListener(e -> {
                model.useSuggestedExposure();
                exposure.setText(number(model.exposureMs()));
            });
        }

        @Override
        void enter() {
            exposure.setText(number(model.exposureMs()));
            Preview p = model.lastPreview();
            suggested.setEnabled(p != null);
            if (p == null) {
                measures.setText("No preview yet.");
                image.setIcon(null);
                return;
            }
            image.setIcon(new ImageIcon(WizardImages.grey(model.previewImage(), model.previewWidth(),
                    model.previewHeight(), PREVIEW_BOX)));
            String text = String.format(Locale.ROOT, "<html><div style='width:560px'>At %s ms: brightest pixel %.0f of %.0f ADU (%.0f %%), "
                            + "median %.1f ADU.<br>Suggested exposure: %s ms.</div></html>", number(p.exposureMs()), p.max(),
                    p.fullScale(), 100 * p.max() / p.fullScale(), p.median(), number(model.suggestedExposureMs()));
            measures.setText(text);
            if (p.saturated()) {
                error("Saturated: " + p.saturatedPixels() + " pixels at full scale. Use the suggested exposure or less "
                        + "light; saturated beads are rejected and a saturated preview stops the scan.");
            } else if (model.exposureIneffective()) {
                ok("The brightest pixel did not change with the exposure: this camera's exposure has no effect "
                        + "(a simulated camera?), so the exposure is left at " + number(p.exposureMs()) + " ms.");
            } else if (p.max() < 0.2 * p.fullScale()) {
                error("Dim: the brightest pixel is below 20 % of full scale; a longer exposure gives a cleaner PSF.");
            } else {
                ok("Exposure looks right.");
            }
        }

        @Override
        boolean leave() {
            try {
                double ms = parse(exposure, "exposure", null);
                if (!(ms > 0)) throw new IllegalArgumentException("exposure must be positive, got " + ms + " ms");
                model.setInputs(model.inputs().toBuilder().exposureMs(ms).build());
                return true;
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                return false;
            }
        }
    }

    /** Page 3: the z-scan planned from the theory, editable, checked against the focus limits. */
    static final class ScanPage extends WizardPage {
        private static final long serialVersionUID = 1L;
        final JTextField halfRange = new JTextField(8);
        final JTextField step = new JTextField(8);
        final JSpinner frames = new JSpinner(new SpinnerNumberModel(1, 1, 100, 1));
        final JTextField lower = new JTextField(8);
        final JTextField upper = new JTextField(8);
        final JButton check = new JButton("Check the scan");
        final JLabel plan = new JLabel(" ");

        ScanPage(CalibrationWizardModel model) {
            super(model, "3. z-scan range", "The scan runs from low to high about the current focus. Micro-Manager "
                    + "does not report the focus drive's travel: the limits below (default: focus ± "
                    + number(CalibrationWizardModel.DEFAULT_LIMIT_HALF_RANGE_UM) + " µm) are checked before anything "
                    + "moves. Leave the range empty for the theory's choice.");
            row("Half range about focus (µm, empty = auto)", halfRange);
            row("z step (µm, empty = auto)", step);
            row("Frames averaged per plane", frames);
            row("Lowest focus allowed (µm)", lower);
            row("Highest focus allowed (µm)", upper);
            wide(check, false);
            wide(plan, true);
            check.addActionListener(e -> {
                if (write()) work("checking the scan", model::plan, this::show);
            });
        }

        @Override
        void enter() {
            halfRange.setText(number(model.zHalfRangeUm()));
            step.setText(number(model.zStepUm()));
            frames.setValue(model.framesPerPlane());
            lower.setText(number(model.focusLowerUm()));
            upper.setText(number(model.focusUpperUm()));
            plan.setText(String.format(Locale.ROOT, "<html><div style='width:560px'>Planned from the theory: ± %s µm in steps of %s µm.</div></html>",
                    number(model.plannedZHalfRangeUm()), number(model.effectiveZStepUm())));
        }

        void show(ScanPlan p) {
            plan.setText(String.format(Locale.ROOT, "<html><div style='width:560px'>%s (± %s µm about the focus), %d frame(s) per plane, "
                            + "%d snaps.</div></html>", escape(p.toString()), number((p.endUm() - p.startUm()) / 2),
                    model.framesPerPlane(), p.planes() * model.framesPerPlane()));
            ok("The scan stays within the focus limits.");
        }

        private boolean write() {
            try {
                double lo = parse(lower, "lowest focus", null), hi = parse(upper, "highest focus", null);
                model.setFocusLimitsUm(lo, hi);
                double h = parse(halfRange, "half range", Double.NaN);
                double s = parse(step, "z step", Double.NaN);
                model.setInputs(model.inputs().toBuilder().zHalfRangeUm(h).zStepUm(s)
                        .framesPerPlane((Integer) frames.getValue()).build());
                model.settings();
                return true;
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                return false;
            }
        }

        @Override
        boolean leave() { return write(); }
    }
}
