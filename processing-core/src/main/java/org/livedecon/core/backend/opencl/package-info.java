/**
 * The OpenCL implementation of {@link org.livedecon.core.backend.Backend}, through JOCL.
 *
 * <ul>
 *   <li>{@link org.livedecon.core.backend.opencl.OpenClDevices} lists the devices of every
 *       installed platform as {@link org.livedecon.core.backend.opencl.OpenClDevice} values;</li>
 *   <li>{@link org.livedecon.core.backend.opencl.DeviceChoice} parses {@code auto|gpu|cpu|cpu-opencl|NAME}
 *       and picks a device;</li>
 *   <li>{@link org.livedecon.core.backend.opencl.Backends#create} returns an
 *       {@link org.livedecon.core.backend.opencl.OpenClBackend} or, on any OpenCL problem, a
 *       {@link org.livedecon.core.backend.CpuBackend} with one logged reason;</li>
 *   <li>{@link org.livedecon.core.backend.opencl.OpenClBackend}: device buffers
 *       ({@code ClBuffers}), per-voxel kernels ({@code voxels.cl} resource) and the FFT
 *       ({@code FftKernels}: Stockham radix 2/3/4/5/7 passes along each axis, a direct DFT for
 *       other lengths, full complex spectra);</li>
 *   <li>{@link org.livedecon.core.backend.opencl.OpenClException}: every OpenCL error, a
 *       {@link org.livedecon.core.backend.BackendFailure} that
 *       {@link org.livedecon.core.deconv.JobRunner} answers by rerunning on the CPU.</li>
 * </ul>
 *
 * Needs an OpenCL ICD loader ({@code OpenCL.dll} from the GPU driver on Windows; on Linux JOCL
 * 2.0.5 opens {@code libOpenCL.so}, Debian package {@code ocl-icd-opencl-dev}) and a driver; PoCL
 * ({@code pocl-opencl-icd}) runs the kernels on the CPU and needs a writable {@code POCL_CACHE_DIR}.
 */
package org.livedecon.core.backend.opencl;
