package org.livedecon.mm.ui;

/** Text put into Swing's HTML labels (the settings window's and the wizard's status lines). */
public final class Html {
    private Html() {
    }

    /** {@code s} with HTML's markup characters escaped, so a path or an error message shows as written. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
