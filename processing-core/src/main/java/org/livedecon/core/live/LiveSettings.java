package org.livedecon.core.live;

import org.livedecon.core.backend.MemoryBudget;
import org.livedecon.core.backend.opencl.DeviceChoice;

/**
 * The user's options of a {@link LiveDeconvolver}, immutable and validated once by
 * {@link Builder#build()}. Sizes in bytes, times in milliseconds. What the engine works with
 * besides (geometry, PSFs, log, spill folder, memory ledger) is in {@link LiveResources}.
 */
public final class LiveSettings {
    private final LivePolicy policy;
    private final long memoryBudgetBytes;
    private final long memoryLimitBytes;
    private final double latencyTargetMs;
    private final int minIterations;
    private final PartialStacks partialStacks;
    private final boolean streamingWiener;
    private final int backendThreads;
    private final DeviceChoice device;

    private LiveSettings(Builder b) {
        policy = b.policy;
        memoryBudgetBytes = b.memoryBudgetBytes;
        memoryLimitBytes = b.memoryLimitBytes > 0 ? b.memoryLimitBytes : MemoryBudget.liveHoldLimitBytes(b.memoryBudgetBytes);
        latencyTargetMs = b.latencyTargetMs;
        minIterations = b.minIterations;
        partialStacks = b.partialStacks;
        streamingWiener = b.streamingWiener;
        backendThreads = b.backendThreads;
        device = b.device;
    }

    public static Builder builder() { return new Builder(); }

    public LivePolicy policy() { return policy; }
    /** Raw stacks waiting in memory beyond this many bytes are spilled to disk (policy ALL, ADAPTIVE). */
    public long memoryBudgetBytes() { return memoryBudgetBytes; }

    /**
     * The hard limit on raw pixels the engine holds in memory (planes handed in and not yet taken
     * up, stacks being assembled, stacks waiting in memory). Planes arriving beyond it are not
     * kept and their stacks are reported as skipped: this protects the acquisition (which shares
     * the Java heap with us) when spilling to disk cannot keep up or fails. Default:
     * {@link MemoryBudget#liveHoldLimitBytes} (twice the budget plus 256 MiB, at most half the
     * maximum heap).
     */
    public long memoryLimitBytes() { return memoryLimitBytes; }

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
     * Where the worker deconvolves (see {@link DeviceChoice}; {@code cpu} unless set), as text:
     * made by {@link org.livedecon.core.deconv.JobRunner#open}, which falls back to the CPU backend
     * with one logged reason when OpenCL cannot be used.
     */
    public String device() { return device.toString(); }

    /** {@link #device()} as parsed. */
    public DeviceChoice deviceChoice() { return device; }

    @Override
    public String toString() {
        return "live: policy " + policy + ", memory budget " + (memoryBudgetBytes >> 20) + " MiB"
                + (policy == LivePolicy.ADAPTIVE ? ", latency target " + latencyTargetMs + " ms" : "")
                + ", device " + device + ", partial stacks " + partialStacks + ", streaming Wiener " + (streamingWiener ? "on" : "off");
    }

    /** Defaults: policy ALL, 512 MiB, 2000 ms target, 2 minimum iterations, partial stacks deconvolved, streaming on, device cpu. */
    public static final class Builder {
        private LivePolicy policy = LivePolicy.ALL;
        private long memoryBudgetBytes = MemoryBudget.LIVE_SPILL_BUDGET_BYTES;
        private long memoryLimitBytes;
        private double latencyTargetMs = 2000;
        private int minIterations = 2;
        private PartialStacks partialStacks = PartialStacks.DECONVOLVE;
        private boolean streamingWiener = true;
        private int backendThreads = Runtime.getRuntime().availableProcessors();
        private DeviceChoice device = DeviceChoice.parse("cpu");

        private Builder() {}

        public Builder policy(LivePolicy p) { policy = p; return this; }
        public Builder memoryBudgetBytes(long bytes) { memoryBudgetBytes = bytes; return this; }
        /** Hard limit on raw pixels held in memory; 0 means the default (see {@link LiveSettings#memoryLimitBytes()}). */
        public Builder memoryLimitBytes(long bytes) { memoryLimitBytes = bytes; return this; }
        public Builder latencyTargetMs(double ms) { latencyTargetMs = ms; return this; }
        public Builder minIterations(int n) { minIterations = n; return this; }
        public Builder partialStacks(PartialStacks p) { partialStacks = p; return this; }
        public Builder streamingWiener(boolean on) { streamingWiener = on; return this; }
        public Builder backendThreads(int n) { backendThreads = n; return this; }
        /** {@code auto|gpu|cpu|cpu-opencl|NAME}, parsed by {@link DeviceChoice#parse} (null or blank: auto). */
        public Builder device(String d) { device = DeviceChoice.parse(d); return this; }
        public Builder device(DeviceChoice d) { device = d; return this; }

        /** @throws IllegalArgumentException naming the setting and the value */
        public LiveSettings build() {
            if (policy == null || partialStacks == null || device == null) {
                throw new IllegalArgumentException("policy, partial-stack mode and device are required");
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
