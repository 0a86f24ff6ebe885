/**
 * TIFF stacks in and out, through ImageJ 1.x as decoder/encoder (headless, no dialogs).
 *
 * <ul>
 *   <li>{@link org.livedecon.core.io.TiffReader} reads one channel and one time point of a plain
 *       multipage TIFF or an ImageJ (hyper)stack of 8-bit, 16-bit unsigned or 32-bit float pixels
 *       into a float32 {@link org.livedecon.core.volume.Volume}, with the voxel size in µm from the
 *       ImageJ/TIFF calibration.</li>
 *   <li>{@link org.livedecon.core.io.TiffStack} is what was read: the volume, whether the file
 *       was calibrated, the stored bit depth, the file's channel and frame counts, and the scale
 *       of files from {@code TiffWriter.write16}.</li>
 *   <li>{@link org.livedecon.core.io.TiffWriter} writes a volume as an ImageJ-compatible float32
 *       or scaled 16-bit TIFF stack with its calibration in µm.</li>
 *   <li>{@link org.livedecon.core.io.TiffException} is every failure, with a message that names
 *       the file and what was wrong or expected.</li>
 *   <li>Package-private helpers: {@code ImageJDescription} (the {@code key=value} lines ImageJ
 *       stores) and {@code Units} (length units to µm).</li>
 * </ul>
 */
package org.livedecon.core.io;
