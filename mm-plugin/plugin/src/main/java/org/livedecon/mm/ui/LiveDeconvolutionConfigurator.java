package org.livedecon.mm.ui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GraphicsEnvironment;
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.livedecon.mm.mmcore.ChannelPresets;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.settings.SettingsConverter;
import org.livedecon.mm.settings.SettingsKeys;
import org.micromanager.PropertyMap;
import org.micromanager.Studio;
import org.micromanager.data.ProcessorConfigurator;

/**
 * The settings window of the processor. The constructor opens nothing (Micro-Manager re-creates
 * configurators at start-up); {@link #showGUI()} opens a frame holding a {@link SettingsPanel}
 * initialised from the given map. The panel is live: {@link #getSettings()} returns the form's
 * settings whenever the form is valid. OK (or closing the window) keeps them; Cancel puts the form
 * back to what it showed when the window was opened.
 *
 * <p>Thread safety: {@link #getSettings()} may be called from any thread; the Swing state is read on
 * the event thread (directly when already on it, else by a task waited for at most
 * {@value #EDT_WAIT_MS} ms, so a blocked event thread cannot deadlock the caller: the last applied
 * settings are returned then). Other methods hand their work to the event thread.
 */
public final class LiveDeconvolutionConfigurator implements ProcessorConfigurator {
    static final long EDT_WAIT_MS = 2000;
    private static final String TITLE = "Live Deconvolution settings";

    private final PropertyMap given;
    private final Studio studio;
    private final Supplier<SettingsPanel> panels;
    /** The given settings (defaults where absent or unusable), then those of each OK, close or clean-up. */
    private volatile PluginSettings applied;
    /** Whether {@link #panel} exists: spares the event thread a round trip while no window was asked for. */
    private volatile boolean hasPanel;
    /** Event thread only. */
    private SettingsPanel panel;
    /** Event thread only. */
    private JFrame frame;
    /** Event thread only: what the form showed when the window was last opened. */
    private PluginSettings shownAtOpen;

    public LiveDeconvolutionConfigurator(PropertyMap settings, Studio studio) {
        this(settings, studio, new Supplier<SettingsPanel>() {
            @Override
            public SettingsPanel get() { return SettingsPanel.create(); }
        });
    }

    /** With {@code panels} making the form (tests give fixed device and PSF lists). */
    LiveDeconvolutionConfigurator(PropertyMap settings, Studio studio, Supplier<SettingsPanel> panels) {
        this.given = settings;
        this.studio = studio;
        this.panels = panels;
        PluginSettings s;
        try {
            s = SettingsConverter.fromPropertyMap(settings);
        } catch (IllegalArgumentException e) {
            if (studio != null) studio.logs().logError("Live Deconvolution: stored settings not used, defaults instead: " + e.getMessage());
            s = PluginSettings.defaults();
        }
        this.applied = s;
    }

    /** Opens the settings window, or brings it to the front (on the event thread; returns at once). */
    @Override
    public void showGUI() {
        SwingUtilities.invokeLater(new Runnable() {
            @Override
            public void run() { openWindow(); }
        });
    }

    /** Keeps the form's settings when valid and disposes of the window. */
    @Override
    public void cleanup() {
        Runnable r = new Runnable() {
            @Override
            public void run() {
                if (panel != null) {
                    applyIfValid();
                    panel = null;
                    hasPanel = false;
                }
                if (frame != null) {
                    frame.dispose();
                    frame = null;
                }
            }
        };
        if (SwingUtilities.isEventDispatchThread()) r.run();
        else SwingUtilities.invokeLater(r);
    }

    /**
     * Every setting of {@link SettingsKeys} (λ only when set) written over the given map, whose other
     * keys (such as {@link SettingsKeys#PROCESSOR_NAME}) are kept: the form's settings when the window
     * was opened and the form is valid, else the last applied ones (initially the given map with
     * defaults where absent).
     */
    @Override
    public PropertyMap getSettings() {
        PluginSettings s = hasPanel ? readPanel() : null;
        return toMap(s != null ? s : applied);
    }

    /** The form, made (without a window) if it does not exist yet. Event thread only; for showGUI and tests. */
    SettingsPanel panelOnEdt() {
        if (panel == null) {
            panel = panels.get();
            panel.psfs.setChannelPresets(ChannelPresets.of(studio == null ? null : studio.core()));
            panel.show(applied);
            hasPanel = true;
        }
        return panel;
    }

    private void openWindow() {
        SettingsPanel p = panelOnEdt();
        if (GraphicsEnvironment.isHeadless()) {
            if (studio != null) studio.logs().logError("Live Deconvolution: no settings window in a headless JVM");
            return;
        }
        if (frame == null) frame = makeFrame(p);
        shownAtOpen = p.lastValid();
        frame.setVisible(true);
        frame.toFront();
    }

    private JFrame makeFrame(final SettingsPanel p) {
        final JFrame f = new JFrame(TITLE);
        f.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        JButton ok = new JButton("OK");
        JButton cancel = new JButton("Cancel");
        ok.addActionListener(new ActionListener() {
            @Override
            public void actionPerformed(ActionEvent e) {
                if (applyIfValid()) f.setVisible(false);
            }
        });
        cancel.addActionListener(new ActionListener() {
            @Override
            public void actionPerformed(ActionEvent e) {
                revert();
                f.setVisible(false);
            }
        });
        f.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                if (!applyIfValid()) revert();
                f.setVisible(false);
            }
        });
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(ok);
        buttons.add(cancel);
        f.getContentPane().add(p, BorderLayout.CENTER);
        f.getContentPane().add(buttons, BorderLayout.SOUTH);
        f.getRootPane().setDefaultButton(ok);
        f.pack();
        f.setLocationByPlatform(true);
        return f;
    }

    /** Event thread: keeps the form's settings when valid. */
    private boolean applyIfValid() {
        try {
            applied = panel.settings();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Event thread: the form as it was when the window was opened. */
    private void revert() {
        panel.show(shownAtOpen != null ? shownAtOpen : applied);
        applied = panel.lastValid();
    }

    /** The form's settings, or null when it is invalid, gone, or the event thread did not answer in time. */
    private PluginSettings readPanel() {
        Callable<PluginSettings> read = new Callable<PluginSettings>() {
            @Override
            public PluginSettings call() {
                if (panel == null) return null;
                try {
                    return panel.settings();
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        };
        if (SwingUtilities.isEventDispatchThread()) {
            try {
                return read.call();
            } catch (Exception e) {
                return null;
            }
        }
        FutureTask<PluginSettings> task = new FutureTask<PluginSettings>(read);
        SwingUtilities.invokeLater(task);
        try {
            return task.get(EDT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        } catch (TimeoutException e) {
            task.cancel(false);
            if (studio != null) studio.logs().logError("Live Deconvolution: settings window busy, last applied settings used");
            return null;
        }
    }

    private PropertyMap toMap(PluginSettings s) {
        PropertyMap written = SettingsConverter.toPropertyMap(s, new Supplier<PropertyMap.Builder>() {
            @Override
            public PropertyMap.Builder get() { return emptyBuilder(); }
        });
        return given.copyBuilder().remove(SettingsKeys.LAMBDA).putAll(written).build();
    }

    /** An empty builder of the given map's implementation (MMStudio's outside tests; no PropertyMaps call). */
    private PropertyMap.Builder emptyBuilder() {
        PropertyMap.Builder b = given.copyBuilder();
        for (String k : given.keySet()) b.remove(k);
        return b;
    }
}
