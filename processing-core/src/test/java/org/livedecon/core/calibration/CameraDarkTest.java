package org.livedecon.core.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.hardware.Camera;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Roi;
import org.livedecon.core.hardware.Shutter;
import org.livedecon.core.psf.PsfMetadata;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/** Offset and read noise from dark frames; the shutter is restored; the offset travels in the PSF sidecar. */
class CameraDarkTest {

    private static List<Object> frames(int n, int pixels, double offset, double sigma, long seed) {
        Random r = new Random(seed);
        // a fixed pattern of ±2 counts per pixel: cancels in the temporal read noise
        double[] pattern = new double[pixels];
        for (int i = 0; i < pixels; i++) pattern[i] = 2 * (r.nextDouble() - 0.5);
        List<Object> out = new ArrayList<Object>();
        for (int f = 0; f < n; f++) {
            short[] p = new short[pixels];
            for (int i = 0; i < pixels; i++) p[i] = (short) Math.round(offset + pattern[i] + sigma * r.nextGaussian());
            p[7] = (short) 60000; // a hot pixel
            out.add(p);
        }
        return out;
    }

    @Test
    void offsetAndTemporalReadNoiseOfSeveralFramesIgnoringHotPixels() {
        CameraDark d = CameraDark.fromPlanes(frames(20, 64 * 64, 500, 3, 1), 64 * 64, "test");
        assertEquals(500, d.offsetAdu(), 0.05, d.toString());
        assertEquals(Math.sqrt(9 + 1.0 / 12), d.readNoiseAdu(), 0.05, d.toString());
        assertEquals(20, d.frames());
        assertTrue(d.toString().contains("read noise"), d.toString());
    }

    @Test
    void oneFrameFromAVolume() {
        float[] v = new float[32 * 32];
        Random r = new Random(2);
        for (int i = 0; i < v.length; i++) v[i] = (float) (100 + 1.5 * r.nextGaussian());
        CameraDark d = CameraDark.fromVolume(new Volume(Shape.of(32, 32, 1), VoxelSize.of(0.1, 0.2), v), "one");
        assertEquals(100, d.offsetAdu(), 0.2);
        assertEquals(1.5, d.readNoiseAdu(), 0.1);
        assertEquals(1, d.frames());
    }

    @Test
    void measureClosesTheShutterAndRestoresItEvenWhenTheCameraFails() {
        final boolean[] openDuringSnap = {true};
        final RecordingShutter shutter = new RecordingShutter();
        Camera camera = new FakeCamera() {
            int snaps;

            @Override
            public Object snap() throws HardwareException {
                openDuringSnap[0] = shutter.auto || shutter.open;
                if (++snaps == 3) throw new HardwareException("camera gone");
                return new short[] {100, 101, 99, 100};
            }
        };
        shutter.auto = true;
        shutter.open = true;
        assertThrows(HardwareException.class, () -> CameraDark.measure(camera, shutter, 5, "x"));
        assertFalse(openDuringSnap[0], "dark frames with auto-shutter off and the shutter closed");
        assertTrue(shutter.auto);
        assertTrue(shutter.open);
    }

    @Test
    void measuredBackgroundWinsAsAFixedValueAndSaysWhereItCameFrom() {
        Background b = Background.measured(100.25, "dark frame d.tif, 20 frames");
        assertTrue(b.isMeasured());
        assertEquals(100.25, b.resolve(null), 0.0);
        assertTrue(b.describe().contains("measured camera offset 100.25"), b.describe());
        assertEquals(Background.fixed(100.25), Background.parse(b.toString()), "settings files read it back as a number");
    }

    @Test
    void sidecarRoundTripOfTheDarkOffset() {
        PsfMetadata m = PsfMetadata.builder().source("s").dark(100.5, 0.75).build();
        PsfMetadata back = PsfMetadata.fromJson(m.toJson());
        assertTrue(back.hasCameraOffset());
        assertEquals(100.5, back.cameraOffsetAdu(), 1e-9);
        assertEquals(0.75, back.readNoiseAdu(), 1e-9);
        assertFalse(PsfMetadata.fromJson(PsfMetadata.builder().build().toJson()).hasCameraOffset());
    }

    static final class RecordingShutter implements Shutter {
        boolean auto, open;

        @Override
        public boolean autoShutter() { return auto; }

        @Override
        public void setAutoShutter(boolean on) { auto = on; }

        @Override
        public boolean isOpen() { return open; }

        @Override
        public void setOpen(boolean o) { open = o; }
    }

    abstract static class FakeCamera implements Camera {
        @Override
        public int sensorWidth() { return 2; }

        @Override
        public int sensorHeight() { return 2; }

        @Override
        public int bitDepth() { return 16; }

        @Override
        public double exposureMs() { return 10; }

        @Override
        public void setExposureMs(double ms) { }

        @Override
        public Roi roi() { return new Roi(0, 0, 2, 2); }

        @Override
        public void setRoi(Roi roi) { }
    }
}
