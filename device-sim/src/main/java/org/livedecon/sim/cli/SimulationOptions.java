package org.livedecon.sim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.livedecon.cli.CliException;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.volume.Shape;
import org.livedecon.sim.BeadSample;
import org.livedecon.sim.CameraModel;
import org.livedecon.sim.CellSample;
import org.livedecon.sim.Sample;
import org.livedecon.sim.SimOptics;
import org.livedecon.sim.SimulatedMicroscope;
import org.livedecon.sim.VolumeSample;

import picocli.CommandLine.Option;

/** What to simulate: sample, stack size, optics and camera. A picocli mixin shared by simulate and demo. */
public final class SimulationOptions {
    @Option(names = "--sample", paramLabel = "cell|beads|FILE.tif", defaultValue = "cell",
            description = "Specimen: a synthetic cell (filaments, vesicles, nucleus), sub-resolution beads, or a "
                    + "ground-truth TIFF (photons/s per voxel × --photons-per-unit) (default: ${DEFAULT-VALUE}).")
    String sample;

    @Option(names = "--size", paramLabel = "ZxYxX", defaultValue = "32x256x256",
            description = "Stack size: planes x camera rows x columns (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--pixel-size", paramLabel = "µm", defaultValue = "0.1",
            description = "Camera pixel at the sample, µm (default: ${DEFAULT-VALUE}).")
    double pixelUm;

    @Option(names = "--z-step", paramLabel = "µm", defaultValue = "0.2",
            description = "Focus step between planes, µm (default: ${DEFAULT-VALUE}).")
    double zStepUm;

    @Option(names = "--na", paramLabel = "NA", defaultValue = "1.4", description = "Numerical aperture (default: ${DEFAULT-VALUE}).")
    double na;

    @Option(names = "--wavelength", paramLabel = "µm", defaultValue = "0.52",
            description = "Emission wavelength, µm (default: ${DEFAULT-VALUE}).")
    double wavelengthUm;

    @Option(names = "--immersion-index", paramLabel = "N", defaultValue = "1.518",
            description = "Immersion refractive index (default: ${DEFAULT-VALUE}).")
    double immersionIndex;

    @Option(names = "--aberration", paramLabel = "INDEX,DEPTH",
            description = "Refractive-index mismatch: sample index and depth in µm (e.g. 1.33,20), imaged with "
                    + "Gibson-Lanni; without it the optics are ideal (Born-Wolf).")
    String aberration;

    @Option(names = "--exposure", paramLabel = "ms", defaultValue = "100", description = "Exposure, ms (default: ${DEFAULT-VALUE}).")
    double exposureMs;

    @Option(names = "--bit-depth", paramLabel = "BITS", defaultValue = "16", description = "8, 12, 14 or 16 (default: ${DEFAULT-VALUE}).")
    int bitDepth;

    @Option(names = "--offset", paramLabel = "ADU", defaultValue = "100", description = "Camera offset, ADU (default: ${DEFAULT-VALUE}).")
    double offsetAdu;

    @Option(names = "--read-noise", paramLabel = "e", defaultValue = "1.5", description = "Read noise, e⁻ rms (default: ${DEFAULT-VALUE}).")
    double readNoiseE;

    @Option(names = "--beads", paramLabel = "N", defaultValue = "20",
            description = "For --sample beads: number of beads in the volume (default: ${DEFAULT-VALUE}).")
    int beads;

    @Option(names = "--sample-thickness", paramLabel = "µm",
            description = "Depth of the sample; the stack is centred on it (default: a 1 µm layer for beads, as on a "
                    + "bead slide; the stack's depth for a cell or a TIFF).")
    Double sampleThicknessUm;

    @Option(names = "--photons-per-unit", paramLabel = "P", defaultValue = "1",
            description = "For a TIFF sample: photons/s per unit of the file (default: ${DEFAULT-VALUE}).")
    double photonsPerUnit;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** (x, y, z) sizes of the stack. */
    Shape stackShape() {
        String[] p = size.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length != 3) throw new NumberFormatException();
            return Shape.of(Integer.parseInt(p[2].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[0].trim()));
        } catch (RuntimeException e) {
            throw new CliException(CliException.USAGE, "--size must be ZxYxX with positive integers (e.g. 32x256x256), got '"
                    + size + "'");
        }
    }

    /** A microscope imaging the chosen sample over the stack's depth, without real-time waits. */
    SimulatedMicroscope microscope() {
        Shape s = stackShape();
        try {
            Optics.Builder optics = Optics.builder().na(na).wavelengthUm(wavelengthUm).immersionIndex(immersionIndex)
                    .sampleIndex(immersionIndex).coverslipIndex(immersionIndex);
            SimOptics.Builder simOptics = SimOptics.builder().optics(optics.build()).model(PsfModel.BORN_WOLF);
            if (aberration != null) {
                String[] a = aberration.split(",");
                if (a.length != 2) throw new IllegalArgumentException("--aberration must be INDEX,DEPTH, got '" + aberration + "'");
                simOptics.indexMismatch(Double.parseDouble(a[0].trim()), Double.parseDouble(a[1].trim()));
            }
            CameraModel camera = CameraModel.builder().sensor(s.nx(), s.ny()).bitDepth(bitDepth).offsetAdu(offsetAdu)
                    .readNoiseE(readNoiseE).build();
            return SimulatedMicroscope.builder().sample(sample(s)).optics(simOptics.build()).camera(camera)
                    .pixelSizeUm(pixelUm).zStepUm(zStepUm).sampleThicknessUm(thicknessUm())
                    .focusLimitsUm(-1000, 1000).seed(seed).realTime(false).build();
        } catch (NumberFormatException e) {
            throw new CliException(CliException.USAGE, "--aberration must be two numbers INDEX,DEPTH, got '" + aberration + "'");
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, "invalid simulation settings: " + e.getMessage());
        }
    }

    /** Sample depth in µm (see --sample-thickness). */
    double thicknessUm() {
        if (sampleThicknessUm != null) {
            if (!(sampleThicknessUm > 0)) {
                throw new CliException(CliException.USAGE, "--sample-thickness must be > 0 µm, got " + sampleThicknessUm);
            }
            return sampleThicknessUm;
        }
        return sample.trim().equalsIgnoreCase("beads") ? 1.0 : stackShape().nz() * zStepUm;
    }

    /** Focus of the first plane: the stack centred on the sample (sample depth 0 is imaged at focus 0). */
    double firstFocusUm() {
        double planes = Math.max(1, Math.round(thicknessUm() / zStepUm));
        return ((planes - 1) - (stackShape().nz() - 1)) * zStepUm / 2;
    }

    /** The TIFF given as --sample, or null for the built-in samples: an input no output may replace. */
    Path sampleFile() {
        String k = sample.trim().toLowerCase(Locale.ROOT);
        if (k.equals("cell") || k.equals("beads")) return null;
        try {
            return Paths.get(sample);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private Sample sample(Shape s) {
        String k = sample.trim().toLowerCase(Locale.ROOT);
        if (k.equals("cell")) return CellSample.builder().seed(seed).build();
        if (k.equals("beads")) {
            if (beads < 1) throw new CliException(CliException.USAGE, "--beads must be at least 1, got " + beads);
            return BeadSample.builder().count(beads).seed(seed).build();
        }
        Path file = Paths.get(sample);
        if (!Files.isRegularFile(file)) {
            throw new CliException(CliException.USAGE, "--sample must be cell, beads or an existing TIFF file, got '" + sample + "'");
        }
        try {
            return VolumeSample.fromTiff(file, photonsPerUnit);
        } catch (Exception e) {
            throw new CliException(CliException.RUNTIME, e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "sample %s, stack %s (z,y,x), pixel %.4g µm, z step %.4g µm, NA %.3g, %.3g µm, "
                        + "immersion %.4g%s, exposure %.4g ms, %d-bit, offset %.4g ADU, read noise %.3g e⁻, seed %d",
                sample, size, pixelUm, zStepUm, na, wavelengthUm, immersionIndex,
                aberration == null ? "" : ", aberration (index,depth) " + aberration, exposureMs, bitDepth, offsetAdu,
                readNoiseE, seed);
    }
}
