/**
 * Storage: {@link org.livedecon.core.volume.Volume} (float32, z-y-x, voxel (x, y, z) at
 * {@code x + nx * (y + ny * z)}), its {@link org.livedecon.core.volume.Shape} and
 * {@link org.livedecon.core.volume.VoxelSize} in µm, and conversion of 8/16-bit and float camera
 * planes ({@link org.livedecon.core.volume.Planes}). No algorithms live here.
 */
package org.livedecon.core.volume;
