/**
 * Theoretical widefield fluorescence PSFs: the fallback when no bead PSF is measured, and the
 * reference that measured PSFs are compared with.
 *
 * <ul>
 *   <li>{@link org.livedecon.core.psf.model.Optics} — immutable optical parameters (µm), with a
 *       validating builder; actual and design values for Gibson &amp; Lanni.</li>
 *   <li>{@link org.livedecon.core.psf.model.PsfModel} — {@code BORN_WOLF} (paraxial defocus) or
 *       {@code GIBSON_LANNI} (exact optical path difference: index mismatch, depth, coverslip).</li>
 *   <li>{@link org.livedecon.core.psf.model.TheoreticalPsf} — the entry point: {@code generate}
 *       gives a normalised, pixel-area integrated {@link org.livedecon.core.psf.Psf} centred on
 *       voxel (nx/2, ny/2, nz/2); {@code suggestedShape} an odd grid that holds it.</li>
 * </ul>
 *
 * Package-private pieces, one concern each: {@code Bessel} (J0, J1), {@code PupilPhase} (the
 * model's phase W(ρ, z), linear in z), {@code PupilQuadrature} (Simpson nodes sized by the phase
 * rate, with an angle substitution at a critical-angle pupil edge), {@code FocusSearch} (the
 * on-axis peak, i.e. the focal shift), {@code RadialProfiles} (I(r, z) on a fine radial grid, in
 * parallel over radii) and {@code PixelIntegrator} (radial profile to pixel-area means). The tests
 * check them against closed forms (Airy, squared sinc, matched Gibson &amp; Lanni on axis) and
 * brute-force sums.
 */
package org.livedecon.core.psf.model;
