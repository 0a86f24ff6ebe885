package org.livedecon.core.backend.opencl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.livedecon.core.backend.CpuBackend;

/**
 * Fixture of the tests that compare the OpenCL backend with the CPU one: both backends for the
 * whole class, and every test reported skipped (not passed) where there is no OpenCL platform.
 */
abstract class OpenClAndCpu {
    static OpenClBackend ocl;
    static CpuBackend cpu;

    @BeforeAll
    static void openBackends() {
        OpenClDevice d = OpenClTestDevices.deviceOrNull();
        if (d != null) ocl = new OpenClBackend(d);
        cpu = new CpuBackend(2);
    }

    @BeforeEach
    void needsOpenCl() {
        OpenClTestDevices.device();
    }

    @AfterAll
    static void closeBackends() {
        if (ocl != null) ocl.close();
        if (cpu != null) cpu.close();
        ocl = null;
        cpu = null;
    }
}
