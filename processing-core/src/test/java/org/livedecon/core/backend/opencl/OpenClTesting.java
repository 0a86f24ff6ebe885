package org.livedecon.core.backend.opencl;

import org.livedecon.core.backend.Backend;

/** For tests outside this package: an OpenCL backend on the test device, the test skipped (with the reason) where there is none. */
public final class OpenClTesting {
    private OpenClTesting() {}

    public static Backend backendOrSkip() { return new OpenClBackend(OpenClTestDevices.device()); }
}
