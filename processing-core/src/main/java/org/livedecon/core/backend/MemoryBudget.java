package org.livedecon.core.backend;

/**
 * How much memory a job may take, on the heap and on the backend's device, and every rule that
 * sets those numbers: the one place where the program decides how much of the Java heap and of a
 * GPU's memory it uses. Immutable.
 *
 * <ul>
 *   <li>A command-line job ({@link #forCommandLine}): 80 % of the maximum heap less what is in use
 *       (the image), or the system property {@value #BUDGET_PROPERTY} (MiB).</li>
 *   <li>A live job ({@link #forLiveJob}): a quarter of the maximum heap, at least 64 MiB: the engine
 *       shares the heap with the acquisition (inside Micro-Manager), so one large stack must not
 *       take most of it.</li>
 *   <li>Raw data a live engine holds ({@link #liveHoldLimitBytes}): twice its spill budget
 *       (default {@link #LIVE_SPILL_BUDGET_BYTES}, 512 MiB) plus 256 MiB, at most half the maximum
 *       heap; the plugin's shared ledger has the same default limit.</li>
 *   <li>A device ({@link #deviceBytes}): 70 % of what is left of its memory; the rest is for what job
 *       plans do not count (the scratch spectrum of each grid, twiddles and kernels).</li>
 * </ul>
 * A job's budget is the tighter of the heap's and the device's ({@link #jobBytes}); a device with
 * less than 64 MiB left keeps the heap figure, so the job fails on allocation there and the
 * CPU fallback reruns it rather than planning absurdly small tiles.
 */
public final class MemoryBudget {
    /** System property: the command line's heap budget per job, MiB (to test tiling, or to leave room for other work). */
    public static final String BUDGET_PROPERTY = "livedecon.memoryBudgetMiB";
    /** The live engine's default spill budget: raw stacks waiting in memory beyond it go to disk. */
    public static final long LIVE_SPILL_BUDGET_BYTES = 512L << 20;
    /** A device with less left than this keeps the heap budget (see the class comment). */
    static final long MIN_DEVICE_BYTES = 64L << 20;

    private final long heapBytes;
    private final long deviceBytes;

    private MemoryBudget(long heapBytes, long deviceBytes) {
        this.heapBytes = heapBytes;
        this.deviceBytes = deviceBytes;
    }

    /** A budget of {@code heapBytes} on the heap and {@code deviceBytes} on the device ({@link Long#MAX_VALUE}: unlimited). */
    public static MemoryBudget of(long heapBytes, long deviceBytes) {
        return new MemoryBudget(heapBytes, deviceBytes);
    }

    /** A command-line job on {@code backend}: see the class comment. Called with the image in memory. */
    public static MemoryBudget forCommandLine(Backend backend) {
        return new MemoryBudget(commandLineHeapBytes(), backend.memoryBudgetBytes());
    }

    /** A live job on {@code backend}: see the class comment. */
    public static MemoryBudget forLiveJob(Backend backend) {
        return new MemoryBudget(liveJobHeapBytes(), backend.memoryBudgetBytes());
    }

    /**
     * 80 % of the maximum heap less what is in use now (the image); the job's plan counts
     * everything else it allocates (buffers, crops, the result). No floor: a budget too small for
     * any tile makes the plan refuse the job before any work.
     */
    public static long commandLineHeapBytes() {
        Long forced = Long.getLong(BUDGET_PROPERTY);
        if (forced != null) return Math.max(1, forced) * 1048576L;
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        return Math.max(1L, (long) (0.8 * rt.maxMemory()) - used);
    }

    /** A quarter of the maximum heap, at least 64 MiB. */
    public static long liveJobHeapBytes() {
        return Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    /** The default hard limit on raw data a live engine holds: twice its spill budget plus 256 MiB, at most half the heap. */
    public static long liveHoldLimitBytes(long spillBudgetBytes) {
        return liveHoldLimitBytes(spillBudgetBytes, Runtime.getRuntime().maxMemory());
    }

    /** As {@link #liveHoldLimitBytes(long)} for a maximum heap of {@code maxHeapBytes}. */
    public static long liveHoldLimitBytes(long spillBudgetBytes, long maxHeapBytes) {
        long wanted = 2 * spillBudgetBytes + (256L << 20);
        return Math.min(wanted, maxHeapBytes / 2);
    }

    /** What a job may plan for on a device with {@code freeBytes} left: 70 %. */
    public static long deviceBytes(long freeBytes) {
        return Math.max(0, freeBytes) / 10 * 7;
    }

    /** The heap part, bytes. */
    public long heapBytes() { return heapBytes; }

    /** The device part, bytes ({@link Long#MAX_VALUE} for the CPU backend, whose memory is the heap). */
    public long deviceBytes() { return deviceBytes; }

    /** What one job may take: the tighter of the two, the heap's where the device has under 64 MiB left. */
    public long jobBytes() {
        return deviceBytes < MIN_DEVICE_BYTES ? heapBytes : Math.min(heapBytes, deviceBytes);
    }

    /** The same heap budget against {@code backend}'s device now. */
    public MemoryBudget on(Backend backend) {
        return new MemoryBudget(heapBytes, backend.memoryBudgetBytes());
    }

    @Override
    public String toString() {
        return "memory budget " + (heapBytes >> 20) + " MiB heap"
                + (deviceBytes == Long.MAX_VALUE ? "" : ", " + (deviceBytes >> 20) + " MiB device");
    }
}
