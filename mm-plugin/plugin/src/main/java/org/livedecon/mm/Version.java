package org.livedecon.mm;

/** The plugin's version, from the jar manifest when there is one. */
final class Version {
    private Version() {
    }

    static String get() {
        String v = Version.class.getPackage() == null ? null : Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
