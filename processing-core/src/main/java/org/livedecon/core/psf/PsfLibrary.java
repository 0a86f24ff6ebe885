package org.livedecon.core.psf;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A folder of named PSFs ({@code NAME.tif} + {@code NAME.json}), so a PSF measured once with the
 * wizard or {@code psf-from-beads} can be picked by name later ({@code --psf library:NAME}).
 *
 * <p>Default folder: {@code ~/.livedecon/psfs}; the system property {@code livedecon.psfLibrary}
 * or the environment variable {@code LIVEDECON_PSF_LIBRARY} choose another.
 */
public final class PsfLibrary {
    /** Prefix that makes a PSF argument a library name instead of a file. */
    public static final String PREFIX = "library:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Path folder;

    public PsfLibrary(Path folder) {
        this.folder = folder;
    }

    /** The user's library (see class comment). */
    public static PsfLibrary standard() {
        String p = System.getProperty("livedecon.psfLibrary");
        if (p == null || p.trim().isEmpty()) p = System.getenv("LIVEDECON_PSF_LIBRARY");
        if (p == null || p.trim().isEmpty()) {
            return new PsfLibrary(Paths.get(System.getProperty("user.home"), ".livedecon", "psfs"));
        }
        return new PsfLibrary(Paths.get(p.trim()));
    }

    public Path folder() { return folder; }

    /** One saved PSF. */
    public static final class Entry {
        private final String name;
        private final Path file;
        private final PsfMetadata metadata;

        Entry(String name, Path file, PsfMetadata metadata) {
            this.name = name;
            this.file = file;
            this.metadata = metadata;
        }

        public String name() { return name; }
        public Path file() { return file; }
        public PsfMetadata metadata() { return metadata; }
    }

    /** @throws IllegalArgumentException for a name that is not a plain file name */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("PSF library name '" + name + "' must start with a letter or digit and "
                    + "contain only letters, digits, '.', '_' and '-' (at most 100 characters)");
        }
    }

    /** Whether the library holds an entry {@code name}. */
    public boolean contains(String name) {
        checkName(name);
        return Files.isRegularFile(folder.resolve(name + ".tif"));
    }

    /** Saves (or replaces) {@code name}; returns its TIFF. Callers ask the user before replacing ({@link #contains}). */
    public Path save(String name, Psf psf, PsfMetadata metadata) throws IOException {
        checkName(name);
        Path tif = folder.resolve(name + ".tif");
        PsfFile.write(psf, metadata, tif);
        return tif;
    }

    /** The saved PSFs, sorted by name; an empty list when the folder does not exist yet. */
    public List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<Entry>();
        if (!Files.isDirectory(folder)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.tif")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                out.add(new Entry(n.substring(0, n.length() - 4), f, PsfFile.readMetadata(f)));
            }
        }
        Collections.sort(out, (a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /**
     * The TIFF of {@code name}.
     *
     * @throws IOException naming the folder and the PSFs it holds when there is no such entry
     */
    public Path file(String name) throws IOException {
        checkName(name);
        Path tif = folder.resolve(name + ".tif");
        if (Files.isRegularFile(tif)) return tif;
        List<String> names = new ArrayList<String>();
        for (Entry e : list()) names.add(e.name());
        throw new IOException("no PSF named '" + name + "' in the PSF library " + folder
                + (names.isEmpty() ? " (it is empty; save one with psf-from-beads --save-as NAME)" : "; it holds " + names));
    }
}
