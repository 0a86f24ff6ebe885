package org.livedecon.core.deconv;

import java.util.function.Consumer;
import java.util.function.Function;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.BackendFailure;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Runs jobs on a primary backend (a GPU) and, when that backend fails mid-job
 * ({@link BackendFailure}, or a {@link LinkageError} from a missing native library), logs the
 * reason once and reruns the job on a {@link CpuBackend}, which it then keeps using: the result is
 * still produced. Other exceptions (bad input, cancellation) pass through unchanged.
 *
 * <p>Owns the CPU backend it creates (closed by {@link #close()}); the primary backend stays the
 * caller's. One job at a time, like every {@link Deconvolver}.
 */
public final class FallbackDeconvolver implements Deconvolver, AutoCloseable {
    private final Function<Backend, Deconvolver> factory;
    private final int cpuThreads;
    private final Consumer<String> log;
    private Deconvolver current;
    private CpuBackend cpu;

    /**
     * @param factory makes the deconvolver for a backend, e.g. {@code b -> Deconvolvers.create(settings, b)}
     * @param cpuThreads threads of the CPU backend used after a failure
     */
    public FallbackDeconvolver(Function<Backend, Deconvolver> factory, Backend primary, int cpuThreads,
                               Consumer<String> log) {
        this.factory = factory;
        this.cpuThreads = cpuThreads;
        this.log = log;
        this.current = factory.apply(primary);
    }

    /** Whether jobs now run on the CPU fallback. */
    public boolean fellBack() { return cpu != null; }

    @Override
    public DeconvolutionPlan plan(Shape image, Psf psf) {
        return current.plan(image, psf);
    }

    @Override
    public DeconvolutionResult deconvolve(Volume image, Psf psf, ProgressListener progress) {
        if (cpu != null) return current.deconvolve(image, psf, progress);
        try {
            return current.deconvolve(image, psf, progress);
        } catch (BackendFailure e) {
            fallBack(e.getMessage());
        } catch (LinkageError e) {
            fallBack(e.toString());
        }
        return current.deconvolve(image, psf, progress);
    }

    private void fallBack(String reason) {
        String r = reason == null ? "unknown error" : reason;
        int nl = r.indexOf('\n');
        log.accept("backend failed, rerunning on the CPU backend: " + (nl < 0 ? r : r.substring(0, nl)));
        cpu = new CpuBackend(cpuThreads);
        current = factory.apply(cpu);
    }

    @Override
    public void close() {
        if (cpu != null) cpu.close();
    }
}
