package org.livedecon.mm.ui;

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
import javax.swing.JTextField;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.mm.settings.ChannelPsf;
import org.livedecon.mm.settings.PluginSettings;

/**
 * The per-channel PSF part of {@link SettingsPanel}: one row for "other channels" (the default PSF)
 * and one per channel with its own PSF. A channel is named as in the acquisition: a preset of the
 * channel group (DAPI, FITC, ...), offered from Micro-Manager's configuration
 * ({@link #setChannelPresets}) or typed; "#N" stands for channel index N, used only for
 * acquisitions whose channels have no names (and kept from settings of earlier versions). Each row chooses a PSF library entry or "theoretical"
 * with model, NA, emission wavelength (µm) and immersion index. Swing only: use on the event thread.
 */
final class PsfRowsPanel extends JPanel {
    /** The source item for a PSF computed from the optics. */
    static final String THEORETICAL = "theoretical";
    private static final int MAX_CHANNEL = 63;
    private final List<String> presets = new ArrayList<String>();

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
        this.defaultRow = new Row((String) null);
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

    /** The channel group's presets, offered in every row's channel list (Micro-Manager's configuration). */
    void setChannelPresets(List<String> names) {
        presets.clear();
        presets.addAll(names);
        for (Row r : channelRows) r.offerPresets();
    }

    /** Shows {@code defaultPsf}, one row per entry of {@code channels} (by index) and of {@code named}. */
    void show(ChannelPsf defaultPsf, Map<Integer, ChannelPsf> channels, Map<String, ChannelPsf> named) {
        defaultRow.show(defaultPsf);
        channelRows.clear();
        for (Map.Entry<String, ChannelPsf> e : named.entrySet()) {
            Row r = new Row(e.getKey());
            r.show(e.getValue());
            channelRows.add(r);
        }
        for (Map.Entry<Integer, ChannelPsf> e : channels.entrySet()) {
            Row r = new Row(INDEX_MARK + e.getKey());
            r.show(e.getValue());
            channelRows.add(r);
        }
        rebuild();
    }

    /** Prefix of a channel given by index. */
    static final String INDEX_MARK = "#";

    /**
     * Reads every row into {@code into} and shows the problem, if any, in this panel's message label.
     * @return null when valid, else the message naming the channel, the setting and the value
     */
    String readInto(PluginSettings.Builder into) {
        String problem = null;
        try {
            into.defaultPsf(defaultRow.read());
            into.clearChannelPsfs();
            Set<String> seen = new HashSet<String>();
            for (Row r : channelRows) {
                String label = r.label();
                Integer index = r.index();
                if (!seen.add(index != null ? INDEX_MARK + index : label)) {
                    throw new IllegalArgumentException("channel " + label + " is listed twice");
                }
                if (index != null) into.channelPsf(index, r.read());
                else into.channelPsf(label, r.read());
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

    /** The first preset without a row, else the first free "#N". */
    private String nextFreeChannel() {
        Set<String> used = new HashSet<String>();
        for (Row r : channelRows) used.add(r.label());
        for (String p : presets) if (!used.contains(p)) return p;
        int c = 0;
        while (used.contains(INDEX_MARK + c) && c < MAX_CHANNEL) c++;
        return INDEX_MARK + c;
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
        /** The channel: a preset name (editable) or "#N"; null for the row of other channels. */
        final JComboBox<String> channel;
        final JComboBox<String> source = new JComboBox<String>();
        final JComboBox<PsfModel> model = new JComboBox<PsfModel>(PsfModel.values());
        final JTextField na = new JTextField(5);
        final JTextField wavelength = new JTextField(5);
        final JTextField immersion = new JTextField(5);
        final JButton remove = new JButton("Remove");

        Row(String channelLabel) {
            channel = channelLabel == null ? null : new JComboBox<String>();
            if (channel != null) {
                channel.setEditable(true);
                channel.setToolTipText("A preset of the channel group, as named in the acquisition; #N: channel index N "
                        + "(only for acquisitions whose channels have no names)");
                offerPresets();
                channel.setSelectedItem(channelLabel);
            }
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
            if (channel != null) {
                channel.addActionListener(new ActionListener() {
                    @Override
                    public void actionPerformed(ActionEvent e) { onChange.run(); }
                });
            }
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
            String what = channel == null ? "PSF of other channels"
                    : index() != null ? "PSF of channel " + index() : "PSF of channel '" + label() + "'";
            Object s = source.getSelectedItem();
            try {
                if (s != null && !THEORETICAL.equals(s)) return ChannelPsf.library((String) s);
                return ChannelPsf.theoretical((PsfModel) model.getSelectedItem(), number(na, "NA"),
                        number(wavelength, "emission wavelength"), number(immersion, "immersion index"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
            }
        }

        /** The channel as chosen or typed, trimmed; @throws IllegalArgumentException when empty */
        String label() {
            Object typed = channel.isEditable() && channel.getEditor() != null ? channel.getEditor().getItem() : null;
            Object v = typed != null && !typed.toString().trim().isEmpty() ? typed : channel.getSelectedItem();
            String t = v == null ? "" : v.toString().trim();
            if (t.isEmpty()) throw new IllegalArgumentException("a channel needs a name (a preset of the channel group) or #N");
            return t;
        }

        /** The channel index of a "#N" row, else null; @throws IllegalArgumentException for "#" without a whole number >= 0 */
        Integer index() {
            String t = label();
            if (!t.startsWith(INDEX_MARK)) return null;
            try {
                int c = Integer.parseInt(t.substring(INDEX_MARK.length()).trim());
                if (c < 0) throw new NumberFormatException();
                return c;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("channel index must be #N with a whole number N >= 0, got '" + t + "'");
            }
        }

        /** Lists the panel's presets in this row's channel list, keeping what is chosen or typed. */
        void offerPresets() {
            Object current = channel.getSelectedItem();
            channel.removeAllItems();
            for (String p : presets) channel.addItem(p);
            if (current != null) channel.setSelectedItem(current);
        }

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
