package org.livedecon.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneCoords;

class StackAssemblerTest {
    private final List<String> warnings = new ArrayList<String>();
    private final List<PlaneCoords> opened = new ArrayList<PlaneCoords>();
    private final StackAssembler.Listener listener = new StackAssembler.Listener() {
        @Override
        public void stackOpened(PlaneCoords key) { opened.add(key); }

        @Override
        public void planeProblem(String message, boolean ignored) { warnings.add(message); }
    };

    private static AcquiredPlane plane(int t, int c, int z) {
        return new AcquiredPlane(new PlaneCoords(t, 0, c, z), new short[4], 2, 2, z * 0.2, 0);
    }

    @Test
    void channelsFirstInterleavingCompletesBothStacks() {
        StackAssembler a = new StackAssembler(3, listener);
        List<RawStack> out = new ArrayList<RawStack>();
        for (int z = 0; z < 3; z++) {
            for (int c = 0; c < 2; c++) a.add(plane(0, c, z), z, out);
        }
        assertEquals(2, out.size());
        assertTrue(out.get(0).complete() && out.get(1).complete());
        assertEquals(2, opened.size());
        assertEquals(0, a.openStacks());
        assertEquals(0, a.bytesHeld());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void outOfOrderAndDuplicateSlicesAreWarnedAndStillComplete() {
        StackAssembler a = new StackAssembler(3, listener);
        List<RawStack> out = new ArrayList<RawStack>();
        a.add(plane(0, 0, 2), 1, out);
        a.add(plane(0, 0, 0), 2, out);
        a.add(plane(0, 0, 0), 3, out);
        assertTrue(out.isEmpty());
        a.add(plane(0, 0, 1), 4, out);
        assertEquals(1, out.size());
        assertTrue(out.get(0).complete());
        assertEquals(4, out.get(0).lastArrivalNanos());
        assertEquals(1, a.duplicates());
        assertTrue(warnings.get(0).contains("out of order"), warnings.toString());
        assertTrue(warnings.get(1).contains("duplicate"), warnings.toString());
    }

    @Test
    void stackMissingAPlaneIsEmittedPartialWhenTheNextTimePointStarts() {
        StackAssembler a = new StackAssembler(3, listener);
        List<RawStack> out = new ArrayList<RawStack>();
        a.add(plane(0, 0, 0), 0, out);
        a.add(plane(0, 0, 2), 0, out); // z=1 dropped
        a.add(plane(1, 0, 0), 0, out);
        assertEquals(1, out.size());
        assertFalse(out.get(0).complete());
        assertEquals(2, out.get(0).present());
        assertEquals(2, out.get(0).toVolume(org.livedecon.core.volume.VoxelSize.of(0.1, 0.2)).nz());
    }

    @Test
    void flushEmitsOpenStacksAndLatePlanesAreIgnored() {
        StackAssembler a = new StackAssembler(3, listener);
        List<RawStack> out = new ArrayList<RawStack>();
        a.add(plane(0, 0, 0), 0, out);
        a.add(plane(0, 1, 0), 0, out);
        a.flush(out);
        assertEquals(2, out.size());
        assertNull(a.add(plane(0, 0, 1), 0, out));
        assertNull(a.add(plane(0, 0, 7), 0, out));
        assertEquals(2, a.ignored());
        assertEquals(2, out.size());
    }
}
