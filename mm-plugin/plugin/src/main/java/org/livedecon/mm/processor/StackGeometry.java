package org.livedecon.mm.processor;

import java.util.Collections;
import java.util.List;
import org.livedecon.core.volume.VoxelSize;

/**
 * What the processor learnt about an acquisition from its summary metadata and first image: planes
 * per z-stack, voxel size (µm), channel names and the acquisition's name. Immutable.
 */
public final class StackGeometry {
    private final int zPlanes;
    private final VoxelSize voxelSize;
    private final List<String> channelNames;
    private final String name;
    private final String directory;

    public StackGeometry(int zPlanes, VoxelSize voxelSize, List<String> channelNames, String name) {
        this(zPlanes, voxelSize, channelNames, name, null);
    }

    /** {@code directory}: where Micro-Manager saves the acquisition (its summary metadata's), null when not saved. */
    public StackGeometry(int zPlanes, VoxelSize voxelSize, List<String> channelNames, String name, String directory) {
        if (zPlanes < 2) throw new IllegalArgumentException("a z-stack needs at least 2 planes, got " + zPlanes);
        if (voxelSize == null) throw new IllegalArgumentException("voxel size is required");
        this.zPlanes = zPlanes;
        this.voxelSize = voxelSize;
        this.channelNames = Collections.unmodifiableList(channelNames);
        this.name = name == null || name.trim().isEmpty() ? "acquisition" : name.trim();
        this.directory = directory == null || directory.trim().isEmpty() ? null : directory.trim();
    }

    public int zPlanes() { return zPlanes; }
    /** x = y = pixel size, z = z step, µm. */
    public VoxelSize voxelSize() { return voxelSize; }
    /** Channel names in channel-index order; may be empty. */
    public List<String> channelNames() { return channelNames; }
    /** The acquisition's name (its prefix), never empty. */
    public String name() { return name; }

    /**
     * The folder Micro-Manager saves the acquisition under (summary metadata {@code Directory}; the
     * acquisition's own folder is {@code directory/name}), or null when it is not saved to disk.
     */
    public String directory() { return directory; }

    /** The name of channel {@code c}, or "channel c" when it has none. */
    public String channelName(int c) {
        return c < channelNames.size() && channelNames.get(c) != null ? channelNames.get(c) : "channel " + c;
    }

    @Override
    public String toString() { return name + ": " + zPlanes + " planes at " + voxelSize + ", channels " + channelNames
            + (directory != null ? ", saved in " + directory : ""); }
}
