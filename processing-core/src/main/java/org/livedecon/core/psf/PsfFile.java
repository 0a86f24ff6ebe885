package org.livedecon.core.psf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.livedecon.core.io.TiffException;
import org.livedecon.core.io.TiffWriter;

/**
 * A PSF on disk: a calibrated float TIFF ({@code NAME.tif}, sum 1, peak at the centre voxel) and
 * a JSON sidecar next to it ({@code NAME.json}, see {@link PsfMetadata}).
 */
public final class PsfFile {
    private PsfFile() {}

    /** The sidecar of a PSF TIFF: same folder and name, extension {@code .json}. */
    public static Path sidecar(Path tif) {
        String name = tif.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return tif.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /** Writes the TIFF and its sidecar, replacing existing ones. */
    public static void write(Psf psf, PsfMetadata metadata, Path tif) throws IOException {
        Path parent = tif.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        TiffWriter.writeFloat(psf.volume(), tif);
        Files.write(sidecar(tif), metadata.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The sidecar's metadata, or an empty record when the TIFF has none. */
    public static PsfMetadata readMetadata(Path tif) throws IOException {
        Path json = sidecar(tif);
        if (!Files.isRegularFile(json)) return PsfMetadata.builder().build();
        try {
            return PsfMetadata.fromJson(new String(Files.readAllBytes(json), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TiffException("cannot read the PSF sidecar " + json + ": " + e.getMessage());
        }
    }
}
