/**
 * Where the arithmetic runs. {@link org.livedecon.core.backend.Backend} is the contract the
 * algorithms are written against: real-to-complex FFTs on padded grids, the cached OTF, and the
 * per-voxel steps of Wiener and Richardson–Lucy, fused where that saves passes over memory.
 * {@link org.livedecon.core.backend.CpuBackend} implements it with JTransforms 1D transforms
 * composed into a 3D transform ({@code StockhamFft3d}, or {@code JTransformsFft3d} as the reference) and plain loops, on a fixed set of threads
 * ({@code Parallel}). {@link org.livedecon.core.backend.PlaneSpectra} are the plane-by-plane 2D
 * operations of computations that receive a volume a plane at a time (the streaming Wiener), on
 * either backend. {@link org.livedecon.core.backend.opencl.OpenClBackend} implements the same
 * interface on an OpenCL device; the algorithms do not change. A device failure is a
 * {@link org.livedecon.core.backend.BackendFailure}: the job can be rerun on the CPU backend.
 */
package org.livedecon.core.backend;
