package org.livedecon.mm;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import org.livedecon.core.psf.model.PsfModel;

/**
 * The per-channel PSF part of {@link SettingsPanel}: one row for "other channels" (the default PSF)
 * and one per channel index with its own PSF. Each row chooses a PSF library entry or "theoretical"
 * with model, NA, emission wavelength (µm) and immersion index. Swing only: use on the event thread.
 */
final class PsfRowsPanel extends JPanel {
    /** The source item for a PSF computed from the optics. */
    static final String THEORETICAL = "theoretical";
    private static final int MAX_CHANNEL = 63;

    private final List<String> libraryNames;
    private final Runnable onChange;
    private final Row defaultRow;
    private final List<Row> channelRows = new ArrayList<Row>();
    private final JButton add = new JButton("Add channel");
    private final JLabel message = SettingsPanel.messageLabel();

    PsfRowsPanel(List<String> libraryNames, Runnable onChange) {
        super(new GridBagLayout());
        this.libraryNames = new ArrayList<String>(libraryNames);
        this.onChange = onChange;
        this.defaultRow = new Row(-1);
        add.addActionListener(new ActionListener() {
            @Override
            public void actionPerformed(ActionEvent e) {
                channelRows.add(new Row(nextFreeChannel()));
                rebuild();
                PsfRowsPanel.this.onChange.run();
            }
        });
        rebuild();
    }

    /** Shows {@code defaultPsf} and one row per entry of {@code channels}. */
    void show(ChannelPsf defaultPsf, Map<Integer, ChannelPsf> channels) {
        defaultRow.show(defaultPsf);
        channelRows.clear();
        for (Map.Entry<Integer, ChannelPsf> e : channels.entrySet()) {
            Row r = new Row(e.getKey());
            r.show(e.getValue());
            channelRows.add(r);
        }
        rebuild();
    }

    /**
     * Reads every row into {@code into} and shows the problem, if any, in this panel's message label.
     * @return null when valid, else the message naming the channel, the setting and the value
     */
    String readInto(PluginSettings.Builder into) {
        String problem = null;
        try {
            into.defaultPsf(defaultRow.read());
            Set<Integer> seen = new HashSet<Integer>();
            for (Row r : channelRows) {
                int c = r.channel();
                if (!seen.add(c)) throw new IllegalArgumentException("channel " + c + " is listed twice");
                into.channelPsf(c, r.read());
            }
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        SettingsPanel.setMessage(message, problem);
        return problem;
    }

    /** Rows of channels with their own PSF (package-private for tests). */
    int channelRowCount() { return channelRows.size(); }

    /** Test hook: the row of "other channels" when {@code i} is -1, else the i-th channel row. */
    Row row(int i) { return i < 0 ? defaultRow : channelRows.get(i); }

    /** Adds a channel row as the "Add channel" button does; returns it. */
    Row addRow() {
        add.doClick();
        return channelRows.get(channelRows.size() - 1);
    }

    JLabel message() { return message; }

    private int nextFreeChannel() {
        Set<Integer> used = new HashSet<Integer>();
        for (Row r : channelRows) used.add(r.channelNumber());
        int c = 0;
        while (used.contains(c) && c < MAX_CHANNEL) c++;
        return c;
    }

    private void rebuild() {
        removeAll();
        String[] headers = {"Channel", "PSF", "Model", "NA", "Emission (µm)", "Immersion n", ""};
        for (int x = 0; x < headers.length; x++) add(new JLabel(headers[x]), cell(x, 0));
        int y = 1;
        defaultRow.addTo(this, y++);
        for (Row r : channelRows) r.addTo(this, y++);
        GridBagConstraints c = cell(0, y++);
        c.gridwidth = 2;
        add(add, c);
        c = cell(0, y);
        c.gridwidth = headers.length;
        add(message, c);
        WindowFit.holdWidths(this);
        WindowFit.refit(this);
        repaint();
    }

    private static GridBagConstraints cell(int x, int y) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = x;
        c.gridy = y;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(1, 2, 1, 2);
        return c;
    }

    /** One PSF row: channel (or "other channels"), source, and the optics of a theoretical PSF. */
    final class Row {
        final JSpinner channel;
        final JComboBox<String> source = new JComboBox<String>();
        final JComboBox<PsfModel> model = new JComboBox<PsfModel>(PsfModel.values());
        final JTextField na = new JTextField(5);
        final JTextField wavelength = new JTextField(5);
        final JTextField immersion = new JTextField(5);
        final JButton remove = new JButton("Remove");

        Row(int channelIndex) {
            channel = channelIndex < 0 ? null : new JSpinner(new SpinnerNumberModel(channelIndex, 0, MAX_CHANNEL, 1));
            model.setRenderer(new javax.swing.DefaultListCellRenderer() {
                @Override
                public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> list, Object value, int index,
                        boolean selected, boolean focus) {
                    Object shown = value instanceof PsfModel ? ((PsfModel) value).label() : value;
                    return super.getListCellRendererComponent(list, shown, index, selected, focus);
                }
            });
            source.addItem(THEORETICAL);
            for (String n : libraryNames) source.addItem(n);
            ChannelPsf d = PluginSettings.defaults().defaultPsf();
            model.setSelectedItem(d.model());
            na.setText(Double.toString(d.na()));
            wavelength.setText(Double.toString(d.wavelengthUm()));
            immersion.setText(Double.toString(d.immersionIndex()));
            ActionListener changed = new ActionListener() {
                @Override
                public void actionPerformed(ActionEvent e) {
                    enableOptics();
                    onChange.run();
                }
            };
            source.addActionListener(changed);
            model.addActionListener(changed);
            SettingsPanel.onEdit(na, onChange);
            SettingsPanel.onEdit(wavelength, onChange);
            SettingsPanel.onEdit(immersion, onChange);
            if (channel != null) SettingsPanel.onEdit(channel, onChange);
            remove.addActionListener(new ActionListener() {
                @Override
                public void actionPerformed(ActionEvent e) {
                    channelRows.remove(Row.this);
                    rebuild();
                    onChange.run();
                }
            });
            enableOptics();
        }

        void show(ChannelPsf p) {
            if (p.kind() == ChannelPsf.Kind.LIBRARY) {
                if (((javax.swing.DefaultComboBoxModel<String>) source.getModel()).getIndexOf(p.libraryName()) < 0) {
                    source.addItem(p.libraryName());
                }
                source.setSelectedItem(p.libraryName());
            } else {
                source.setSelectedItem(THEORETICAL);
                model.setSelectedItem(p.model());
                na.setText(Double.toString(p.na()));
                wavelength.setText(Double.toString(p.wavelengthUm()));
                immersion.setText(Double.toString(p.immersionIndex()));
            }
            enableOptics();
        }

        ChannelPsf read() {
            String what = channel == null ? "PSF of other channels" : "PSF of channel " + channel();
            Object s = source.getSelectedItem();
            try {
                if (s != null && !THEORETICAL.equals(s)) return ChannelPsf.library((String) s);
                return ChannelPsf.theoretical((PsfModel) model.getSelectedItem(), number(na, "NA"),
                        number(wavelength, "emission wavelength"), number(immersion, "immersion index"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
            }
        }

        /** The channel index as typed; @throws IllegalArgumentException naming the text */
        int channel() {
            String t = ((JSpinner.DefaultEditor) channel.getEditor()).getTextField().getText().trim();
            try {
                int c = Integer.parseInt(t);
                if (c < 0) throw new NumberFormatException();
                return c;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("channel must be a whole number >= 0, got '" + t + "'");
            }
        }

        private int channelNumber() { return ((Number) channel.getValue()).intValue(); }

        private double number(JTextField f, String name) {
            String t = f.getText().trim();
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got '" + t + "'");
            }
        }

        private void enableOptics() {
            boolean theoretical = THEORETICAL.equals(source.getSelectedItem());
            model.setEnabled(theoretical);
            na.setEnabled(theoretical);
            wavelength.setEnabled(theoretical);
            immersion.setEnabled(theoretical);
        }

        private void addTo(JPanel p, int y) {
            p.add(channel == null ? new JLabel("other channels") : channel, cell(0, y));
            p.add(source, cell(1, y));
            p.add(model, cell(2, y));
            p.add(na, cell(3, y));
            p.add(wavelength, cell(4, y));
            p.add(immersion, cell(5, y));
            if (channel != null) p.add(remove, cell(6, y));
        }
    }
}
