package org.livedecon.core.live;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.livedecon.core.volume.VoxelSize;

/**
 * Settings of a {@link LiveDeconvolver}, immutable and validated once by {@link Builder#build()}.
 * Sizes in bytes, times in milliseconds, voxel size in µm.
 */
public final class LiveSettings {
    private final int zPlanes;
    private final VoxelSize voxelSize;
    private final Map<Integer, ChannelSetup> channels;
    private final ChannelSetup defaultChannel;
    private final LivePolicy policy;
    private final long memoryBudgetBytes;
    private final long memoryLimitBytes;
    private final double latencyTargetMs;
    private final int minIterations;
    private final PartialStacks partialStacks;
    private final boolean streamingWiener;
    private final int backendThreads;
    private final String device;
    private final Path spillDirectory;
    private final LiveLog log;
    private final DeconvolverFactory deconvolverFactory;
    private final MemoryLedger memoryLedger;

    private LiveSettings(Builder b) {
        zPlanes = b.zPlanes;
        voxelSize = b.voxelSize;
        channels = Collections.unmodifiableMap(new TreeMap<Integer, ChannelSetup>(b.channels));
        defaultChannel = b.defaultChannel;
        policy = b.policy;
        memoryBudgetBytes = b.memoryBudgetBytes;
        memoryLimitBytes = b.memoryLimitBytes > 0 ? b.memoryLimitBytes : defaultMemoryLimit(b.memoryBudgetBytes);
        latencyTargetMs = b.latencyTargetMs;
        minIterations = b.minIterations;
        partialStacks = b.partialStacks;
        streamingWiener = b.streamingWiener;
        backendThreads = b.backendThreads;
        device = b.device;
        spillDirectory = b.spillDirectory;
        log = b.log;
        deconvolverFactory = b.deconvolverFactory;
        memoryLedger = b.memoryLedger;
    }

    public static Builder builder() { return new Builder(); }

    /** Planes per complete z-stack. */
    public int zPlanes() { return zPlanes; }
    /** Voxel size of the stacks (and of every channel's PSF), µm. */
    public VoxelSize voxelSize() { return voxelSize; }
    /** Channel index → PSF and settings. */
    public Map<Integer, ChannelSetup> channels() { return channels; }
    /** Used for channels not in {@link #channels()}; null means such stacks fail with a message. */
    public ChannelSetup defaultChannel() { return defaultChannel; }
    public LivePolicy policy() { return policy; }
    /** Raw stacks waiting in memory beyond this many bytes are spilled to disk (policy ALL, ADAPTIVE). */
    public long memoryBudgetBytes() { return memoryBudgetBytes; }

    /**
     * The hard limit on raw pixels the engine holds in memory (planes handed in and not yet taken
     * up, stacks being assembled, stacks waiting in memory). Planes arriving beyond it are not
     * kept and their stacks are reported as skipped: this protects the acquisition (which shares
     * the Java heap with us) when spilling to disk cannot keep up or fails. Default: twice the
     * budget plus 256 MiB, at most half the maximum heap.
     */
    public long memoryLimitBytes() { return memoryLimitBytes; }

    static long defaultMemoryLimit(long budgetBytes) {
        long wanted = 2 * budgetBytes + (256L << 20);
        return Math.min(wanted, Runtime.getRuntime().maxMemory() / 2);
    }
    /** Policy ADAPTIVE: latency from the last plane to the result to stay under, ms. */
    public double latencyTargetMs() { return latencyTargetMs; }
    /** Policy ADAPTIVE: below this many iterations, Wiener is used instead. */
    public int minIterations() { return minIterations; }
    public PartialStacks partialStacks() { return partialStacks; }
    /** Whether Wiener channels are transformed plane by plane while the stack arrives. */
    public boolean streamingWiener() { return streamingWiener; }
    /** Threads of the worker's CPU backend and of the streaming transforms. */
    public int backendThreads() { return backendThreads; }
    /**
     * Where the worker deconvolves: {@code cpu} (the default), {@code auto}, {@code gpu},
     * {@code cpu-opencl} or an OpenCL device name (see
     * {@link org.livedecon.core.backend.opencl.DeviceChoice}); made by
     * {@link org.livedecon.core.backend.opencl.Backends#create}, which falls back to the CPU backend
     * with one logged reason when OpenCL cannot be used.
     */
    public String device() { return device; }
    /** Where spilled stacks go (a fresh sub-directory is made and deleted); null = the system temp dir. */
    public Path spillDirectory() { return spillDirectory; }
    public LiveLog log() { return log; }
    public DeconvolverFactory deconvolverFactory() { return deconvolverFactory; }

    /**
     * A ledger shared with other holders of acquisition memory (other engines, hand-off buffers,
     * result stores): the engine's raw pixels are reserved in it and it replaces
     * {@link #memoryLimitBytes()} as the hard limit. Null: the engine keeps its own ledger of
     * {@link #memoryLimitBytes()}.
     */
    public MemoryLedger memoryLedger() { return memoryLedger; }

    /** The setup for channel {@code c}, or null when there is none. */
    public ChannelSetup channel(int c) {
        ChannelSetup s = channels.get(c);
        return s != null ? s : defaultChannel;
    }

    @Override
    public String toString() {
        return "live: " + zPlanes + " planes per stack at " + voxelSize + ", policy " + policy + ", memory budget "
                + (memoryBudgetBytes >> 20) + " MiB" + (policy == LivePolicy.ADAPTIVE ? ", latency target " + latencyTargetMs + " ms" : "")
                + ", device " + device + ", partial stacks " + partialStacks + ", streaming Wiener " + (streamingWiener ? "on" : "off")
                + ", channels " + channels + (defaultChannel != null ? ", default " + defaultChannel : "");
    }

    /** Defaults: policy ALL, 512 MiB, 2000 ms target, 2 minimum iterations, partial stacks deconvolved, streaming on. */
    public static final class Builder {
        private int zPlanes;
        private VoxelSize voxelSize;
        private final Map<Integer, ChannelSetup> channels = new TreeMap<Integer, ChannelSetup>();
        private ChannelSetup defaultChannel;
        private LivePolicy policy = LivePolicy.ALL;
        private long memoryBudgetBytes = 512L << 20;
        private long memoryLimitBytes;
        private double latencyTargetMs = 2000;
        private int minIterations = 2;
        private PartialStacks partialStacks = PartialStacks.DECONVOLVE;
        private boolean streamingWiener = true;
        private int backendThreads = Runtime.getRuntime().availableProcessors();
        private String device = "cpu";
        private Path spillDirectory;
        private LiveLog log = LiveLog.NONE;
        private DeconvolverFactory deconvolverFactory = DeconvolverFactory.DEFAULT;
        private MemoryLedger memoryLedger;

        private Builder() {}

        public Builder zPlanes(int n) { zPlanes = n; return this; }
        public Builder voxelSize(VoxelSize v) { voxelSize = v; return this; }
        public Builder channel(int index, ChannelSetup setup) { channels.put(index, setup); return this; }
        public Builder defaultChannel(ChannelSetup setup) { defaultChannel = setup; return this; }
        public Builder policy(LivePolicy p) { policy = p; return this; }
        public Builder memoryBudgetBytes(long bytes) { memoryBudgetBytes = bytes; return this; }
        /** Hard limit on raw pixels held in memory; 0 means the default (see {@link LiveSettings#memoryLimitBytes()}). */
        public Builder memoryLimitBytes(long bytes) { memoryLimitBytes = bytes; return this; }
        public Builder latencyTargetMs(double ms) { latencyTargetMs = ms; return this; }
        public Builder minIterations(int n) { minIterations = n; return this; }
        public Builder partialStacks(PartialStacks p) { partialStacks = p; return this; }
        public Builder streamingWiener(boolean on) { streamingWiener = on; return this; }
        public Builder backendThreads(int n) { backendThreads = n; return this; }
        /** {@code auto|gpu|cpu|cpu-opencl|NAME}; null or blank means {@code cpu}. */
        public Builder device(String d) { device = d == null || d.trim().isEmpty() ? "cpu" : d.trim(); return this; }
        public Builder spillDirectory(Path dir) { spillDirectory = dir; return this; }
        public Builder log(LiveLog l) { log = l; return this; }
        public Builder deconvolverFactory(DeconvolverFactory f) { deconvolverFactory = f; return this; }
        /** A ledger shared with other holders of acquisition memory; null = the engine's own. */
        public Builder memoryLedger(MemoryLedger l) { memoryLedger = l; return this; }

        /** @throws IllegalArgumentException naming the setting and the value */
        public LiveSettings build() {
            if (zPlanes < 1) throw new IllegalArgumentException("planes per stack must be at least 1, got " + zPlanes);
            if (voxelSize == null) throw new IllegalArgumentException("voxel size is required");
            if (channels.isEmpty() && defaultChannel == null) {
                throw new IllegalArgumentException("at least one channel setup (or a default) is required");
            }
            for (Map.Entry<Integer, ChannelSetup> e : channels.entrySet()) {
                if (e.getKey() < 0 || e.getValue() == null) {
                    throw new IllegalArgumentException("channel " + e.getKey() + " needs an index >= 0 and a setup");
                }
            }
            if (policy == null || partialStacks == null || log == null || deconvolverFactory == null) {
                throw new IllegalArgumentException("policy, partial-stack mode, log and deconvolver factory are required");
            }
            if (memoryBudgetBytes < 0) throw new IllegalArgumentException("memory budget must be >= 0 bytes, got " + memoryBudgetBytes);
            if (memoryLimitBytes < 0) throw new IllegalArgumentException("memory limit must be >= 0 bytes (0: default), got " + memoryLimitBytes);
            if (!(latencyTargetMs > 0) || Double.isInfinite(latencyTargetMs)) {
                throw new IllegalArgumentException("latency target must be a positive number of ms, got " + latencyTargetMs);
            }
            if (minIterations < 1) throw new IllegalArgumentException("minimum iterations must be at least 1, got " + minIterations);
            if (backendThreads < 1) throw new IllegalArgumentException("backend threads must be at least 1, got " + backendThreads);
            return new LiveSettings(this);
        }
    }
}
