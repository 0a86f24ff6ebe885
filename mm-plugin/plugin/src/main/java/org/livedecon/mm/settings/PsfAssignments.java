package org.livedecon.mm.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.livedecon.core.psf.PsfLibrary;
import org.micromanager.PropertyMap;

/**
 * Which PSF library entry the calibration wizard assigned to which channel: the file
 * {@value #FILE_NAME} in the PSF library folder, one line per channel name,
 * {@code name.DAPI = NAME} (a preset of the channel group, as the acquisition names its channels),
 * or per channel index, {@code channel.N = NAME} (for acquisitions without channel names), and
 * {@code default = NAME} for channels without their own. The
 * MMStudio API mirror has no user profile, so the assignment lives beside the PSFs, where the
 * processor settings ({@link ChannelPsf#library(String)} per channel index, as in
 * {@link PluginSettings#channelPsfs()}) pick it up: a newly added Live Deconvolution processor
 * starts from it ({@link #presetFor}, called by {@link org.livedecon.mm.LiveDeconvolutionPlugin#createConfigurator});
 * the settings window then shows and stores those PSFs like any others.
 * Immutable values; reading and writing are not synchronised between processes (last writer wins;
 * the file is replaced atomically).
 */
public final class PsfAssignments {
    /** File name in the library folder. */
    public static final String FILE_NAME = "channel-psfs.properties";
    /** Channel index of the default entry. */
    public static final int DEFAULT = -1;
    private static final String CHANNEL_PREFIX = "channel.";
    private static final String DEFAULT_KEY = "default";
    private static final String NAME_PREFIX = "name.";

    private final Map<Integer, String> byChannel;
    private final Map<String, String> byChannelName;

    private PsfAssignments(Map<Integer, String> byChannel) {
        this(byChannel, new TreeMap<String, String>());
    }

    private PsfAssignments(Map<Integer, String> byChannel, Map<String, String> byChannelName) {
        this.byChannel = Collections.unmodifiableMap(new TreeMap<Integer, String>(byChannel));
        this.byChannelName = Collections.unmodifiableMap(new TreeMap<String, String>(byChannelName));
    }

    /** The assignments in {@code library}; empty when the file does not exist. */
    public static PsfAssignments read(PsfLibrary library) throws IOException {
        Path f = library.folder().resolve(FILE_NAME);
        Map<Integer, String> m = new TreeMap<Integer, String>();
        Map<String, String> named = new TreeMap<String, String>();
        if (!Files.isRegularFile(f)) return new PsfAssignments(m);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        for (String k : p.stringPropertyNames()) {
            String v = p.getProperty(k).trim();
            if (k.equals(DEFAULT_KEY)) {
                m.put(DEFAULT, v);
            } else if (k.startsWith(NAME_PREFIX) && !k.substring(NAME_PREFIX.length()).trim().isEmpty()) {
                named.put(k.substring(NAME_PREFIX.length()).trim(), v);
            } else if (k.startsWith(CHANNEL_PREFIX)) {
                try {
                    int c = Integer.parseInt(k.substring(CHANNEL_PREFIX.length()).trim());
                    if (c >= 0) m.put(c, v);
                } catch (NumberFormatException e) {
                    throw new IOException("bad key '" + k + "' in " + f + ": expected channel.N with N >= 0, or default", e);
                }
            }
        }
        return new PsfAssignments(m, named);
    }

    /** Channel index ({@link #DEFAULT} for the default) → library name. */
    public Map<Integer, String> byChannel() { return byChannel; }

    /** Channel name (a preset of the channel group) → library name. */
    public Map<String, String> byChannelName() { return byChannelName; }

    /** The library name for {@code channel}, or null. */
    public String nameFor(int channel) { return byChannel.get(channel); }

    /**
     * Assigns {@code name} to {@code channel} ({@link #DEFAULT} for the default) in the library's
     * file, keeping the other lines.
     *
     * @return the new assignments
     * @throws IllegalArgumentException for a name the library does not accept or a channel below -1
     */
    public static PsfAssignments assign(PsfLibrary library, int channel, String name) throws IOException {
        PsfLibrary.checkName(name);
        if (channel < DEFAULT) throw new IllegalArgumentException("channel index must be >= 0 (or -1 for the default), got " + channel);
        PsfAssignments old = read(library);
        Map<Integer, String> m = new TreeMap<Integer, String>(old.byChannel);
        m.put(channel, name);
        return write(library, m, old.byChannelName);
    }

    /**
     * Assigns {@code name} to the channel called {@code channelName} (a preset of the channel group,
     * as in the acquisition's summary), keeping the other lines.
     *
     * @throws IllegalArgumentException for a name the library does not accept or an empty channel name
     */
    public static PsfAssignments assign(PsfLibrary library, String channelName, String name) throws IOException {
        PsfLibrary.checkName(name);
        if (channelName == null || channelName.trim().isEmpty()) throw new IllegalArgumentException("a channel name is required");
        PsfAssignments old = read(library);
        Map<String, String> named = new TreeMap<String, String>(old.byChannelName);
        named.put(channelName.trim(), name);
        return write(library, old.byChannel, named);
    }

    private static PsfAssignments write(PsfLibrary library, Map<Integer, String> m, Map<String, String> named) throws IOException {
        Properties p = new Properties();
        for (Map.Entry<Integer, String> e : m.entrySet()) {
            p.setProperty(e.getKey() == DEFAULT ? DEFAULT_KEY : CHANNEL_PREFIX + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : named.entrySet()) p.setProperty(NAME_PREFIX + e.getKey(), e.getValue());
        Files.createDirectories(library.folder());
        Path f = library.folder().resolve(FILE_NAME);
        Path tmp = Files.createTempFile(library.folder(), FILE_NAME, ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "livedecon: PSF library entry per channel name (name.X) or index (channel.N), written by the PSF calibration wizard");
        }
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        return new PsfAssignments(m, named);
    }

    /** {@code settings} with these assignments as library PSFs (default and per channel) on top. */
    public PluginSettings toSettings(PluginSettings settings) {
        PluginSettings.Builder b = settings.toBuilder();
        for (Map.Entry<Integer, String> e : byChannel.entrySet()) {
            if (e.getKey() == DEFAULT) b.defaultPsf(ChannelPsf.library(e.getValue()));
            else b.channelPsf(e.getKey(), ChannelPsf.library(e.getValue()));
        }
        for (Map.Entry<String, String> e : byChannelName.entrySet()) b.channelPsf(e.getKey(), ChannelPsf.library(e.getValue()));
        return b.build();
    }

    /**
     * The settings a new Live Deconvolution processor starts from: {@code given} unchanged when it
     * already names PSFs ({@link SettingsKeys#DEFAULT_PSF} or {@link SettingsKeys#CHANNEL_PSFS}) or
     * when nothing is assigned; otherwise {@code given} (its other keys kept) with these
     * assignments as its PSFs. Unusable given settings are left for the configurator to report.
     */
    public PropertyMap presetFor(PropertyMap given, Supplier<PropertyMap.Builder> builders) {
        if ((byChannel.isEmpty() && byChannelName.isEmpty()) || given.containsKey(SettingsKeys.DEFAULT_PSF)
                || given.containsKey(SettingsKeys.CHANNEL_PSFS) || given.containsKey(SettingsKeys.CHANNEL_PSFS_BY_NAME)) {
            return given;
        }
        PluginSettings s;
        try {
            s = SettingsConverter.fromPropertyMap(given);
        } catch (IllegalArgumentException e) {
            return given;
        }
        return given.copyBuilder().putAll(SettingsConverter.toPropertyMap(toSettings(s), builders)).build();
    }

    @Override
    public String toString() { return "PSF assignments " + byChannel + (byChannelName.isEmpty() ? "" : " " + byChannelName); }
}
