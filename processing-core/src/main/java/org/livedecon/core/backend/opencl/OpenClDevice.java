package org.livedecon.core.backend.opencl;

import java.util.Locale;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as {@link OpenClDevices#list()} found it: immutable facts for choosing a
 * device and sizing jobs. Memory figures are in bytes.
 */
public final class OpenClDevice {
    /** Device type as OpenCL reports it. */
    public enum Type { GPU, CPU, ACCELERATOR, OTHER }

    private final String platform, name, vendor, version;
    private final Type type;
    private final long globalMemBytes, maxAllocBytes;
    private final int computeUnits, clockMHz;
    private final boolean fp64, unifiedMemory;
    final cl_platform_id platformId;
    final cl_device_id deviceId;

    OpenClDevice(cl_platform_id platformId, cl_device_id deviceId, String platform, String name, String vendor,
                 String version, Type type, long globalMemBytes, long maxAllocBytes, int computeUnits, int clockMHz,
                 boolean fp64, boolean unifiedMemory) {
        this.platformId = platformId;
        this.deviceId = deviceId;
        this.platform = platform;
        this.name = name;
        this.vendor = vendor;
        this.version = version;
        this.type = type;
        this.globalMemBytes = globalMemBytes;
        this.maxAllocBytes = maxAllocBytes;
        this.computeUnits = computeUnits;
        this.clockMHz = clockMHz;
        this.fp64 = fp64;
        this.unifiedMemory = unifiedMemory;
    }

    public String platform() { return platform; }
    public String name() { return name; }
    public String vendor() { return vendor; }
    /** The device's OpenCL version string ("OpenCL 3.0 CUDA"). */
    public String version() { return version; }
    public Type type() { return type; }
    /** CL_DEVICE_GLOBAL_MEM_SIZE, bytes. */
    public long globalMemBytes() { return globalMemBytes; }
    /** CL_DEVICE_MAX_MEM_ALLOC_SIZE: the largest single buffer, bytes. */
    public long maxAllocBytes() { return maxAllocBytes; }
    public int computeUnits() { return computeUnits; }
    public int clockMHz() { return clockMHz; }
    /** Whether the device supports cl_khr_fp64 (reductions then accumulate in double). */
    public boolean fp64() { return fp64; }
    /** CL_DEVICE_HOST_UNIFIED_MEMORY: true for CPUs and integrated GPUs. */
    public boolean unifiedMemory() { return unifiedMemory; }

    /** One line for device lists: name, type, vendor, platform and memory. */
    public String describe() {
        return String.format(Locale.ROOT, "%s [%s, %s, platform %s] %d compute units, %d MiB global memory, "
                        + "%d MiB max buffer%s", name, type.name().toLowerCase(Locale.ROOT), vendor, platform,
                computeUnits, globalMemBytes >> 20, maxAllocBytes >> 20, fp64 ? ", fp64" : "");
    }

    @Override
    public String toString() { return name + " (" + type.name().toLowerCase(Locale.ROOT) + ", " + platform + ")"; }
}
