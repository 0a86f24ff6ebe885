package org.livedecon.mm.wizard;

import static org.livedecon.mm.ui.Html.escape;

import java.awt.Color;
import java.awt.FlowLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.SwingWorker;
import javax.swing.UIManager;
import org.livedecon.core.calibration.CalibrationCancelledException;
import org.livedecon.core.calibration.CalibrationListener;
import org.livedecon.core.calibration.ExtractionResult;
import org.livedecon.core.calibration.PsfReportPng;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.mm.settings.PsfAssignments;
import org.livedecon.mm.ui.Palette;



/** The last four wizard pages: acquisition, bead review, result, save. */
final class ResultPages {
    private ResultPages() {}

    /** Side of the live projection on the acquisition page, px. */
    static final int ACQUIRE_BOX = 256;
    /** Side of the bead map, px. */
    static final int BEADS_BOX = 384;
    /** The report picture is shown at this fraction of its size, so the result page is no taller than the others need. */
    static final double REPORT_SCALE = 0.75;
    /** Lines reserved for the result's summary (figures and notes at 560 px). */
    static final int SUMMARY_LINES = 9;

    /** Page 4: the scan and the extraction on a worker thread, with progress and cancel. */
    static final class Acquire extends WizardPage {
        private static final long serialVersionUID = 1L;
        final JTextField name = new JTextField("beads-psf", 16);
        final JButton start = new JButton("Start the scan");
        final JButton cancel = new JButton("Cancel");
        final JProgressBar progress = new JProgressBar(0, 1);
        final JLabel stepLabel = new JLabel("Not started.");
        final JLabel image = new JLabel();
        private final Runnable onChange;
        private SwingWorker<ExtractionResult, int[]> worker;
        private boolean running;

        Acquire(CalibrationWizardModel model, Runnable onChange) {
            super(model, "4. Acquire", "Live mode is paused during the scan and switched back on afterwards. The focus, "
                    + "the exposure and the camera ROI are put back as they were, also after Cancel or an error.");
            this.onChange = onChange;
            // no text painted on the bar: look and feels draw it in colours of their own (white on light
            // grey under Micro-Manager's dark one); the plane count goes into the step label instead
            progress.setStringPainted(false);
            JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
            buttons.add(start);
            buttons.add(cancel);
            cancel.setEnabled(false);
            WizardImages.reserve(image, ACQUIRE_BOX, ACQUIRE_BOX);
            row("PSF name", name);
            wide(buttons, false);
            wide(progress, false);
            wide(stepLabel, false);
            wide(image, true);
            start.addActionListener(e -> start());
            cancel.addActionListener(e -> {
                model.cancel();
                cancel.setEnabled(false);
                stepLabel.setText("Cancelling: the scan stops before the next plane...");
            });
        }

        /** True from Start until the worker's {@code done()} has run on the EDT. */
        @Override
        boolean busy() { return running; }

        @Override
        boolean leave() {
            if (busy()) {
                error("The scan is running: wait for it or cancel it first.");
                return false;
            }
            if (model.result() == null && model.beads().isEmpty()) {
                error("Run the scan first.");
                return false;
            }
            return true;
        }

        /** Shows {@code done} of {@code total} planes. */
        void showProgress(String step, int done, int total) {
            progress.setMaximum(Math.max(1, total));
            progress.setValue(done);
            stepLabel.setText(step + ": " + done + " of " + total + " planes");
            float[] mip = model.liveProjection();
            int w = model.liveProjectionWidth();
            if (mip != null && w > 0 && mip.length % w == 0) {
                image.setIcon(new ImageIcon(WizardImages.grey(mip, w, mip.length / w, ACQUIRE_BOX)));
            }
        }

        void start() {
            final String n = name.getText().trim();
            try {
                PsfLibrary.checkName(n);
                model.settings();
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                return;
            }
            start.setEnabled(false);
            cancel.setEnabled(true);
            running = true;
            ok(" ");
            progress.setValue(0);
            worker = new SwingWorker<ExtractionResult, int[]>() {
                private volatile String step = "starting";
                private long lastShown;

                @Override
                protected ExtractionResult doInBackground() throws Exception {
                    return model.acquire(n, new CalibrationListener() {
                        @Override
                        public void step(String s) {
                            step = s;
                            publish(new int[] {-1, -1});
                        }

                        @Override
                        public void plane(int done, int total) {
                            long now = System.nanoTime();
                            if (done == total || now - lastShown > 200_000_000L) {
                                lastShown = now;
                                publish(new int[] {done, total});
                            }
                        }
                    });
                }

                @Override
                protected void process(List<int[]> chunks) {
                    int[] planes = null;
                    for (int[] c : chunks) if (c[0] >= 0) planes = c;
                    if (planes != null) showProgress("Step: " + step, planes[0], planes[1]);
                    else stepLabel.setText("Step: " + step);
                }

                @Override
                protected void done() {
                    running = false;
                    start.setEnabled(true);
                    cancel.setEnabled(false);
                    try {
                        ExtractionResult r = get();
                        stepLabel.setText("Done.");
                        ok(r.report().beadsUsed() + " beads used; see the next pages.");
                    } catch (ExecutionException e) {
                        Throwable c = e.getCause() == null ? e : e.getCause();
                        if (c instanceof CalibrationCancelledException) {
                            stepLabel.setText("Cancelled.");
                            ok(c.getMessage());
                        } else {
                            stepLabel.setText("Failed.");
                            error(c.getMessage() == null ? c.toString() : c.getMessage());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    onChange.run();
                }
            };
            worker.execute();
            onChange.run();
        }
    }

    /** Page 5: the scan's projection with used and rejected beads, and the counts by reason. */
    static final class Beads extends WizardPage {
        private static final long serialVersionUID = 1L;
        final JLabel image = new JLabel();
        final JLabel counts = new JLabel(" ");

        Beads(CalibrationWizardModel model) {
            super(model, "5. Beads", "Maximum projection of the scan. Green circles: beads used for the PSF; red "
                    + "crosses: rejected, with the reason's initial (Edge, Crowded, Saturated, Doublet, Dim, Drift).");
            JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 12, 0));
            WizardImages.reserve(image, BEADS_BOX, BEADS_BOX);
            row.add(image);
            row.add(counts);
            wide(row, true);
        }

        @Override
        void enter() {
            ExtractionResult r = model.result();
            float[] mip = model.scanProjection();
            List<org.livedecon.core.calibration.Bead> beads = model.beads();
            if (mip == null || beads.isEmpty()) {
                image.setIcon(null);
                counts.setText("No scan yet.");
                return;
            }
            // also after a refusal (too few usable beads): the map shows why
            image.setIcon(new ImageIcon(WizardImages.withBeads(mip, model.projectionWidth(), model.projectionHeight(),
                    BEADS_BOX, beads)));
            StringBuilder b = new StringBuilder("<html><table><tr><th align=left>beads</th><th>count</th></tr>");
            for (Map.Entry<String, Integer> e : model.beadCounts().entrySet()) {
                String colour = Palette.hex(e.getKey().equals("used") ? Palette.ok(counts) : Palette.error(counts));
                b.append("<tr><td><font color='").append(colour).append("'>").append(e.getKey()).append("</font></td>")
                        .append("<td align=right>").append(e.getValue()).append("</td></tr>");
            }
            b.append("<tr><td>detected</td><td align=right>").append(beads.size()).append("</td></tr></table>");
            if (r != null) b.append(String.format(Locale.ROOT, "<br>detection threshold %.1f ADU", r.threshold()));
            counts.setText(b.append("</html>").toString());
            int used = model.beadCounts().get("used");
            if (r == null) error("Too few usable beads (" + used + "): the PSF was not made. See the reasons.");
            else if (used < 10) error("Few beads: aim for 20 or more (another field of view, more beads).");
            else ok(used + " beads used.");
        }
    }

    /** Page 6: the PSF's sections and profiles, FWHM measured against the theory. */
    static final class Result extends WizardPage {
        private static final long serialVersionUID = 1L;
        final JLabel image = new JLabel();
        final JTable table = new JTable(3, 4);
        final JLabel summary = reservedLines(" ", SUMMARY_LINES);

        Result(CalibrationWizardModel model) {
            super(model, "6. Result", "Central XY, XZ and YZ sections of the measured PSF (square-root scale) and its "
                    + "profiles, with the FWHM against the theory for the same optics.");
            table.setEnabled(false);
            table.setShowGrid(true);
            table.setGridColor(UIManager.getColor("Table.gridColor") != null ? UIManager.getColor("Table.gridColor")
                    : Color.GRAY);
            JScrollPane scroll = new JScrollPane(table);
            scroll.setColumnHeaderView(table.getTableHeader()); // also when painted without a window
            scroll.setPreferredSize(new java.awt.Dimension(520, 90));
            WizardImages.reserve(image, (int) Math.round(REPORT_SCALE * PsfReportPng.WIDTH),
                    (int) Math.round(REPORT_SCALE * PsfReportPng.HEIGHT));
            wide(image, false);
            wide(scroll, false);
            wide(summary, true);
        }

        @Override
        void enter() {
            ExtractionResult r = model.result();
            if (r == null) {
                image.setIcon(null);
                summary.setText("No PSF yet.");
                return;
            }
            try {
                java.awt.image.BufferedImage report = model.reportImage();
                image.setIcon(new ImageIcon(report.getScaledInstance((int) Math.round(REPORT_SCALE * report.getWidth()),
                        (int) Math.round(REPORT_SCALE * report.getHeight()), java.awt.Image.SCALE_SMOOTH)));
            } catch (IOException e) {
                error("cannot draw the report: " + e.getMessage());
            }
            List<String[]> rows = model.fwhmTable();
            for (int c = 0; c < 4; c++) table.getColumnModel().getColumn(c).setHeaderValue(rows.get(0)[c]);
            for (int i = 1; i < rows.size(); i++) {
                for (int c = 0; c < 4; c++) table.setValueAt(rows.get(i)[c], i - 1, c);
            }
            // the table holds FWHMs only; SNR, symmetry and bead counts are in the summary below
            summary.setText("<html><div style='width:" + TEXT_WIDTH_PX + "px'>" + escape(r.report().summary()) + "</div></html>");
            double worst = 0;
            String unmeasured = null;
            for (int a = 0; a < 3; a++) {
                double ratio = r.report().fwhmRatio(a);
                if (Double.isNaN(ratio)) unmeasured = "xyz".substring(a, a + 1);
                else worst = Math.max(worst, Math.abs(Math.log(ratio)));
            }
            if (worst > Math.log(1.5)) {
                error("The PSF differs from the theory by more than 1.5x: check NA, wavelength, pixel size, z step, "
                        + "immersion and the correction collar" + (r.report().notes().isEmpty() ? "." : "; and read the notes above."));
            } else if (unmeasured != null) {
                error("The " + unmeasured + " FWHM could not be measured within the PSF's extent: widen the z range.");
            } else {
                ok("The PSF is within 1.5x of the theory on every axis.");
            }
        }
    }

    /** Page 7: save in the PSF library under a name and assign it to a channel. */
    static final class Save extends WizardPage {
        private static final long serialVersionUID = 1L;
        static final String NO_CHANNEL = "no channel";
        static final String ALL_CHANNELS = "default (all channels)";
        final JTextField name = new JTextField(16);
        final JComboBox<String> channel = new JComboBox<String>();
        final JButton save = new JButton(SAVE);
        private final Acquire acquire;
        private String lastAcquired;

        Save(CalibrationWizardModel model, Acquire acquire) {
            super(model, "8. Save", "The PSF goes into the PSF library (" + escape(model.library().folder().toString())
                    + ") as NAME.tif with NAME.json. The channel assignment is kept in "
                    + PsfAssignments.FILE_NAME + " in the same folder, where the Live Deconvolution settings find it.");
            this.acquire = acquire;
            channel.addItem(NO_CHANNEL);
            channel.addItem(ALL_CHANNELS);
            setChannelPresets(java.util.Collections.<String>emptyList());
            row("Name in the PSF library", name);
            row("Use it for", channel);
            wide(save, false);
            wide(new JLabel(" "), true);
            // a name already in the library is replaced only after a second, explicit click
            name.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
                @Override
                public void insertUpdate(javax.swing.event.DocumentEvent e) { unconfirm(); }

                @Override
                public void removeUpdate(javax.swing.event.DocumentEvent e) { unconfirm(); }

                @Override
                public void changedUpdate(javax.swing.event.DocumentEvent e) { unconfirm(); }
            });
            save.addActionListener(e -> {
                final String n = name.getText().trim();
                final int c = channelIndex();
                try {
                    PsfLibrary.checkName(n);
                } catch (IllegalArgumentException ex) {
                    error(ex.getMessage());
                    return;
                }
                final boolean replace = n.equals(confirmed);
                String existing = model.existing(n);
                if (existing != null && !replace) {
                    confirmed = n;
                    save.setText(REPLACE);
                    error("The PSF library already holds '" + n + "' (" + existing + "). Click " + REPLACE
                            + " to replace it, or change the name.");
                    return;
                }
                final String preset = channelName();
                work("saving", () -> {
                    Path tif = model.save(n, c, replace);
                    if (preset != null) {
                        try {
                            PsfAssignments.assign(model.library(), preset, n);
                        } catch (java.io.IOException ex) {
                            throw new org.livedecon.core.calibration.CalibrationException("saved " + tif
                                    + " but cannot record the channel assignment: " + ex.getMessage(), ex);
                        }
                    }
                    return tif;
                }, this::saved);
            });
        }

        /**
         * Lists the presets of the channel group (how acquisitions name their channels) after "no
         * channel" and "default"; without presets, channel indices 0 to 7.
         */
        void setChannelPresets(java.util.List<String> names) {
            presets = new java.util.ArrayList<String>(names);
            channel.removeAllItems();
            channel.addItem(NO_CHANNEL);
            channel.addItem(ALL_CHANNELS);
            if (presets.isEmpty()) for (int c = 0; c < 8; c++) channel.addItem("channel " + c);
            else for (String p : presets) channel.addItem(p);
        }

        private java.util.List<String> presets = new java.util.ArrayList<String>();

        /** The selected channel index (no presets), {@link PsfAssignments#DEFAULT} for all, −2 for none or a preset. */
        int channelIndex() {
            int i = channel.getSelectedIndex();
            return i <= 0 ? -2 : i == 1 ? PsfAssignments.DEFAULT : presets.isEmpty() ? i - 2 : -2;
        }

        /** The selected preset's name, or null. */
        String channelName() {
            int i = channel.getSelectedIndex();
            return i >= 2 && !presets.isEmpty() ? presets.get(i - 2) : null;
        }

        static final String SAVE = "Save", REPLACE = "Replace";
        /** The name whose replacement the user was asked to confirm (null: none). */
        private String confirmed;

        private void unconfirm() {
            confirmed = null;
            save.setText(SAVE);
        }

        void saved(Path tif) {
            unconfirm();
            int c = channelIndex();
            String p = channelName();
            ok("<html>Saved " + escape(tif.toString()) + (p != null ? "; assigned to channel " + escape(p) : c == -2 ? ""
                    : c == PsfAssignments.DEFAULT ? "; assigned to all channels" : "; assigned to channel " + c) + ".</html>");
        }

        @Override
        void enter() {
            // the name the PSF was acquired under, so that the name shown is the name saved
            String acquired = model.resultName();
            if (acquired != null && !acquired.equals(lastAcquired)) name.setText(acquired);
            else if (name.getText().trim().isEmpty()) name.setText(acquire.name.getText().trim());
            lastAcquired = acquired;
            save.setEnabled(model.result() != null);
        }
    }
}
