package org.livedecon.core.live;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.livedecon.core.volume.VoxelSize;

/**
 * What a {@link LiveDeconvolver} works with besides the user's options ({@link LiveSettings}): the
 * acquisition's geometry (planes per stack, voxel size), each channel's PSF and settings, and the
 * collaborators (log, deconvolver factory, spill folder, a shared memory ledger). Immutable,
 * validated once by {@link Builder#build()}.
 */
public final class LiveResources {
    private final int zPlanes;
    private final VoxelSize voxelSize;
    private final Map<Integer, ChannelSetup> channels;
    private final ChannelSetup defaultChannel;
    private final Path spillDirectory;
    private final LiveLog log;
    private final DeconvolverFactory deconvolverFactory;
    private final MemoryLedger memoryLedger;

    private LiveResources(Builder b) {
        zPlanes = b.zPlanes;
        voxelSize = b.voxelSize;
        channels = Collections.unmodifiableMap(new TreeMap<Integer, ChannelSetup>(b.channels));
        defaultChannel = b.defaultChannel;
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
    /** Where spilled stacks go (a fresh sub-directory is made and deleted); null = the system temp dir. */
    public Path spillDirectory() { return spillDirectory; }
    public LiveLog log() { return log; }
    public DeconvolverFactory deconvolverFactory() { return deconvolverFactory; }

    /**
     * A ledger shared with other holders of acquisition memory (other engines, hand-off buffers,
     * result stores): the engine's raw pixels are reserved in it and it replaces
     * {@link LiveSettings#memoryLimitBytes()} as the hard limit. Null: the engine keeps its own
     * ledger of {@link LiveSettings#memoryLimitBytes()}.
     */
    public MemoryLedger memoryLedger() { return memoryLedger; }

    /** The setup for channel {@code c}, or null when there is none. */
    public ChannelSetup channel(int c) {
        ChannelSetup s = channels.get(c);
        return s != null ? s : defaultChannel;
    }

    @Override
    public String toString() {
        return zPlanes + " planes per stack at " + voxelSize + ", channels " + channels
                + (defaultChannel != null ? ", default " + defaultChannel : "");
    }

    /** Defaults: the system temp dir, no log, {@link DeconvolverFactory#DEFAULT}, the engine's own ledger. */
    public static final class Builder {
        private int zPlanes;
        private VoxelSize voxelSize;
        private final Map<Integer, ChannelSetup> channels = new TreeMap<Integer, ChannelSetup>();
        private ChannelSetup defaultChannel;
        private Path spillDirectory;
        private LiveLog log = LiveLog.NONE;
        private DeconvolverFactory deconvolverFactory = DeconvolverFactory.DEFAULT;
        private MemoryLedger memoryLedger;

        private Builder() {}

        public Builder zPlanes(int n) { zPlanes = n; return this; }
        public Builder voxelSize(VoxelSize v) { voxelSize = v; return this; }
        public Builder channel(int index, ChannelSetup setup) { channels.put(index, setup); return this; }
        public Builder defaultChannel(ChannelSetup setup) { defaultChannel = setup; return this; }
        public Builder spillDirectory(Path dir) { spillDirectory = dir; return this; }
        public Builder log(LiveLog l) { log = l; return this; }
        public Builder deconvolverFactory(DeconvolverFactory f) { deconvolverFactory = f; return this; }
        /** A ledger shared with other holders of acquisition memory; null = the engine's own. */
        public Builder memoryLedger(MemoryLedger l) { memoryLedger = l; return this; }

        /** @throws IllegalArgumentException naming what is missing or wrong */
        public LiveResources build() {
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
            if (log == null || deconvolverFactory == null) {
                throw new IllegalArgumentException("log and deconvolver factory are required");
            }
            return new LiveResources(this);
        }
    }
}
