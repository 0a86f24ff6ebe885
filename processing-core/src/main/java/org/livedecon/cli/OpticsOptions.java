package org.livedecon.cli;

import java.util.Locale;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.source.PsfSource;
import org.livedecon.core.psf.model.ObjectivePresets;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

import picocli.CommandLine.Option;

/** Optics of a theoretical PSF: objective, wavelength, refractive indices, depth. A picocli mixin. */
final class OpticsOptions {
    /** The option names, to tell when one was given where it has no effect. */
    static final String[] NAMES = {"--na", "--wavelength", "--immersion-index", "--sample-index",
        "--coverslip-index", "--depth", "--model", "--objective"};

    @Option(names = "--objective", paramLabel = "NAME",
            description = "Objective preset from config/objectives.properties setting NA and immersion index, "
                    + "e.g. 60x-1.40-oil, 60x-1.20-water, 100x-1.45-oil.")
    String objective;

    @Option(names = "--na", paramLabel = "NA",
            description = "Numerical aperture of the objective (default: the objective's, else 1.4).")
    Double na;

    @Option(names = "--wavelength", paramLabel = "µm", defaultValue = "0.52",
            description = "Emission wavelength in µm (vacuum; default: ${DEFAULT-VALUE}).")
    double wavelengthUm;

    @Option(names = "--immersion-index", paramLabel = "N",
            description = "Refractive index of the immersion medium (default: the objective's, else 1.518, oil).")
    Double immersionIndex;

    @Option(names = "--sample-index", paramLabel = "N", defaultValue = "1.518",
            description = "Refractive index of the sample (default: ${DEFAULT-VALUE}; 1.33 water, ~1.38 live cells).")
    double sampleIndex;

    @Option(names = "--coverslip-index", paramLabel = "N", defaultValue = "1.518",
            description = "Refractive index of the coverslip (default: ${DEFAULT-VALUE}).")
    double coverslipIndex;

    @Option(names = "--depth", paramLabel = "µm", defaultValue = "0",
            description = "Depth of the focal plane below the coverslip in µm (Gibson-Lanni; default: ${DEFAULT-VALUE}).")
    double depthUm;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "gibson-lanni",
            converter = Converters.ModelConverter.class,
            description = "PSF model: gibson-lanni (refractive-index mismatch and depth) or born-wolf "
                    + "(paraxial defocus) (default: ${DEFAULT-VALUE}).")
    PsfModel model;

    /** @throws CliException (usage) naming the bad value */
    Optics optics() {
        double[] preset = objective == null ? new double[] {1.4, 1.518} : objectivePreset(objective);
        double na = this.na != null ? this.na : preset[0];
        double immersionIndex = this.immersionIndex != null ? this.immersionIndex : preset[1];
        try {
            return Optics.builder().na(na).wavelengthUm(wavelengthUm).immersionIndex(immersionIndex)
                    .sampleIndex(sampleIndex).coverslipIndex(coverslipIndex).depthUm(depthUm).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, "invalid optics: " + e.getMessage());
        }
    }

    /** {@link ObjectivePresets#get}, its errors as the command line reports them. */
    static double[] objectivePreset(String name) {
        try {
            return ObjectivePresets.get(name);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        } catch (IllegalStateException e) {
            throw new CliException(CliException.RUNTIME, e.getMessage());
        }
    }

    /** The theoretical PSF source of these options. */
    PsfSource source() {
        return PsfSource.theoretical(model, optics());
    }

    /** A theoretical PSF at {@code voxel}, of {@code shape} or (null) the model's suggested shape. */
    Psf generate(Shape shape, VoxelSize voxel) {
        try {
            return source().withShape(shape).at(voxel);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a theoretical PSF reads no file", e);
        }
    }

    @Override
    public String toString() {
        Optics o = optics();
        return String.format(Locale.ROOT, "%s, %sNA %.3g, wavelength %.3g µm, immersion %.4g, sample %.4g, "
                        + "coverslip %.4g, depth %.3g µm",
                Converters.modelName(model), objective == null ? "" : "objective " + objective + ", ", o.na(),
                o.wavelengthUm(), o.immersionIndex(), sampleIndex, coverslipIndex, depthUm);
    }
}
