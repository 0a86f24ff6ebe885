package org.livedecon.core.backend.opencl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Enumerates the OpenCL devices of every installed platform (ICD). */
public final class OpenClDevices {
    private OpenClDevices() {}

    /**
     * Every device of every platform, in platform order.
     *
     * @throws OpenClException when OpenCL cannot be used at all: no loader library (JOCL's natives
     *     or libOpenCL missing, reported by the JVM as a {@link LinkageError}, which is wrapped here),
     *     no platform (CL_PLATFORM_NOT_FOUND_KHR), or a failing driver
     */
    public static List<OpenClDevice> list() {
        try {
            return listUnchecked();
        } catch (LinkageError e) {
            throw new OpenClException("OpenCL library not loadable: " + e, 0, e);
        }
    }

    private static List<OpenClDevice> listUnchecked() {
        int[] count = new int[1];
        int rc = CL.clGetPlatformIDs(0, null, count);
        if (rc == CL.CL_PLATFORM_NOT_FOUND_KHR || (rc == CL.CL_SUCCESS && count[0] == 0)) {
            throw new OpenClException("no OpenCL platform installed (CL_PLATFORM_NOT_FOUND_KHR)", rc, null);
        }
        OpenClException.check(rc, "clGetPlatformIDs");
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        OpenClException.check(CL.clGetPlatformIDs(platforms.length, platforms, null), "clGetPlatformIDs");
        List<OpenClDevice> out = new ArrayList<OpenClDevice>();
        for (cl_platform_id p : platforms) {
            int[] n = new int[1];
            rc = CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, 0, null, n);
            if (rc == CL.CL_DEVICE_NOT_FOUND || n[0] == 0) continue;
            OpenClException.check(rc, "clGetDeviceIDs");
            cl_device_id[] devices = new cl_device_id[n[0]];
            OpenClException.check(CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, devices.length, devices, null),
                    "clGetDeviceIDs");
            String platformName = platformString(p, CL.CL_PLATFORM_NAME);
            for (cl_device_id d : devices) {
                long type = deviceLong(d, CL.CL_DEVICE_TYPE);
                OpenClDevice.Type t = (type & CL.CL_DEVICE_TYPE_GPU) != 0 ? OpenClDevice.Type.GPU
                        : (type & CL.CL_DEVICE_TYPE_CPU) != 0 ? OpenClDevice.Type.CPU
                        : (type & CL.CL_DEVICE_TYPE_ACCELERATOR) != 0 ? OpenClDevice.Type.ACCELERATOR
                        : OpenClDevice.Type.OTHER;
                String ext = deviceString(d, CL.CL_DEVICE_EXTENSIONS);
                out.add(new OpenClDevice(p, d, platformName, deviceString(d, CL.CL_DEVICE_NAME).trim(),
                        deviceString(d, CL.CL_DEVICE_VENDOR).trim(), deviceString(d, CL.CL_DEVICE_VERSION).trim(), t,
                        deviceLong(d, CL.CL_DEVICE_GLOBAL_MEM_SIZE), deviceLong(d, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                        deviceInt(d, CL.CL_DEVICE_MAX_COMPUTE_UNITS), deviceInt(d, CL.CL_DEVICE_MAX_CLOCK_FREQUENCY),
                        ext.contains("cl_khr_fp64"), deviceInt(d, CL.CL_DEVICE_HOST_UNIFIED_MEMORY) != 0));
            }
        }
        return Collections.unmodifiableList(out);
    }

    static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        OpenClException.check(CL.clGetPlatformInfo(p, param, 0, null, size), "clGetPlatformInfo");
        byte[] b = new byte[(int) size[0]];
        OpenClException.check(CL.clGetPlatformInfo(p, param, b.length, Pointer.to(b), null), "clGetPlatformInfo");
        return cString(b);
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        OpenClException.check(CL.clGetDeviceInfo(d, param, 0, null, size), "clGetDeviceInfo");
        byte[] b = new byte[(int) size[0]];
        OpenClException.check(CL.clGetDeviceInfo(d, param, b.length, Pointer.to(b), null), "clGetDeviceInfo");
        return cString(b);
    }

    /** A cl_ulong or cl_bitfield property. */
    static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        OpenClException.check(CL.clGetDeviceInfo(d, param, Sizeof.cl_long, Pointer.to(v), null), "clGetDeviceInfo");
        return v[0];
    }

    /** A cl_uint or cl_bool property. */
    static int deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        OpenClException.check(CL.clGetDeviceInfo(d, param, Sizeof.cl_int, Pointer.to(v), null), "clGetDeviceInfo");
        return v[0];
    }

    /** A size_t property. */
    static long deviceSize(cl_device_id d, int param) {
        long[] v = new long[1];
        OpenClException.check(CL.clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(v), null), "clGetDeviceInfo");
        return v[0];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
