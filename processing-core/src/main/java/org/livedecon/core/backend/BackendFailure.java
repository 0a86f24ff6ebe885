package org.livedecon.core.backend;

/**
 * A backend's device or driver failed (no device, out of device memory, kernel build error,
 * driver error). The job itself was fine: it can be rerun on another backend, such as
 * {@link CpuBackend}. Programming errors (bad shapes, closed buffers) are not reported this way.
 */
public class BackendFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendFailure(String message) {
        super(message);
    }

    public BackendFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
