/**
 * What an acquisition delivers, independent of Micro-Manager: {@link org.livedecon.core.acquisition.PlaneCoords}
 * (time, position, channel, slice), {@link org.livedecon.core.acquisition.AcquiredPlane} (pixels,
 * coordinates, focus position, timestamp), {@link org.livedecon.core.acquisition.PlaneSink} (who receives
 * them, on the acquisition thread, and must return quickly) and
 * {@link org.livedecon.core.acquisition.AcquisitionOrder}. The simulator's runner and the Micro-Manager
 * processor both produce planes in these terms; the live engine consumes them.
 */
package org.livedecon.core.acquisition;
