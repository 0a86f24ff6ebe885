/**
 * Point spread functions: {@link org.livedecon.core.psf.Psf} (finite, non-negative, sum 1, peak
 * at voxel {@code n/2} of each axis) and {@link org.livedecon.core.psf.PsfPreparer}, which turns a
 * measured or loaded volume into one (validation, background, centring, resampling to the image's
 * voxel size, energy crop). Theoretical models are in {@code org.livedecon.core.psf.model}.
 */
package org.livedecon.core.psf;
