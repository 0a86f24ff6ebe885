package org.livedecon.mm.wizard;

import static org.livedecon.mm.ui.Html.escape;

import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingWorker;
import org.livedecon.mm.ui.Palette;


/**
 * One page of the calibration wizard: a title, a form, and a status line for results and errors.
 * {@link #enter()} fills the page from the model, {@link #leave()} writes its inputs back (false,
 * with the reason in the status line, when one is not valid). Hardware work goes through
 * {@link #work}, on a {@link SwingWorker}. EDT only.
 */
abstract class WizardPage extends JPanel {
    private static final long serialVersionUID = 1L;

    final CalibrationWizardModel model;
    /** Results and errors; reserves {@value #STATUS_LINES} lines so that a message never resizes the page. */
    final JLabel status = reservedLines(" ", STATUS_LINES);
    static final int STATUS_LINES = 3;
    /** Width (px) at which the status and result texts wrap. */
    static final int TEXT_WIDTH_PX = 560;
    final JPanel form = new JPanel(new GridBagLayout());
    private int row;

    WizardPage(CalibrationWizardModel model, String title, String help) {
        super(new BorderLayout(8, 8));
        this.model = model;
        setBorder(BorderFactory.createEmptyBorder(10, 12, 10, 12));
        JPanel head = new JPanel(new BorderLayout(4, 4));
        JLabel t = new JLabel(title);
        t.setFont(t.getFont().deriveFont(Font.BOLD, t.getFont().getSize2D() + 3));
        head.add(t, BorderLayout.NORTH);
        head.add(new JLabel("<html><div style='width:520px'>" + help + "</div></html>"), BorderLayout.CENTER);
        add(head, BorderLayout.NORTH);
        add(form, BorderLayout.CENTER);
        add(status, BorderLayout.SOUTH);
    }

    /**
     * A label at least {@code lines} text lines tall (text at the top), so that the page's size is
     * known before its text is: the window is packed once for every page.
     */
    static JLabel reservedLines(final String text, final int lines) {
        JLabel l = new JLabel(text) {
            private static final long serialVersionUID = 1L;

            @Override
            public java.awt.Dimension getPreferredSize() {
                java.awt.Dimension d = super.getPreferredSize();
                int h = lines * getFontMetrics(getFont()).getHeight() + 4;
                return new java.awt.Dimension(d.width, Math.max(d.height, h));
            }
        };
        l.setVerticalAlignment(javax.swing.SwingConstants.TOP);
        return l;
    }

    /** Fills the page from the model. */
    void enter() {}

    /** Writes the inputs to the model; false (with the reason shown) when one is not valid. */
    boolean leave() { return true; }

    /** True while the page's work must not be left (an acquisition). */
    boolean busy() { return false; }

    /** Adds a labelled row to the form. */
    final void row(String label, JComponent field) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = row;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(3, 0, 3, 10);
        form.add(new JLabel(label), c);
        c.gridx = 1;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        form.add(field, c);
        row++;
    }

    /** Adds a component over both columns; {@code grow} lets it take the remaining height. */
    final void wide(JComponent comp, boolean grow) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = row++;
        c.gridwidth = 2;
        c.weightx = 1;
        c.weighty = grow ? 1 : 0;
        c.fill = grow ? GridBagConstraints.BOTH : GridBagConstraints.HORIZONTAL;
        c.anchor = GridBagConstraints.NORTHWEST;
        c.insets = new Insets(4, 0, 4, 0);
        form.add(comp, c);
    }

    final void ok(String text) {
        status.setForeground(Palette.ok(status));
        String body = text.startsWith("<html>") ? text.substring(6).replace("</html>", "") : escape(text);
        status.setText(text.trim().isEmpty() ? " " : "<html><div style='width:" + TEXT_WIDTH_PX + "px'>" + body
                + "</div></html>");
    }

    final void error(String text) {
        status.setForeground(Palette.error(status));
        status.setText("<html><div style='width:" + TEXT_WIDTH_PX + "px'>" + escape(text) + "</div></html>");
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "";
        return new java.math.BigDecimal(v, new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * A number from a field.
     *
     * @param blank the value of an empty field (NaN for "automatic"), or null when a value is required
     * @throws IllegalArgumentException naming the field
     */
    static double parse(JTextField f, String name, Double blank) {
        String t = f.getText().trim();
        if (t.isEmpty()) {
            if (blank != null) return blank;
            throw new IllegalArgumentException(name + " is required");
        }
        try {
            return Double.parseDouble(t.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + t + "'");
        }
    }

    static String lines(List<String> l) {
        StringBuilder b = new StringBuilder("<html><div style='width:" + TEXT_WIDTH_PX + "px'>");
        for (String s : l) b.append(escape(s)).append("<br>");
        return b.append("</div></html>").toString();
    }

    /**
     * Runs {@code task} on a worker thread and hands its result to {@code done} on the EDT; an
     * exception's message goes to the status line.
     */
    final <T> SwingWorker<T, Void> work(final String what, final Callable<T> task, final Consumer<T> done) {
        status.setForeground(Palette.text());
        status.setText(what + "...");
        SwingWorker<T, Void> w = new SwingWorker<T, Void>() {
            @Override
            protected T doInBackground() throws Exception { return task.call(); }

            @Override
            protected void done() {
                try {
                    T v = get();
                    status.setText(" ");
                    done.accept(v);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause() == null ? e : e.getCause();
                    error(what + " failed: " + (c.getMessage() == null ? c.toString() : c.getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        w.execute();
        return w;
    }
}
