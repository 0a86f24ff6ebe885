package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

/** The automatic Wiener λ follows the noise: a dimmer (noisier) stack gets a larger λ, and it is used by default. */
class WienerLambdaTest {

    @Test
    void noisierStacksGetALargerLambda() {
        VoxelSize vs = VoxelSize.of(0.1, 0.2);
        Psf psf = GaussianPsf.widefield(Shape.of(33, 33, 17), vs, 1.4, 0.52, 1.518);
        try (CpuBackend backend = new CpuBackend(2)) {
            SyntheticStack bright = SyntheticStack.builder(Shape.of(64, 64, 24), vs).seed(3).build(psf, backend);
            SyntheticStack dim = SyntheticStack.builder(Shape.of(64, 64, 24), vs).seed(3).pointPhotons(80).filamentPhotonsPerVoxel(2.4)
                    .backgroundPhotons(0.2).build(psf, backend);
            double lb = WienerLambda.gcv(bright.image(), bright.background(), psf, 2);
            double ld = WienerLambda.gcv(dim.image(), dim.background(), psf, 2);
            assertTrue(ld > 3 * lb, "dim " + ld + " vs bright " + lb);
            assertTrue(lb >= WienerLambda.MIN && ld <= WienerLambda.MAX);
        }
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER).build();
        assertTrue(s.lambdaAuto() && s.toString().contains("lambda=auto"), s.toString());
        assertTrue(!s.toBuilder().lambda(0.01).build().lambdaAuto());
        assertTrue(s.toBuilder().build().lambdaAuto(), "toBuilder keeps auto");
    }
}
