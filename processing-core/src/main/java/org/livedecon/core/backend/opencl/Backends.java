package org.livedecon.core.backend.opencl;

import java.util.List;
import java.util.function.Consumer;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.CpuBackend;

/**
 * Creates the backend for a device choice: an {@link OpenClBackend} when OpenCL works and a device
 * matches, otherwise a {@link CpuBackend}, never an exception for an OpenCL problem.
 */
public final class Backends {
    private Backends() {}

    /**
     * @param device {@code auto|gpu|cpu|cpu-opencl|NAME} (see {@link DeviceChoice})
     * @param threads CPU threads of the CPU backend, at least 1
     * @param log receives one line naming the backend chosen, plus the reason whenever OpenCL was
     *     wanted and the CPU backend is used instead (no loader library, no platform, no matching
     *     device, kernel build failure, out of device memory)
     */
    public static Backend create(String device, int threads, Consumer<String> log) {
        return create(DeviceChoice.parse(device), threads, log, -1, "");
    }

    /** As {@link #create(String, int, Consumer)} for a choice already parsed. */
    public static Backend create(DeviceChoice device, int threads, Consumer<String> log) {
        return create(device, threads, log, -1, "");
    }

    /** Test hook: {@code memoryLimitBytes} (negative: the device's) and extra kernel source. */
    static Backend create(String device, int threads, Consumer<String> log, long memoryLimitBytes, String extraSource) {
        return create(DeviceChoice.parse(device), threads, log, memoryLimitBytes, extraSource);
    }

    private static Backend create(DeviceChoice choice, int threads, Consumer<String> log, long memoryLimitBytes,
                                  String extraSource) {
        if (choice.wantsOpenCl()) {
            OpenClDevice d = null;
            try {
                List<OpenClDevice> devices = OpenClDevices.list();
                d = choice.select(devices);
                if (d != null) {
                    Backend b = new OpenClBackend(d, memoryLimitBytes < 0 ? d.globalMemBytes() : memoryLimitBytes,
                            extraSource);
                    log.accept("backend: " + b.name());
                    return b;
                }
                log.accept("device " + choice + ": no OpenCL GPU, using the CPU backend");
            } catch (OpenClException e) {
                log.accept("device " + choice + ": OpenCL unavailable, using the CPU backend: " + firstLine(e.getMessage()));
            } catch (LinkageError e) {
                log.accept("device " + choice + ": OpenCL library not loadable, using the CPU backend: " + e);
            }
        }
        CpuBackend cpu = new CpuBackend(threads);
        log.accept("backend: " + cpu.name());
        return cpu;
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i) + " (build log follows)" + s.substring(i);
    }
}
