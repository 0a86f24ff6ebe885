package org.livedecon.core.backend.opencl;

import org.junit.jupiter.api.Test;
import org.livedecon.core.backend.RegionReductionsTest;

/** The OpenCL reductions over a region count the same voxels as the plain loops. */
class OpenClRegionTest extends OpenClAndCpu {
    @Test
    void openClReductionsCountTheRegionOnly() {
        RegionReductionsTest.check(ocl);
    }
}
