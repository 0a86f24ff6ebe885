package org.livedecon.core.psf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/** Issue 15, item 9: a hot pixel in a measured PSF is replaced; real peaks, even coarsely sampled, are not. */
class HotPixelTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.1, 0.2);

    @Test
    void hotPixelAtTenTimesThePeakIsReplaced() {
        Volume clean = GaussianPsf.widefield(Shape.of(15, 15, 11), VOXEL, 1.4, 0.52, 1.518).volume();
        Volume hot = clean.copy();
        float peak = clean.max();
        hot.set(2, 12, 3, 10 * peak);
        Psf a = PsfPreparer.prepare(clean, "clean", PsfOptions.builder().build());
        Psf b = PsfPreparer.prepare(hot, "hot", PsfOptions.builder().build());
        assertTrue(b.toString().contains("1 hot pixel replaced"), b.toString());
        assertEquals(a.volume().shape(), b.volume().shape());
        float[] x = a.volume().data(), y = b.volume().data();
        double worst = 0;
        for (int i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
        assertTrue(worst < 1e-3 * a.volume().max(), "largest difference " + worst);
    }

    @Test
    void coarselySampledPsfsKeepTheirPeak() {
        // 20x/0.75 air at 0.325 µm pixels and 1 µm steps, and 100x/1.4 oil at 0.16 µm pixels
        Volume air = GaussianPsf.widefield(Shape.of(9, 9, 9), VoxelSize.of(0.325, 0.325, 1.0), 0.75, 0.52, 1.0).volume();
        Volume oil = GaussianPsf.widefield(Shape.of(9, 9, 9), VoxelSize.of(0.16, 0.16, 0.4), 1.4, 0.52, 1.518).volume();
        for (Volume v : new Volume[] {air, oil}) {
            Psf p = PsfPreparer.prepare(v, "coarse", PsfOptions.builder().build());
            assertFalse(p.toString().contains("hot pixel"), p.toString());
            assertEquals(0, PsfPreparer.replaceHotPixels(v.data().clone(), new int[] {v.nx(), v.ny(), v.nz()}));
        }
    }
}
