package org.livedecon.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

import org.livedecon.core.volume.Volume;

/**
 * What {@link TiffReader} read from one file: one channel and one time point as a float32
 * volume, plus facts about the file. Immutable (the volume's voxel array is shared with whoever
 * holds the volume, see {@link Volume}).
 */
public final class TiffStack {
    private final Volume volume;
    private final boolean calibrated;
    private final int bitDepth;
    private final int channels;
    private final int frames;
    private final Path file;
    private final OptionalDouble scale16;
    private final String format;
    private final List<String> channelNames;

    TiffStack(Volume volume, boolean calibrated, int bitDepth, int channels, int frames, Path file,
            OptionalDouble scale16) {
        this(volume, calibrated, bitDepth, channels, frames, file, scale16, "TIFF", Collections.<String>emptyList());
    }

    TiffStack(Volume volume, boolean calibrated, int bitDepth, int channels, int frames, Path file,
            OptionalDouble scale16, String format, List<String> channelNames) {
        this.format = format;
        this.channelNames = Collections.unmodifiableList(new ArrayList<String>(channelNames));
        this.volume = volume;
        this.calibrated = calibrated;
        this.bitDepth = bitDepth;
        this.channels = channels;
        this.frames = frames;
        this.file = file;
        this.scale16 = scale16;
    }

    /**
     * The voxels as stored in the file, converted to float32 without any intensity calibration
     * (16-bit values are unsigned 0..65535), with the voxel size in µm.
     */
    public Volume volume() { return volume; }

    /**
     * False when the file had no usable spatial calibration: then each axis the file says
     * nothing about is 1 µm in {@link #volume()}'s voxel size, a placeholder the caller should
     * replace. An x/y pixel size without a z step (for more than one plane) counts as not calibrated;
     * the x/y sizes found are still used.
     */
    public boolean calibrated() { return calibrated; }

    /** 8, 16 or 32 (float), as stored in the file. */
    public int bitDepth() { return bitDepth; }

    /** Number of channels in the file (not in the volume, which is always one channel). */
    public int channels() { return channels; }

    /** Number of time points in the file (not in the volume, which is always one). */
    public int frames() { return frames; }

    public Path file() { return file; }

    /**
     * The scale that {@link TiffWriter#write16} recorded (stored = value * scale), when the file
     * has one. The reader does not divide by it: {@link #volume()} holds the stored values, and
     * {@code volume value / scale} gives back the values that were written.
     */
    public OptionalDouble scale16() { return scale16; }

    /** The metadata the layout came from: "OME-TIFF", "ImageJ", "tifffile CZYX" or "TIFF" (plain pages). */
    public String format() { return format; }

    /** The channel names the file gives (OME), in channel order; empty when it names none. */
    public List<String> channelNames() { return channelNames; }

    @Override
    public String toString() {
        return file + ": " + volume + (calibrated ? "" : " (uncalibrated)") + ", " + bitDepth + "-bit " + format + ", "
                + channels + " channel(s)" + (channelNames.isEmpty() ? "" : " " + channelNames) + ", " + frames
                + " frame(s)";
    }
}
