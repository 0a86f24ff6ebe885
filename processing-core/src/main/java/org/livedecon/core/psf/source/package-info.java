/**
 * Where a PSF comes from (a model and optics, a TIFF file, a volume in memory) and the one path from
 * there to a {@link org.livedecon.core.psf.Psf} at a stack's voxel size:
 * {@link org.livedecon.core.psf.source.PsfSource}. Used by the command line, the plugin and the demo.
 * Above {@code psf} and {@code psf.model}, which do not depend on it.
 */
package org.livedecon.core.psf.source;
