package org.livedecon.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The output rule of every command and the plugin: no output may be, after following links, the
 * same file as an input of the run (image, PSF, beads, library entry) or as another output, and an
 * existing output is replaced only when the user asked for it.
 *
 * <p>Paths are compared as the files they name: an existing path by {@link Files#isSameFile}
 * (which also catches hard links), a path that does not exist yet by the real path of its folder
 * plus its name, so {@code olink/raw.tif} with {@code olink -> o} is {@code o/raw.tif}. Comparing
 * {@code toAbsolutePath().normalize()} is not enough: it keeps links.
 *
 * <p>Usage: {@code OutputSafety.check().input("image", in).input("PSF", psf).output("output", out)
 * .overwrite(flagGiven, "--overwrite").verify()}. Not thread-safe; one per run.
 */
public final class OutputSafety {
    private final List<Map.Entry<Path, String>> inputs = new ArrayList<Map.Entry<Path, String>>();
    private final List<Map.Entry<Path, String>> outputs = new ArrayList<Map.Entry<Path, String>>();
    private boolean overwrite;
    private String overwriteHint = "--overwrite";

    private OutputSafety() {}

    public static OutputSafety check() { return new OutputSafety(); }

    /** An input of the run, named as the user knows it ("image", "PSF", "bead stack"); null is ignored. */
    public OutputSafety input(String what, Path file) {
        if (file != null) inputs.add(new AbstractMap.SimpleImmutableEntry<Path, String>(file, what));
        return this;
    }

    /** A file the run will write ("output", "report"); null is ignored. */
    public OutputSafety output(String what, Path file) {
        if (file != null) outputs.add(new AbstractMap.SimpleImmutableEntry<Path, String>(file, what));
        return this;
    }

    /**
     * Whether existing outputs may be replaced, and the words that ask for it (an option such as
     * {@code --overwrite}, or a plugin setting), quoted in the refusal.
     */
    public OutputSafety overwrite(boolean allowed, String howToAllow) {
        this.overwrite = allowed;
        this.overwriteHint = howToAllow;
        return this;
    }

    /**
     * @throws OutputException naming both paths when an output is an input or another output, or
     *                         when an output exists and replacing was not asked for, or is a folder
     */
    public void verify() throws OutputException {
        List<Map.Entry<Path, String>> outs = outputs;
        for (int i = 0; i < outs.size(); i++) {
            Path out = outs.get(i).getKey();
            String what = outs.get(i).getValue();
            for (Map.Entry<Path, String> in : inputs) {
                if (sameFile(out, in.getKey())) {
                    throw new OutputException(what + " " + out + " is the " + in.getValue() + " " + in.getKey()
                            + (out.toAbsolutePath().normalize().equals(in.getKey().toAbsolutePath().normalize())
                            ? "" : " (the same file, after following links)")
                            + ": writing it would destroy the " + in.getValue() + "; choose another output name");
                }
            }
            for (int j = 0; j < i; j++) {
                if (sameFile(out, outs.get(j).getKey())) {
                    throw new OutputException(what + " " + out + " and " + outs.get(j).getValue() + " "
                            + outs.get(j).getKey() + " are the same file: give them different names");
                }
            }
            if (Files.isDirectory(out)) {
                throw new OutputException(what + " " + out + " is a folder, expected a file name");
            }
            if (!overwrite && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                throw new OutputException(what + " " + out + " already exists: add " + overwriteHint
                        + " to replace it, or choose another name");
            }
        }
    }

    /** Whether two paths name the same file once links are followed (existing or not). */
    public static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
            return realPath(a).equals(realPath(b));
        } catch (IOException e) {
            // unreadable folder: compare what we can see
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /**
     * The file {@code p} names after following every link: its real path when it exists, else the
     * real path of its nearest existing ancestor with the rest of the path appended. A dangling
     * link resolves to where it points.
     */
    public static Path realPath(Path p) throws IOException {
        return realPath(p, 0);
    }

    private static Path realPath(Path p, int depth) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        if (depth > 40) return abs; // a loop of links: no file can be written there anyway
        if (Files.exists(abs)) return abs.toRealPath();
        if (Files.isSymbolicLink(abs)) {
            Path target = Files.readSymbolicLink(abs);
            Path parent = abs.getParent();
            return realPath(parent == null ? target : parent.resolve(target), depth + 1);
        }
        Path parent = abs.getParent();
        if (parent == null) return abs;
        try {
            return realPath(parent, depth + 1).resolve(abs.getFileName());
        } catch (NoSuchFileException e) {
            return abs;
        }
    }
}
