package org.livedecon.cli;

import java.io.PrintWriter;
import java.util.List;

import org.livedecon.core.backend.opencl.OpenClDevice;
import org.livedecon.core.backend.opencl.OpenClDevices;
import org.livedecon.core.backend.opencl.OpenClException;

import picocli.CommandLine.Command;

/** {@code livedecon devices}: the OpenCL devices with their memory, or why there are none. */
@Command(name = "devices", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "Lists the OpenCL devices (name, type, vendor, platform, compute units, global memory, largest "
                    + "buffer) that --device can choose. Without an OpenCL platform it says why; the CPU "
                    + "backend is always available as --device cpu."
        })
final class DevicesCommand extends CliCommand {
    @Override
    protected int run() {
        PrintWriter out = out();
        try {
            List<OpenClDevice> devices = OpenClDevices.list();
            if (devices.isEmpty()) out.println("no OpenCL device (platforms are installed but report none)");
            for (int i = 0; i < devices.size(); i++) out.println(i + ": " + devices.get(i).describe());
        } catch (OpenClException e) {
            out.println("no OpenCL platform: " + e.getMessage());
        }
        out.println("cpu: Java CPU backend (livedecon FFT), " + Runtime.getRuntime().availableProcessors() + " cores");
        return 0;
    }
}
