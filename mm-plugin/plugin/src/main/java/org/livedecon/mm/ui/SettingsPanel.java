package org.livedecon.mm.ui;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import javax.swing.SwingUtilities;
import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import org.livedecon.core.backend.opencl.OpenClDevice;
import org.livedecon.core.backend.opencl.OpenClDevices;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.live.LivePolicy;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.mm.settings.PluginSettings;

/**
 * The plugin's settings form (Swing, lightweight components only, so it can be built and painted
 * headless). {@link #show(PluginSettings)} fills the form; {@link #settings()} reads it back.
 * Every edit is validated in place: a field with an unusable value gets a red message under it that
 * names the problem and the value. Not thread-safe: create and use it on the Swing event thread.
 */
public final class SettingsPanel extends JPanel {
    private static final String[] BACKGROUND_KINDS = {"auto", "none", "value"};
    private static final String[] POLICIES = {"all", "latest", "adaptive"};

    final JComboBox<Algorithm> algorithm = new JComboBox<Algorithm>(new Algorithm[] {
        Algorithm.RL_WB, Algorithm.ACCELERATED_RL, Algorithm.RL_SHB, Algorithm.RICHARDSON_LUCY, Algorithm.RL_TV,
        Algorithm.WIENER});
    final JSpinner iterations = new JSpinner(new SpinnerNumberModel(PluginSettings.DEFAULT_ITERATIONS, 0, 1000000, 1));
    final JTextField lambda = new JTextField(8);
    final JComboBox<String> backgroundKind = new JComboBox<String>(BACKGROUND_KINDS);
    final JTextField backgroundValue = new JTextField(8);
    final JComboBox<Boundary> boundary = new JComboBox<Boundary>(Boundary.values());
    final JComboBox<DeviceChoice> device = new JComboBox<DeviceChoice>();
    final JComboBox<String> policy = new JComboBox<String>(POLICIES);
    final JRadioButton displayOnly = new JRadioButton("display only");
    final JRadioButton displayAndSave = new JRadioButton("display and save to disk");
    final JTextField saveFolder = new JTextField(18);
    /** What device detection found (or why it found nothing). */
    final JLabel deviceStatus = new JLabel("");
    final PsfRowsPanel psfs;

    final JLabel iterationsMessage = messageLabel();
    final JLabel lambdaMessage = messageLabel();
    final JLabel backgroundMessage = messageLabel();
    final JLabel generalMessage = messageLabel();

    private final Runnable check = new Runnable() {
        @Override
        public void run() { check(); }
    };
    private boolean loading;
    /** The algorithm the iterations field was last set for: a changed algorithm brings its own count. */
    private Algorithm iterationsFor;
    private PluginSettings lastValid;
    private String problem;

    /** A device entry: what is stored ({@link PluginSettings#device()}) and what is shown. */
    static final class DeviceChoice {
        final String device;
        final String label;

        DeviceChoice(String device, String label) {
            this.device = device;
            this.label = label;
        }

        @Override
        public String toString() { return label; }
    }

    /**
     * A panel listing {@code openClDevices} (shown after auto/GPU/CPU) and the PSF library entries
     * {@code psfLibraryNames}, showing {@link PluginSettings#defaults()}.
     */
    SettingsPanel(List<DeviceChoice> openClDevices, List<String> psfLibraryNames) {
        super(new GridBagLayout());
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        device.addItem(new DeviceChoice("auto", "auto (OpenCL GPU when available, else CPU)"));
        device.addItem(new DeviceChoice("gpu", "GPU (fastest OpenCL GPU)"));
        device.addItem(new DeviceChoice("cpu", "CPU (Java, all cores)"));
        addDevices(openClDevices);
        psfs = new PsfRowsPanel(psfLibraryNames, check);
        ButtonGroup output = new ButtonGroup();
        output.add(displayOnly);
        output.add(displayAndSave);
        JSpinner.NumberEditor editor = new JSpinner.NumberEditor(iterations, "0");
        editor.getTextField().setColumns(6);
        iterations.setEditor(editor);

        int y = 0;
        y = addRow(y, "Algorithm", algorithm, null);
        y = addRow(y, "Iterations", iterations, iterationsMessage);
        y = addRow(y, "Regularisation λ", row(lambda, new JLabel("empty = the algorithm's default")), lambdaMessage);
        y = addRow(y, "Background", row(backgroundKind, backgroundValue, new JLabel("counts")), backgroundMessage);
        y = addRow(y, "Boundary", boundary, null);
        // the device list and its status arrive later from a background thread: the combo keeps the
        // width of its longest built-in entry (long OpenCL names show in full in the popup list and
        // the tooltip) and the status wraps on its own line, so neither can widen the window
        device.setPrototypeDisplayValue(new DeviceChoice("auto", "auto (OpenCL GPU when available, else CPU)"));
        y = addRow(y, "Device", device, null);
        add(deviceStatus, constraints(1, y++));
        y = addRow(y, "When behind", policy, null);
        y = addRow(y, "Output", row(displayOnly, displayAndSave), null);
        y = addRow(y, "Save folder", row(saveFolder, new JLabel("if the acquisition is not saved; empty = ~/livedecon-results")),
                null);
        GridBagConstraints c = constraints(0, y++);
        c.gridwidth = 2;
        c.insets = new Insets(8, 2, 2, 2);
        add(new JLabel("PSF per channel"), c);
        c = constraints(0, y++);
        c.gridwidth = 2;
        add(psfs, c);
        c = constraints(0, y);
        c.gridwidth = 2;
        add(generalMessage, c);

        ActionListener changed = new ActionListener() {
            @Override
            public void actionPerformed(ActionEvent e) { check(); }
        };
        for (JComboBox<?> b : new JComboBox<?>[] {algorithm, backgroundKind, boundary, device, policy}) {
            b.addActionListener(changed);
        }
        algorithm.addActionListener(new ActionListener() {
            @Override
            public void actionPerformed(ActionEvent e) { suggestIterations(); }
        });
        displayOnly.addActionListener(changed);
        displayAndSave.addActionListener(changed);
        onEdit(iterations, check);
        onEdit(lambda, check);
        onEdit(backgroundValue, check);
        onEdit(saveFolder, check);
        device.addActionListener(new ActionListener() {
            @Override
            public void actionPerformed(ActionEvent e) {
                Object d = device.getSelectedItem();
                device.setToolTipText(d == null ? null : d.toString().trim());
            }
        });
        show(PluginSettings.defaults());
        WindowFit.holdWidths(this);
    }

    /**
     * Shows the device detection's status (wrapped to the form's width) and lays the window out
     * again: it was packed before the status and the device list arrived.
     */
    void showDeviceStatus(String status) {
        deviceStatus.setText(status == null || status.isEmpty() ? "" : "<html><div style='width:" + STATUS_WIDTH_PX + "px'>"
                + Html.escape(status) + "</div></html>");
        WindowFit.refit(this);
    }

    /** Width (px) at which the device status wraps. */
    static final int STATUS_WIDTH_PX = 360;

    /**
     * A panel listing the entries of {@link PsfLibrary#standard()} (none where it cannot be read) and,
     * once a background thread has listed them, the OpenCL devices of this machine with their memory
     * (none where OpenCL cannot be used). Returns at once: OpenCL detection (which may take seconds,
     * or fail with an {@link Error} where no loader library exists) never runs on the event thread.
     */
    public static SettingsPanel create() {
        final SettingsPanel p = new SettingsPanel(Collections.<DeviceChoice>emptyList(), psfLibraryNames());
        p.showDeviceStatus("looking for OpenCL devices...");
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                final List<DeviceChoice> found = new ArrayList<DeviceChoice>();
                final String status = detectOpenClDevices(found);
                SwingUtilities.invokeLater(new Runnable() {
                    @Override
                    public void run() {
                        p.addDevices(found);
                        p.showDeviceStatus(status);
                    }
                });
            }
        }, "livedecon-opencl-detection");
        t.setDaemon(true);
        t.start();
        return p;
    }

    /**
     * Adds the OpenCL devices of this machine to {@code out} (name, type, platform, global memory;
     * stored by name) and returns a one-line status: how many were found, or why none can be used.
     * Never throws: a missing loader library surfaces as an {@link Error} and is reported as such.
     */
    static String detectOpenClDevices(List<DeviceChoice> out) {
        try {
            List<OpenClDevice> devices = OpenClDevices.list();
            for (OpenClDevice d : devices) {
                out.add(new DeviceChoice(d.name(), "  " + d.name() + " (" + d.type().name().toLowerCase(Locale.ROOT) + ", "
                        + d.platform() + ", " + (d.globalMemBytes() >> 20) + " MiB)"));
            }
            return devices.size() + " OpenCL device" + (devices.size() == 1 ? "" : "s") + " found";
        } catch (Throwable e) {
            // No OpenCL loader, platform or driver: auto/GPU/CPU are still offered; the engine falls back itself.
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            int nl = m.indexOf('\n');
            return "no OpenCL (" + (nl < 0 ? m : m.substring(0, nl)) + "): the CPU is used";
        }
    }

    /** Adds device entries, replacing the label of an entry already there for the same device. Event thread. */
    void addDevices(List<DeviceChoice> found) {
        boolean was = loading;
        loading = true;
        try {
            for (DeviceChoice d : found) {
                int i = indexOfDevice(d.device);
                if (i < 0) {
                    device.addItem(d);
                } else if (i >= 3) {
                    boolean selected = device.getSelectedIndex() == i;
                    device.removeItemAt(i);
                    device.insertItemAt(d, i);
                    if (selected) device.setSelectedIndex(i);
                }
            }
        } finally {
            loading = was;
        }
    }

    private int indexOfDevice(String d) {
        for (int i = 0; i < device.getItemCount(); i++) {
            if (device.getItemAt(i).device.equals(d)) return i;
        }
        return -1;
    }

    /** Names of the standard PSF library's entries; empty where the library cannot be read. */
    static List<String> psfLibraryNames() {
        List<String> out = new ArrayList<String>();
        try {
            for (PsfLibrary.Entry e : PsfLibrary.standard().list()) out.add(e.name());
        } catch (Throwable e) {
            // Unreadable or missing library folder: theoretical PSFs only.
            return Collections.emptyList();
        }
        return out;
    }

    /** Fills the form with {@code s}; a stored OpenCL device that is not (yet) detected gets its own entry. */
    public void show(PluginSettings s) {
        loading = true;
        try {
            DeconvolutionSettings d = s.deconvolution();
            algorithm.setSelectedItem(d.algorithm());
            iterations.setValue(d.iterations());
            iterationsFor = d.algorithm();
            lambda.setText(s.explicitLambda() == null ? "" : Double.toString(s.explicitLambda()));
            String bg = d.background().toString();
            boolean fixed = !bg.equals("auto") && !bg.equals("none");
            backgroundKind.setSelectedItem(fixed ? "value" : bg);
            backgroundValue.setText(fixed ? bg : "");
            boundary.setSelectedItem(d.boundary());
            int i = indexOfDevice(s.device());
            if (i < 0) {
                device.addItem(new DeviceChoice(s.device(), "  " + s.device() + " (not detected)"));
                i = device.getItemCount() - 1;
            }
            device.setSelectedIndex(i);
            saveFolder.setText(s.saveFolder());
            policy.setSelectedItem(s.policy().name().toLowerCase(Locale.ROOT));
            displayOnly.setSelected(s.output() == PluginSettings.Output.DISPLAY);
            displayAndSave.setSelected(s.output() == PluginSettings.Output.DISPLAY_AND_SAVE);
            psfs.show(s.defaultPsf(), s.channelPsfs(), s.namedChannelPsfs());
        } finally {
            loading = false;
        }
        check();
    }

    /**
     * The settings in the form. @throws IllegalArgumentException with the message shown in the form
     * (naming the setting and the value) when a field cannot be used
     */
    public PluginSettings settings() {
        check();
        if (problem != null) throw new IllegalArgumentException(problem);
        return lastValid;
    }

    /** The settings of the last time the whole form was valid (the defaults before that). */
    public PluginSettings lastValid() {
        return lastValid != null ? lastValid : PluginSettings.defaults();
    }

    /** The first problem of the form, or null when it is valid. */
    public String problem() {
        check();
        return problem;
    }

    /**
     * A user who switches rl-wb (4 iterations live) to accelerated RL would otherwise keep 4
     * iterations, too few for it: while the count is still the one suggested for the algorithm
     * before, it becomes the one suggested for the new algorithm. A count the user typed stays.
     */
    private void suggestIterations() {
        Algorithm a = (Algorithm) algorithm.getSelectedItem();
        if (loading || a == null || a == iterationsFor) return;
        Algorithm before = iterationsFor;
        iterationsFor = a;
        if (before != null && a.iterative()
                && Integer.valueOf(PluginSettings.liveIterations(before)).equals(iterations.getValue())) {
            iterations.setValue(PluginSettings.liveIterations(a));
        }
        check();
    }

    /** Validates every field, updates the red messages, and remembers the settings when valid. */
    private void check() {
        if (loading) return;
        Algorithm a = (Algorithm) algorithm.getSelectedItem();
        iterations.setEnabled(a.iterative());
        backgroundValue.setEnabled("value".equals(backgroundKind.getSelectedItem()));
        saveFolder.setEnabled(displayAndSave.isSelected());
        PluginSettings.Builder b = PluginSettings.builder().algorithm(a)
                .boundary((Boundary) boundary.getSelectedItem())
                .device(((DeviceChoice) device.getSelectedItem()).device)
                .policy(LivePolicy.parse((String) policy.getSelectedItem()))
                .output(displayAndSave.isSelected() ? PluginSettings.Output.DISPLAY_AND_SAVE : PluginSettings.Output.DISPLAY)
                .saveFolder(saveFolder.getText());
        String first = null;
        String m = null;
        try {
            b.iterations(readIterations(a));
        } catch (IllegalArgumentException e) {
            m = e.getMessage();
        }
        first = firstOf(first, setMessage(iterationsMessage, m));
        m = null;
        try {
            b.lambda(readLambda(a));
        } catch (IllegalArgumentException e) {
            m = e.getMessage();
        }
        first = firstOf(first, setMessage(lambdaMessage, m));
        m = null;
        try {
            b.background(readBackground());
        } catch (IllegalArgumentException e) {
            m = e.getMessage();
        }
        first = firstOf(first, setMessage(backgroundMessage, m));
        first = firstOf(first, psfs.readInto(b));
        m = null;
        if (first == null) {
            try {
                lastValid = b.build();
            } catch (IllegalArgumentException e) {
                m = e.getMessage();
            }
        }
        first = firstOf(first, setMessage(generalMessage, m));
        problem = first;
    }

    private int readIterations(Algorithm a) {
        String t = ((JSpinner.DefaultEditor) iterations.getEditor()).getTextField().getText().trim();
        int n;
        try {
            n = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations must be a whole number, got '" + t + "'");
        }
        if (a.iterative()) DeconvolutionSettings.builder().algorithm(a).iterations(n).build();
        return n;
    }

    private Double readLambda(Algorithm a) {
        String t = lambda.getText().trim();
        if (t.isEmpty()) return null;
        double l;
        try {
            l = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("λ must be a number (or empty for the algorithm's default), got '" + t + "'");
        }
        DeconvolutionSettings.builder().algorithm(a).iterations(1).lambda(l).build();
        return l;
    }

    private Background readBackground() {
        String kind = (String) backgroundKind.getSelectedItem();
        if (!"value".equals(kind)) return Background.parse(kind);
        String t = backgroundValue.getText().trim();
        if (t.isEmpty()) throw new IllegalArgumentException("background value must be a number >= 0, got ''");
        return Background.parse(t);
    }

    private static String firstOf(String first, String next) {
        return first != null ? first : next;
    }

    /** Shows {@code message} (red) or hides the label when null; returns {@code message}. */
    static String setMessage(JLabel label, String message) {
        boolean changed = label.isVisible() != (message != null);
        label.setForeground(Palette.error(label));
        label.setText(message == null ? "" : message);
        label.setVisible(message != null);
        if (changed) WindowFit.refit(label);
        return message;
    }

    static JLabel messageLabel() {
        JLabel l = new JLabel("");
        l.setForeground(Palette.error(l));
        l.setVisible(false);
        return l;
    }

    /** Runs {@code r} after every edit of the text field or spinner {@code c}. */
    static void onEdit(JComponent c, final Runnable r) {
        if (c instanceof JSpinner) {
            JSpinner s = (JSpinner) c;
            s.addChangeListener(new ChangeListener() {
                @Override
                public void stateChanged(ChangeEvent e) { r.run(); }
            });
            c = ((JSpinner.DefaultEditor) s.getEditor()).getTextField();
        }
        ((JTextField) c).getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) { r.run(); }
            @Override
            public void removeUpdate(DocumentEvent e) { r.run(); }
            @Override
            public void changedUpdate(DocumentEvent e) { r.run(); }
        });
    }

    private int addRow(int y, String label, JComponent field, JLabel message) {
        add(new JLabel(label), constraints(0, y));
        add(field, constraints(1, y));
        if (message == null) return y + 1;
        add(message, constraints(1, y + 1));
        return y + 2;
    }

    private static JPanel row(JComponent... parts) {
        JPanel p = new JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.LEFT, 4, 0));
        for (JComponent c : parts) p.add(c);
        return p;
    }

    private static GridBagConstraints constraints(int x, int y) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = x;
        c.gridy = y;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(2, 2, 2, 6);
        // labels keep their width; the fields' column takes what the window gives beyond that
        c.weightx = x == 0 ? 0 : 1;
        c.fill = x == 0 ? GridBagConstraints.NONE : GridBagConstraints.HORIZONTAL;
        return c;
    }
}
