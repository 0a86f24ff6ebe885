package org.livedecon.core.psf.model;

import java.util.Locale;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

/**
 * Timing and FWHM report for the theoretical PSFs; a program, not a test (run with
 * {@code java -cp target/classes:target/test-classes org.livedecon.core.psf.model.TheoreticalPsfBenchmark}).
 */
public final class TheoreticalPsfBenchmark {
    private TheoreticalPsfBenchmark() {}

    public static void main(String[] args) {
        Optics oil = Optics.builder().build();
        Optics water20 = oil.toBuilder().sampleIndex(1.33).depthUm(20).build();
        for (int rep = 0; rep < 3; rep++) {
            for (PsfModel m : PsfModel.values()) {
                time(m, oil, Shape.of(65, 65, 33), VoxelSize.of(0.1, 0.2));
                time(m, oil, Shape.of(256, 256, 64), VoxelSize.of(0.1, 0.2));
            }
            time(PsfModel.GIBSON_LANNI, water20, Shape.of(256, 256, 64), VoxelSize.of(0.1, 0.2));
        }
        VoxelSize fine = VoxelSize.of(0.04, 0.05);
        for (PsfModel m : PsfModel.values()) {
            report(m, "oil", TheoreticalPsf.generate(m, oil, Shape.of(33, 33, 65), fine));
        }
        report(PsfModel.GIBSON_LANNI, "water 20 µm",
                TheoreticalPsf.generate(PsfModel.GIBSON_LANNI, water20, Shape.of(33, 33, 161), fine));
        System.out.println("suggested " + TheoreticalPsf.suggestedShape(PsfModel.BORN_WOLF, oil, VoxelSize.of(0.1, 0.2))
                + " / GL water 20 µm " + TheoreticalPsf.suggestedShape(PsfModel.GIBSON_LANNI, water20, VoxelSize.of(0.1, 0.2)));
    }

    private static void time(PsfModel m, Optics o, Shape s, VoxelSize v) {
        long t0 = System.nanoTime();
        TheoreticalPsf.generate(m, o, s, v);
        System.out.printf(Locale.ROOT, "%-13s %-12s %s: %.3f s%n", m.label(), s, o.sampleIndex() == o.immersionIndex() ? "matched" : "mismatch",
                (System.nanoTime() - t0) * 1e-9);
    }

    private static void report(PsfModel m, String what, Psf psf) {
        int[] am = PsfMeasure.argMax(psf.volume());
        System.out.printf(Locale.ROOT, "%-13s %-12s FWHM x %.4f y %.4f z %.4f µm, argmax (%d,%d,%d), centre (%d,%d,%d), %s%n",
                m.label(), what, PsfMeasure.fwhmUm(psf, 0), PsfMeasure.fwhmUm(psf, 1), PsfMeasure.fwhmUm(psf, 2),
                am[0], am[1], am[2], psf.centreX(), psf.centreY(), psf.centreZ(), psf.source());
    }
}
