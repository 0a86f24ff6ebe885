package org.livedecon.core.backend.opencl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which device a job should run on, as given on the command line or in the UI:
 * <ul>
 *   <li>{@code auto}: the fastest OpenCL GPU (or accelerator); without one, the CPU backend
 *       (JTransforms), which is faster than OpenCL CPU runtimes such as PoCL;</li>
 *   <li>{@code gpu}: the fastest OpenCL GPU;</li>
 *   <li>{@code cpu}: the CPU backend (JTransforms), no OpenCL;</li>
 *   <li>{@code cpu-opencl}: an OpenCL device of type CPU (PoCL, Intel's CPU runtime);</li>
 *   <li>anything else: the first OpenCL device whose name, vendor or platform contains the text
 *       (case-insensitive).</li>
 * </ul>
 * "Fastest" prefers discrete memory, then compute units × clock, then global memory.
 */
public final class DeviceChoice {
    /** The kinds of choice. */
    public enum Kind { AUTO, GPU, CPU, CPU_OPENCL, NAMED }

    private final Kind kind;
    private final String name;

    private DeviceChoice(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /** Parses {@code auto|gpu|cpu|cpu-opencl|NAME}; null or blank means auto. */
    public static DeviceChoice parse(String text) {
        String t = text == null ? "" : text.trim();
        String l = t.toLowerCase(Locale.ROOT);
        if (l.isEmpty() || l.equals("auto")) return new DeviceChoice(Kind.AUTO, "auto");
        if (l.equals("gpu")) return new DeviceChoice(Kind.GPU, "gpu");
        if (l.equals("cpu")) return new DeviceChoice(Kind.CPU, "cpu");
        if (l.equals("cpu-opencl")) return new DeviceChoice(Kind.CPU_OPENCL, "cpu-opencl");
        return new DeviceChoice(Kind.NAMED, t);
    }

    public Kind kind() { return kind; }

    /** Whether this choice needs OpenCL at all ({@code cpu} does not). */
    public boolean wantsOpenCl() { return kind != Kind.CPU; }

    /**
     * The device to use among {@code devices}, or null for the CPU backend ({@code auto} without
     * a GPU).
     *
     * @throws OpenClException when an explicit choice matches no device (the message lists them)
     */
    public OpenClDevice select(List<OpenClDevice> devices) {
        List<OpenClDevice> ranked = new ArrayList<OpenClDevice>(devices);
        Collections.sort(ranked, FASTEST_FIRST);
        for (OpenClDevice d : ranked) {
            switch (kind) {
                case AUTO:
                    if (d.type() == OpenClDevice.Type.GPU || d.type() == OpenClDevice.Type.ACCELERATOR) return d;
                    break;
                case GPU:
                    if (d.type() == OpenClDevice.Type.GPU) return d;
                    break;
                case CPU_OPENCL:
                    if (d.type() == OpenClDevice.Type.CPU) return d;
                    break;
                case NAMED:
                    String n = name.toLowerCase(Locale.ROOT);
                    if (d.name().toLowerCase(Locale.ROOT).contains(n) || d.vendor().toLowerCase(Locale.ROOT).contains(n)
                            || d.platform().toLowerCase(Locale.ROOT).contains(n)) {
                        return d;
                    }
                    break;
                default:
                    return null;
            }
        }
        if (kind == Kind.AUTO || kind == Kind.CPU) return null;
        throw new OpenClException("no OpenCL device matches '" + name + "' (devices: "
                + (devices.isEmpty() ? "none" : devices.toString()) + ")");
    }

    private static final Comparator<OpenClDevice> FASTEST_FIRST = new Comparator<OpenClDevice>() {
        @Override
        public int compare(OpenClDevice a, OpenClDevice b) {
            if (a.unifiedMemory() != b.unifiedMemory()) return a.unifiedMemory() ? 1 : -1;
            int c = Long.compare((long) b.computeUnits() * b.clockMHz(), (long) a.computeUnits() * a.clockMHz());
            return c != 0 ? c : Long.compare(b.globalMemBytes(), a.globalMemBytes());
        }
    };

    @Override
    public String toString() { return name; }
}
