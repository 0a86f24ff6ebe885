package org.livedecon.core.deconv;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.BackendFailure;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.backend.MemoryBudget;
import org.livedecon.core.backend.opencl.Backends;
import org.livedecon.core.backend.opencl.DeviceChoice;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Runs deconvolution jobs, one at a time, for the command line, the demo and the live engine: the
 * backend made from a {@link DeviceChoice}, the deconvolver of each job (tiled to fit a
 * {@link MemoryBudget} unless the caller makes its own), and the fall-back to the CPU.
 *
 * <p><b>Fall-back.</b> When the backend fails mid-job ({@link BackendFailure}: OpenCL out of memory,
 * a lost device, a driver error; or a {@link LinkageError} from a missing native library), the
 * reason's first line is logged once, a {@link CpuBackend} replaces it for good and the same job is
 * run again there: the user still gets the result. Other exceptions (bad input, cancellation)
 * pass through unchanged, and a failure on the CPU backend is never retried.
 *
 * <p>Owns the CPU backend it falls back to, and the first backend when it made it ({@link #open});
 * {@link #close()} closes what it owns. Not thread-safe: one thread runs the jobs.
 */
public final class JobRunner implements AutoCloseable {
    private final int cpuThreads;
    private final Consumer<String> warn;
    private final boolean ownsPrimary;
    private final Backend primary;
    private Backend backend;

    private JobRunner(Backend primary, boolean ownsPrimary, int cpuThreads, Consumer<String> warn) {
        if (cpuThreads < 1) throw new IllegalArgumentException("CPU threads must be at least 1, got " + cpuThreads);
        this.primary = primary;
        this.backend = primary;
        this.ownsPrimary = ownsPrimary;
        this.cpuThreads = cpuThreads;
        this.warn = warn;
    }

    /**
     * Makes the backend for {@code device} ({@link Backends#create}: never an exception for an
     * OpenCL problem, the CPU backend with the reason instead).
     *
     * @param threads threads of the CPU backend (the first one or the fall-back)
     * @param info receives the line naming the backend chosen (and why not OpenCL, where it was wanted)
     * @param warn receives the reason of a fall-back during a job
     */
    public static JobRunner open(DeviceChoice device, int threads, Consumer<String> info, Consumer<String> warn) {
        return new JobRunner(Backends.create(device, threads, info), true, threads, warn);
    }

    /** Runs jobs on the caller's {@code backend} (which the caller closes), falling back to a CPU backend of {@code cpuThreads}. */
    public static JobRunner on(Backend backend, int cpuThreads, Consumer<String> warn) {
        return new JobRunner(backend, false, cpuThreads, warn);
    }

    /** The backend jobs run on now. */
    public Backend backend() { return backend; }

    /** Whether jobs now run on the CPU fall-back. */
    public boolean fellBack() { return backend != primary; }

    /**
     * The deconvolver of a job under {@code budget}: {@link TiledDeconvolver}, which splits the
     * image into tiles when the whole job would take more than the budget allows on {@code backend}.
     */
    public static Deconvolver tiled(DeconvolutionSettings settings, Backend backend, MemoryBudget budget) {
        return new TiledDeconvolver(settings, backend, budget.on(backend).jobBytes());
    }

    /** The plan of a job made by {@code deconvolvers} on the current backend. */
    public DeconvolutionPlan plan(BiFunction<DeconvolutionSettings, Backend, Deconvolver> deconvolvers,
                                  DeconvolutionSettings settings, Shape image, Psf psf) {
        return deconvolvers.apply(settings, backend).plan(image, psf);
    }

    /**
     * One job with the deconvolver {@code deconvolvers} makes for the current backend; on a
     * backend failure, again on the CPU backend (see the class comment).
     */
    public DeconvolutionResult deconvolve(BiFunction<DeconvolutionSettings, Backend, Deconvolver> deconvolvers,
                                          DeconvolutionSettings settings, Volume image, Psf psf, ProgressListener progress) {
        try {
            return deconvolvers.apply(settings, backend).deconvolve(image, psf, progress);
        } catch (BackendFailure | LinkageError e) {
            if (!fallBackAfter(e)) throw e;
        }
        return deconvolvers.apply(settings, backend).deconvolve(image, psf, progress);
    }

    /**
     * The one fall-back decision, for jobs here and for work that keeps its own state on
     * {@link #backend()} (the live engine's streaming Wiener): after {@code failure} on the current
     * backend, whether it was the device failing (a {@link BackendFailure} or a {@link LinkageError}
     * on a backend other than the CPU one). If so, the reason is logged once, the device backend is
     * closed when this runner made it, and {@link #backend()} is a CPU backend from now on: the
     * caller drops what it held on the old one and goes on there. Otherwise nothing changes and the
     * caller reports the failure as it is.
     */
    public boolean fallBackAfter(Throwable failure) {
        if (backend instanceof CpuBackend) return false;
        String reason;
        if (failure instanceof BackendFailure) reason = failure.getMessage();
        else if (failure instanceof LinkageError) reason = failure.toString();
        else return false;
        fallBack(reason);
        return true;
    }

    private void fallBack(String reason) {
        String r = reason == null ? "unknown error" : reason;
        int nl = r.indexOf('\n');
        warn.accept("backend " + backend.name() + " failed, continuing on the CPU backend: " + (nl < 0 ? r : r.substring(0, nl)));
        if (ownsPrimary) {
            try {
                backend.close();
            } catch (RuntimeException e) {
                // the device is already in trouble; the CPU backend does not depend on it
            }
        }
        backend = new CpuBackend(cpuThreads);
    }

    @Override
    public void close() {
        if (backend != primary) backend.close();
        if (ownsPrimary && backend == primary) primary.close();
    }
}
