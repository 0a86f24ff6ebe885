package org.livedecon.sim.acquisition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.acquisition.PlaneSink;

/** Records what an acquisition hands over, and on which thread; an optional hook runs in accept. */
class RecordingSink implements PlaneSink {
    interface Hook {
        void onPlane(AcquiredPlane plane, int count);
    }

    final List<AcquiredPlane> planes = Collections.synchronizedList(new ArrayList<AcquiredPlane>());
    final List<String> finishedCalls = Collections.synchronizedList(new ArrayList<String>());
    private final List<String> events;
    volatile Thread thread;
    volatile Hook hook;

    RecordingSink(List<String> events) {
        this.events = events;
    }

    @Override
    public void accept(AcquiredPlane plane) {
        thread = Thread.currentThread();
        planes.add(plane);
        PlaneCoords c = plane.coords();
        if (events != null) events.add("plane " + c.time() + "," + c.position() + "," + c.channel() + "," + c.slice());
        Hook h = hook;
        if (h != null) h.onPlane(plane, planes.size());
    }

    @Override
    public void finished(boolean aborted, long delivered) {
        finishedCalls.add("finished(" + aborted + ", " + delivered + ")");
        if (events != null) events.add("finished " + aborted + " " + delivered);
    }

    List<PlaneCoords> coords() {
        synchronized (planes) {
            List<PlaneCoords> out = new ArrayList<PlaneCoords>();
            for (AcquiredPlane p : planes) out.add(p.coords());
            return out;
        }
    }
}
