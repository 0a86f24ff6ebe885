package org.livedecon.mm.wizard;

import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.FlowLayout;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.livedecon.mm.ui.WindowFit;


/**
 * The PSF calibration wizard's window: eight pages over a {@link CalibrationWizardModel} (optics,
 * preview and exposure, z-scan range, acquisition, beads, result, camera offset, save) with Back and Next. The
 * constructor builds the panels only (it works without a display); {@link #open()} shows the
 * window. Swing only: all hardware work runs on worker threads through the model. EDT only.
 */
public final class CalibrationWizard {
    static final String TITLE = "PSF from beads";

    private final CalibrationWizardModel model;
    private final List<WizardPage> pages = new ArrayList<WizardPage>();
    private final CardLayout cards = new CardLayout();
    private final JPanel deck = new JPanel(cards);
    private final JPanel content = new JPanel(new BorderLayout());
    private final JButton back = new JButton("< Back");
    private final JButton next = new JButton("Next >");
    private final JButton close = new JButton("Close");
    private final JLabel where = new JLabel();
    private final ResultPages.Acquire acquire;
    private int current;
    private JFrame frame;

    private final ResultPages.Save save;

    /** The channel group's presets, offered by the last page's "Use it for" (event thread). */
    public void setChannelPresets(java.util.List<String> names) { save.setChannelPresets(names); }

    public CalibrationWizard(CalibrationWizardModel model) {
        this.model = model;
        acquire = new ResultPages.Acquire(model, this::refreshButtons);
        pages.add(new SetupPages.Optics(model));
        pages.add(new SetupPages.PreviewPage(model));
        pages.add(new SetupPages.ScanPage(model));
        pages.add(acquire);
        pages.add(new ResultPages.Beads(model));
        pages.add(new ResultPages.Result(model));
        pages.add(new DarkPage(model, model.shutter()));
        save = new ResultPages.Save(model, acquire);
        pages.add(save);
        for (int i = 0; i < pages.size(); i++) deck.add(pages.get(i), Integer.toString(i));
        JPanel nav = new JPanel(new BorderLayout());
        nav.setBorder(BorderFactory.createEmptyBorder(4, 12, 8, 12));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        buttons.add(back);
        buttons.add(next);
        buttons.add(close);
        nav.add(where, BorderLayout.WEST);
        nav.add(buttons, BorderLayout.EAST);
        JScrollPane scroll = new JScrollPane(deck);
        scroll.setBorder(BorderFactory.createEmptyBorder());
        content.add(scroll, BorderLayout.CENTER);
        content.add(nav, BorderLayout.SOUTH);
        back.addActionListener(e -> show(current - 1));
        next.addActionListener(e -> {
            if (pages.get(current).leave()) show(current + 1);
        });
        close.addActionListener(e -> closeWindow());
        pages.get(0).enter();
        refreshButtons();
        WindowFit.holdWidths(content);
    }

    /** The pages, in order (for tests and screenshots). */
    List<WizardPage> pages() { return Collections.unmodifiableList(pages); }

    /** The whole wizard panel: pages and navigation. */
    JPanel content() { return content; }

    int currentPage() { return current; }

    /** True while the current page's work (a scan) must not be interrupted. */
    public boolean busy() { return pages.get(current).busy(); }

    /** Fills the current page again from the model (after the hardware was read again). */
    public void refresh() {
        if (busy()) return;
        pages.get(current).enter();
        refreshButtons();
    }

    /** Shows page {@code i} (filled from the model). */
    void show(int i) {
        if (i < 0 || i >= pages.size() || pages.get(current).busy()) return;
        current = i;
        pages.get(i).enter();
        cards.show(deck, Integer.toString(i));
        refreshButtons();
        fitWindow();
    }

    /**
     * Every page reserves the room of its pictures from the start, and the card deck is as large
     * as its largest page, so the window packed at opening fits every page; this only grows it
     * (never shrinks, within the screen) if a text got longer than foreseen. A smaller screen
     * scrolls instead.
     */
    private void fitWindow() {
        if (frame == null) return;
        WindowFit.refit(content);
    }

    private void refreshButtons() {
        boolean busy = pages.get(current).busy();
        back.setEnabled(current > 0 && !busy);
        next.setEnabled(current < pages.size() - 1 && !busy && (current != 3 || model.result() != null
                || !model.beads().isEmpty()));
        where.setText("Step " + (current + 1) + " of " + pages.size());
    }

    /** Opens the window (EDT); a second call brings it to the front. */
    public void open() {
        if (!SwingUtilities.isEventDispatchThread()) throw new IllegalStateException("open the wizard on the EDT");
        if (frame == null) {
            frame = new JFrame(TITLE);
            frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
            frame.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosing(WindowEvent e) { closeWindow(); }
            });
            frame.setContentPane(content);
            frame.pack();
            frame.setLocationByPlatform(true);
        }
        frame.setVisible(true);
        frame.toFront();
    }

    /** Cancels a running scan (the worker restores the hardware) and closes the window. */
    private void closeWindow() {
        model.cancel();
        if (frame != null) {
            frame.setVisible(false);
            frame.dispose();
            frame = null;
        }
    }
}
