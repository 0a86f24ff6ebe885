package org.livedecon.mm.settings;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.live.LivePolicy;
import org.livedecon.core.psf.model.PsfModel;

/**
 * The plugin's settings as plain values, free of Micro-Manager types: made from a PropertyMap by
 * {@link SettingsConverter}, read by the factory and the processor. Immutable, validated once by
 * {@link Builder#build()} (messages name the setting and the value).
 */
public final class PluginSettings {
    /** What happens to the deconvolved stacks. */
    public enum Output { DISPLAY, DISPLAY_AND_SAVE }

    private final DeconvolutionSettings deconvolution;
    private final String device;
    private final String saveFolder;
    private final LivePolicy policy;
    private final Output output;
    private final ChannelPsf defaultPsf;
    private final Map<Integer, ChannelPsf> channelPsfs;
    private final Map<String, ChannelPsf> namedChannelPsfs;
    private final Double explicitLambda;

    private PluginSettings(Builder b, DeconvolutionSettings deconvolution) {
        this.deconvolution = deconvolution;
        this.explicitLambda = b.lambda;
        this.device = b.device;
        this.saveFolder = b.saveFolder;
        this.policy = b.policy;
        this.output = b.output;
        this.defaultPsf = b.defaultPsf;
        this.channelPsfs = Collections.unmodifiableMap(new TreeMap<Integer, ChannelPsf>(b.channelPsfs));
        this.namedChannelPsfs = Collections.unmodifiableMap(new TreeMap<String, ChannelPsf>(b.namedChannelPsfs));
    }

    /** The live method for a new user: see {@link #defaults()} for why. */
    public static final Algorithm DEFAULT_ALGORITHM = Algorithm.RL_WB;
    /** Iterations of {@link #DEFAULT_ALGORITHM} (a maximum: rl-wb may stop earlier by its fit rule). */
    public static final int DEFAULT_ITERATIONS = 4;

    /**
     * The live iteration count the settings window suggests for {@code a}: {@link #DEFAULT_ITERATIONS}
     * for rl-wb, 10 for the other RL methods (accelerated RL x10 answers within about 1 s of a
     * 64x256x256 stack's last plane on 2 cores, README), 0 for Wiener.
     */
    public static int liveIterations(Algorithm a) {
        if (!a.iterative()) return 0;
        return a == Algorithm.RL_WB ? DEFAULT_ITERATIONS : 10;
    }

    public static Builder builder() { return new Builder(); }

    /**
     * The defaults: rl-wb x{@value #DEFAULT_ITERATIONS} (Wiener–Butterworth back projector, with its stop), auto background, non-circulant, auto device, policy ALL (every stack deconvolved; waiting stacks spill to disk beyond the memory budget), display only, Born-Wolf NA 1.4 at 0.52 µm in oil.
     * <p>Why rl-wb x4: live, the latency after a stack's last plane bounds the iterations. Measured
     * with {@code bench-wb --as-users} on the simulator's cell and bead layer at 20, 100 and 500 ms,
     * rl-wb after 4 iterations is closer to the truth than accelerated RL after 10 in all six cases,
     * in about two thirds of the time (README), and {@code live-sim --algorithm rl-wb --iterations 4}
     * on 64x256x256 at 24 fps answers within 1 s of the last plane on 2 cores.
     */
    public static PluginSettings defaults() { return builder().build(); }

    public Builder toBuilder() {
        Builder b = new Builder()
                .algorithm(deconvolution.algorithm())
                .iterations(deconvolution.iterations())
                .background(deconvolution.background())
                .boundary(deconvolution.boundary())
                .device(device).policy(policy).output(output).saveFolder(saveFolder).defaultPsf(defaultPsf);
        b.lambda = explicitLambda;
        b.channelPsfs.putAll(channelPsfs);
        b.namedChannelPsfs.putAll(namedChannelPsfs);
        return b;
    }

    /** Deconvolution settings shared by every channel. */
    public DeconvolutionSettings deconvolution() { return deconvolution; }
    /** λ as set by the user, or null for the algorithm's default. */
    public Double explicitLambda() { return explicitLambda; }
    /**
     * Where the engine computes, in {@link org.livedecon.core.backend.opencl.DeviceChoice} syntax:
     * {@code auto} (an OpenCL GPU, else the CPU), {@code gpu}, {@code cpu}, {@code cpu-opencl} or
     * (part of) an OpenCL device name. Never null; lower case for the first four.
     */
    public String device() { return device; }
    /**
     * Folder for saved stacks when the acquisition is not saved by Micro-Manager (no directory in
     * its summary metadata); empty = {@code ~/livedecon-results}. See {@link org.livedecon.mm.processor.TiffResultSaver}.
     */
    public String saveFolder() { return saveFolder; }
    public LivePolicy policy() { return policy; }
    public Output output() { return output; }
    /** PSF of channels without their own entry. */
    public ChannelPsf defaultPsf() { return defaultPsf; }
    /** Channel index → PSF, for acquisitions whose channels have no names (and settings of earlier versions). */
    public Map<Integer, ChannelPsf> channelPsfs() { return channelPsfs; }

    /** Channel name (a preset of the channel group, e.g. "DAPI", "FITC") → PSF. */
    public Map<String, ChannelPsf> namedChannelPsfs() { return namedChannelPsfs; }

    /** The PSF source of channel {@code c} of an acquisition without channel names. */
    public ChannelPsf psfFor(int c) {
        return psfFor(c, null);
    }

    /**
     * The PSF source of channel index {@code c} called {@code name} in the acquisition's summary: by
     * name when the acquisition names the channel, by index only when it does not (null or blank),
     * else {@link #defaultPsf()}.
     */
    public ChannelPsf psfFor(int c, String name) {
        ChannelPsf p = ownPsf(c, name);
        return p != null ? p : defaultPsf;
    }

    /** As {@link #psfFor(int, String)}, but null when the channel has no PSF of its own. */
    public ChannelPsf ownPsf(int c, String name) {
        if (name != null && !name.trim().isEmpty()) return namedChannelPsfs.get(name.trim());
        return channelPsfs.get(c);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PluginSettings)) return false;
        PluginSettings s = (PluginSettings) o;
        return toString().equals(s.toString());
    }

    @Override
    public int hashCode() { return toString().hashCode(); }

    @Override
    public String toString() {
        return deconvolution + (explicitLambda != null ? " (lambda set)" : "") + ", device " + device + ", policy " + policy
                + ", output " + output + (saveFolder.isEmpty() ? "" : " (folder " + saveFolder + ")") + ", PSF " + defaultPsf + (channelPsfs.isEmpty() ? "" : ", channels " + channelPsfs)
                + (namedChannelPsfs.isEmpty() ? "" : ", channels by name " + namedChannelPsfs);
    }

    /** The device text as {@link org.livedecon.core.backend.opencl.DeviceChoice#parse} reads it (blank: auto). */
    static String normaliseDevice(String d) {
        return org.livedecon.core.backend.opencl.DeviceChoice.parse(d).toString();
    }

    /** Builder with the defaults of {@link PluginSettings#defaults()}. */
    public static final class Builder {
        private Algorithm algorithm = DEFAULT_ALGORITHM;
        private int iterations = DEFAULT_ITERATIONS;
        private Double lambda;
        private Background background = Background.auto();
        private Boundary boundary = Boundary.NON_CIRCULANT;
        private String device = "auto";
        private String saveFolder = "";
        private LivePolicy policy = LivePolicy.ALL;
        private Output output = Output.DISPLAY;
        private ChannelPsf defaultPsf = ChannelPsf.theoretical(PsfModel.BORN_WOLF, 1.4, 0.52, 1.515);
        private final Map<Integer, ChannelPsf> channelPsfs = new TreeMap<Integer, ChannelPsf>();
        private final Map<String, ChannelPsf> namedChannelPsfs = new TreeMap<String, ChannelPsf>();

        private Builder() {}

        public Builder algorithm(Algorithm a) { algorithm = a; return this; }
        public Builder iterations(int n) { iterations = n; return this; }
        /** null = the algorithm's default. */
        public Builder lambda(Double l) { lambda = l; return this; }
        public Builder background(Background b) { background = b; return this; }
        public Builder boundary(Boundary b) { boundary = b; return this; }
        /** {@code auto|gpu|cpu|cpu-opencl|NAME}, case-insensitive for the first four; null or blank = auto. */
        public Builder device(String d) { device = normaliseDevice(d); return this; }
        /** null = empty = the default folder. */
        public Builder saveFolder(String f) { saveFolder = f == null ? "" : f.trim(); return this; }
        public Builder policy(LivePolicy p) { policy = p; return this; }
        public Builder output(Output o) { output = o; return this; }
        public Builder defaultPsf(ChannelPsf p) { defaultPsf = p; return this; }
        public Builder channelPsf(int channel, ChannelPsf p) { channelPsfs.put(channel, p); return this; }
        /** The PSF of the channel called {@code name} (a channel-group preset); blank names are refused by {@link #build()}. */
        public Builder channelPsf(String name, ChannelPsf p) { namedChannelPsfs.put(name == null ? "" : name.trim(), p); return this; }
        /** Forgets every per-channel PSF (by index and by name). */
        public Builder clearChannelPsfs() { channelPsfs.clear(); namedChannelPsfs.clear(); return this; }

        /** @throws IllegalArgumentException naming the setting and the value */
        public PluginSettings build() {
            if (policy == null || output == null || defaultPsf == null) {
                throw new IllegalArgumentException("device, policy, output and default PSF are required, got " + device
                        + ", " + policy + ", " + output + ", " + defaultPsf);
            }
            for (Map.Entry<Integer, ChannelPsf> e : channelPsfs.entrySet()) {
                if (e.getKey() == null || e.getKey() < 0 || e.getValue() == null) {
                    throw new IllegalArgumentException("channel PSF " + e.getKey() + " needs an index >= 0 and a PSF");
                }
            }
            for (Map.Entry<String, ChannelPsf> e : namedChannelPsfs.entrySet()) {
                if (e.getKey().isEmpty() || e.getValue() == null) {
                    throw new IllegalArgumentException("channel PSF '" + e.getKey() + "' needs a channel name and a PSF");
                }
            }
            DeconvolutionSettings.Builder d = DeconvolutionSettings.builder().algorithm(algorithm).iterations(iterations)
                    .background(background).boundary(boundary);
            if (lambda != null) d.lambda(lambda);
            return new PluginSettings(this, d.build());
        }
    }
}
