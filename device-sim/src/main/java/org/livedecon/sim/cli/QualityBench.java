package org.livedecon.sim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.livedecon.cli.QualityBenchmark;
import org.livedecon.cli.Reports;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.BackgroundEstimator;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.IntensityNormalisation;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.deconv.WienerLambda;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.PsfOptions;
import org.livedecon.core.psf.PsfPreparer;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.sim.BeadSample;
import org.livedecon.sim.CameraModel;
import org.livedecon.sim.CellSample;
import org.livedecon.sim.Sample;
import org.livedecon.sim.SimOptics;
import org.livedecon.sim.SimulatedMicroscope;

/**
 * {@code livedecon bench --quality}: how close each method gets to the ground truth on the
 * simulator's dense (cell) and sparse (beads) samples at the demo's noise, per iteration count and
 * per second, for each algorithm and background mode. The numbers the defaults are chosen from.
 *
 * <p>Measures, against the truth (photons/s per voxel): NRMSE at full resolution and with both
 * stacks smoothed by a 1-voxel Gaussian (the result brought to the truth's scale by a
 * least-squares factor, as the demo does); flux kept (Σ result over Σ truth converted to ADU by
 * exposure, QE and gain); the fraction of voxels exactly 0 (the truth's is printed with each
 * sample). rl-wb runs once per background mode, at its own stop (the iteration count it chose is printed).
 */
public final class QualityBench implements QualityBenchmark {
    /** Iteration counts measured for each iterative algorithm. */
    static final int[] ITERATIONS = {10, 20, 30, 40, 80};
    static final int[] QUICK_ITERATIONS = {5, 10};
    /** Wiener λ values measured besides the automatic one. */
    static final double[] LAMBDAS = {1e-4, 3e-4, 1e-3, 3e-3, 5e-3, 1e-2};

    /** One simulated stack with what the scores need. */
    static final class Case {
        final String name;
        final Volume raw;
        final Volume truth;
        final Volume truthSmoothed;
        final Psf psf;
        /** The true b: offset + gain·(QE·uniform light + dark current)·t. */
        final double trueBackground;
        /** ADU summed over the stack per photon/s of the truth: exposure·QE·gain / (in-focus share of the PSF). */
        final double aduPerPhotonRate;

        Case(String name, Volume raw, Volume truth, Psf psf, double trueBackground, double aduPerPhotonRate) {
            this.name = name;
            this.raw = raw;
            this.truth = truth;
            this.truthSmoothed = Reports.gaussianSmoothed(truth, 1.0);
            this.psf = psf;
            this.trueBackground = trueBackground;
            this.aduPerPhotonRate = aduPerPhotonRate;
        }

        double truthZeros() { return zeros(truth); }
    }

    /** The scores of one result. */
    static final class Score {
        final double nrmse, nrmseSmoothed, fluxKept, zeros, seconds, background;

        Score(Case c, DeconvolutionResult r) {
            Volume v = r.volume();
            nrmse = SimDemoCommand.scaledNrmse(v, 0, c.truth);
            nrmseSmoothed = SimDemoCommand.scaledNrmse(Reports.gaussianSmoothed(v, 1.0), 0, c.truthSmoothed);
            fluxKept = v.sum() / (c.truth.sum() * c.aduPerPhotonRate);
            zeros = zeros(v);
            seconds = r.elapsedNanos() / 1e9;
            background = r.background();
        }
    }

    /**
     * A stack of {@code sample} on the demo's microscope (NA 1.4 oil, 0.52 µm, Born &amp; Wolf,
     * 0.1 µm pixels, 0.2 µm steps, 100 ms exposure, camera QE 0.8, gain 0.5 ADU/e⁻) with the
     * given offset, read noise and uniform light (photons per pixel per exposure).
     */
    static Case simulate(String sampleName, Shape shape, double offsetAdu, double readNoiseE, double uniformPhotons,
                         long seed) throws Exception {
        double exposureMs = 100, pixel = 0.1, step = 0.2;
        boolean beads = sampleName.equals("beads");
        Sample sample = beads ? BeadSample.builder().count(Math.max(1, shape.nx() * shape.ny() / 2000)).seed(seed).build()
                : CellSample.builder().seed(seed).build();
        double thickness = beads ? 1.0 : shape.nz() * step;
        Optics optics = Optics.builder().na(1.4).wavelengthUm(0.52).immersionIndex(1.518).sampleIndex(1.518)
                .coverslipIndex(1.518).build();
        CameraModel camera = CameraModel.builder().sensor(shape.nx(), shape.ny()).offsetAdu(offsetAdu)
                .readNoiseE(readNoiseE).build();
        double t = exposureMs / 1000;
        SimulatedMicroscope scope = SimulatedMicroscope.builder().sample(sample)
                .optics(SimOptics.builder().optics(optics).model(PsfModel.BORN_WOLF).build()).camera(camera)
                .pixelSizeUm(pixel).zStepUm(step).sampleThicknessUm(thickness).focusLimitsUm(-1000, 1000)
                .uniformLightPhotonsPerS(uniformPhotons / t).seed(seed).realTime(false).build();
        double planes = Math.max(1, Math.round(thickness / step));
        double first = ((planes - 1) - (shape.nz() - 1)) * step / 2;
        Volume raw = StackAcquisition.acquire(scope, first, shape.nz(), exposureMs);
        Volume truth = scope.truth();
        if (truth.nz() != raw.nz()) truth = centredPlanes(truth, raw.nz(), first, step);
        Psf psf = PsfPreparer.prepare(scope.psf().volume(), "simulator PSF",
                PsfOptions.builder().targetVoxelSize(raw.voxelSize()).build());
        double gain = camera.gainAduPerE(), qe = camera.quantumEfficiency();
        double b = offsetAdu + gain * (qe * uniformPhotons + camera.darkCurrentEPerS() * t);
        return new Case(sampleName, raw, truth, psf, b, aduPerPhotonRate(scope, exposureMs));
    }

    /**
     * What one photon/s of the truth becomes in a deconvolved stack (ADU summed over the stack):
     * exposure·QE·gain over the in-focus plane's share of the simulator's 3D PSF (the simulator
     * scales its PSF so that the in-focus plane sums to 1, so a point's light summed over all planes
     * is larger by that factor).
     */
    static double aduPerPhotonRate(SimulatedMicroscope scope, double exposureMs) {
        CameraModel camera = scope.camera().model();
        Volume p = scope.psf().volume();
        int plane = p.nx() * p.ny(), cz = scope.psf().centreZ();
        double central = 0, total = 0;
        for (int i = 0; i < p.data().length; i++) {
            total += p.data()[i];
            if (i / plane == cz) central += p.data()[i];
        }
        return exposureMs / 1000 * camera.quantumEfficiency() * camera.gainAduPerE() * total / central;
    }

    /**
     * The truth planes imaged by the stack (focus k·step from {@code firstUm}), zeros beyond the
     * sample: a sample thinner than the stack (a bead layer) has fewer planes than the stack, and
     * every comparison with a deconvolved stack needs them plane by plane.
     */
    static Volume centredPlanes(Volume truth, int nz, double firstUm, double step) {
        Shape s = Shape.of(truth.nx(), truth.ny(), nz);
        float[] out = new float[s.voxels()];
        int plane = truth.nx() * truth.ny();
        for (int k = 0; k < nz; k++) {
            int src = (int) Math.round(firstUm / step) + k;
            if (src >= 0 && src < truth.nz()) System.arraycopy(truth.data(), src * plane, out, k * plane, plane);
        }
        return new Volume(s, truth.voxelSize(), out);
    }

    static double zeros(Volume v) {
        long n = 0;
        for (float x : v.data()) if (x == 0f) n++;
        return (double) n / v.data().length;
    }

    /**
     * One run as the command line does it ({@code DeconvolutionRun}): the data shifted and scaled for
     * the engine by {@link IntensityNormalisation}, then back, so the table scores what users get.
     */
    static DeconvolutionResult run(Case c, DeconvolutionSettings s, Backend backend) {
        IntensityNormalisation n = IntensityNormalisation.of(c.raw, s.background());
        DeconvolutionResult r = Deconvolvers.create(n.apply(s), backend).deconvolve(n.apply(c.raw), c.psf,
                ProgressListener.NONE);
        return n.undo(r);
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, int threads, boolean quick) throws Exception {
        long t0 = System.nanoTime();
        Shape cellShape = quick ? Shape.of(96, 96, 24) : Shape.of(192, 192, 32);
        Shape beadShape = quick ? Shape.of(96, 96, 24) : Shape.of(128, 128, 32);
        int[] counts = quick ? QUICK_ITERATIONS : ITERATIONS;
        out.println(String.format(Locale.ROOT, "livedecon bench --quality: simulated cell %s and beads %s (z,y,x), "
                + "NA 1.4 oil, 0.52 µm, 0.1x0.1x0.2 µm voxels, 100 ms, offset 100 ADU, read noise 1.5 e-, "
                + "10 uniform photons per pixel, %d threads", cellShape, beadShape, threads));
        out.println("NRMSE against the truth at full resolution and smoothed by a 1-voxel Gaussian (scaled by "
                + "least squares); flux kept = Σ result / Σ truth in ADU; zeros = voxels exactly 0");
        out.flush();
        List<String[]> rows = new ArrayList<String[]>();
        rows.add(new String[] {"sample", "algorithm", "background", "iterations", "b", "NRMSE", "NRMSE 1-vox",
            "flux kept", "zeros", "seconds"});
        try (CpuBackend backend = new CpuBackend(threads)) {
            for (String name : new String[] {"cell", "beads"}) {
                err.println("bench --quality: simulating " + name);
                err.flush();
                Case c = simulate(name, name.equals("cell") ? cellShape : beadShape, 100, 1.5, 10, 42);
                BackgroundEstimator.Estimate e = BackgroundEstimator.estimateDetailed(c.raw);
                out.println(String.format(Locale.ROOT, "%s: truth has %.1f %% zeros; true b %.2f, %s", name,
                        100 * c.truthZeros(), c.trueBackground, e));
                out.flush();
                Background[] modes = {Background.auto(), Background.fixed(c.trueBackground)};
                String[] modeNames = {"auto", "true"};
                for (Algorithm a : new Algorithm[] {Algorithm.ACCELERATED_RL, Algorithm.RL_SHB, Algorithm.RICHARDSON_LUCY}) {
                    for (int m = 0; m < modes.length; m++) {
                        for (int its : counts) {
                            err.println("  " + name + " " + a + " " + modeNames[m] + " " + its);
                            err.flush();
                            DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(a).iterations(its)
                                    .background(modes[m]).build();
                            rows.add(row(name, a.toString(), modeNames[m], String.valueOf(its), new Score(c, run(c, s, backend))));
                        }
                    }
                }
                for (int m = 0; m < modes.length; m++) {
                    // rl-wb at its own stop (no ground truth), up to the default iteration maximum
                    err.println("  " + name + " " + Algorithm.RL_WB + " " + modeNames[m] + " stop");
                    err.flush();
                    DeconvolutionResult r = run(c, DeconvolutionSettings.builder().algorithm(Algorithm.RL_WB)
                            .background(modes[m]).build(), backend);
                    rows.add(row(name, Algorithm.RL_WB + " (stop: " + r.stopReason().name().toLowerCase(Locale.ROOT) + ")",
                            modeNames[m], String.valueOf(r.iterations()), new Score(c, r)));
                }
                for (int m = 0; m < modes.length; m++) {
                    double b = modes[m].isAuto() ? BackgroundEstimator.estimate(c.raw) : c.trueBackground;
                    double auto = WienerLambda.gcv(c.raw, b, c.psf, threads);
                    DeconvolutionSettings sa = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER)
                            .lambda(auto).background(modes[m]).build();
                    rows.add(row(name, String.format(Locale.ROOT, "wiener λ auto %.1e", auto), modeNames[m], "-",
                            new Score(c, run(c, sa, backend))));
                    for (double lambda : LAMBDAS) {
                        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER)
                                .lambda(lambda).background(modes[m]).build();
                        rows.add(row(name, String.format(Locale.ROOT, "wiener λ %.0e", lambda), modeNames[m], "-",
                                new Score(c, run(c, s, backend))));
                    }
                }
                print(out, rows);
                rows.subList(1, rows.size()).clear();
                out.flush();
            }
        }
        out.println(String.format(Locale.ROOT, "total %.0f s", (System.nanoTime() - t0) / 1e9));
        return 0;
    }

    private static String[] row(String sample, String algorithm, String mode, String its, Score s) {
        return new String[] {sample, algorithm, mode, its, f("%.2f", s.background), f("%.3f", s.nrmse),
            f("%.3f", s.nrmseSmoothed), f("%.1f %%", 100 * s.fluxKept), f("%.1f %%", 100 * s.zeros), f("%.2f", s.seconds)};
    }

    static void print(PrintWriter out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < r.length; i++) {
                line.append(' ').append(r[i]);
                for (int k = r[i].length(); k < width[i]; k++) line.append(' ');
                line.append(" |");
            }
            out.println(line);
            if (r == rows.get(0)) {
                StringBuilder sep = new StringBuilder("|");
                for (int w : width) {
                    for (int k = 0; k < w + 2; k++) sep.append('-');
                    sep.append('|');
                }
                out.println(sep);
            }
        }
    }

    private static String f(String format, double v) { return String.format(Locale.ROOT, format, v); }

    /** For experiments: {@code java -cp … QualityBench [quick]}. */
    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        new QualityBench().run(out, new PrintWriter(System.err, true), Runtime.getRuntime().availableProcessors(),
                args.length > 0 && args[0].equals("quick"));
    }
}
