package org.livedecon.mm.testing;

import java.awt.Color;

import javax.swing.LookAndFeel;
import javax.swing.UIManager;
import javax.swing.plaf.ColorUIResource;
import javax.swing.plaf.metal.DefaultMetalTheme;
import javax.swing.plaf.metal.MetalLookAndFeel;

/**
 * A dark look and feel like Micro-Manager's own (REAL-MM.md, "Windows"): dark grey panels, light
 * grey text, darker fields, white progress-bar text. Installed for a test and put back afterwards.
 */
public final class DarkLook {
    public static final Color PANEL = new Color(0x3C, 0x3C, 0x3C);
    public static final Color TEXT = new Color(0xD8, 0xD8, 0xD8);
    public static final Color FIELD = new Color(0x2A, 0x2A, 0x2A);

    private DarkLook() {}

    /** The dark theme on Metal. */
    public static final class Theme extends DefaultMetalTheme {
        @Override
        public String getName() { return "livedecon test: dark like Micro-Manager"; }

        @Override
        protected ColorUIResource getPrimary1() { return new ColorUIResource(0x90, 0x90, 0x90); }

        @Override
        protected ColorUIResource getPrimary2() { return new ColorUIResource(0x5A, 0x6E, 0x8C); }

        @Override
        protected ColorUIResource getPrimary3() { return new ColorUIResource(0x46, 0x5A, 0x78); }

        @Override
        protected ColorUIResource getSecondary1() { return new ColorUIResource(0x70, 0x70, 0x70); }

        @Override
        protected ColorUIResource getSecondary2() { return new ColorUIResource(0x50, 0x50, 0x50); }

        @Override
        protected ColorUIResource getSecondary3() { return new ColorUIResource(PANEL); }

        @Override
        protected ColorUIResource getBlack() { return new ColorUIResource(TEXT); }

        @Override
        protected ColorUIResource getWhite() { return new ColorUIResource(FIELD); }
    }

    /** Installs the dark look and feel (EDT); returns the one it replaced. */
    public static LookAndFeel install() throws Exception {
        LookAndFeel before = UIManager.getLookAndFeel();
        MetalLookAndFeel.setCurrentTheme(new Theme());
        UIManager.setLookAndFeel(new MetalLookAndFeel());
        UIManager.put("Panel.background", new ColorUIResource(PANEL));
        UIManager.put("Label.foreground", new ColorUIResource(TEXT));
        UIManager.put("ProgressBar.selectionForeground", new ColorUIResource(Color.WHITE));
        UIManager.put("ProgressBar.selectionBackground", new ColorUIResource(Color.WHITE));
        return before;
    }

    /** Puts back {@code before} (EDT). */
    public static void restore(LookAndFeel before) throws Exception {
        // UIManager.put writes the developer layer, which outlives a change of look and feel
        for (String k : new String[] {"Panel.background", "Label.foreground", "ProgressBar.selectionForeground",
            "ProgressBar.selectionBackground"}) {
            UIManager.put(k, null);
        }
        MetalLookAndFeel.setCurrentTheme(new javax.swing.plaf.metal.OceanTheme());
        UIManager.setLookAndFeel(before == null ? new MetalLookAndFeel() : before);
    }
}
