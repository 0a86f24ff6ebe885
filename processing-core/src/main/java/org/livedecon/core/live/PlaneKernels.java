package org.livedecon.core.live;

import java.util.Arrays;
import java.util.Comparator;

import org.livedecon.core.backend.HostFft;
import org.livedecon.core.backend.Parallel;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.EdgeTaper;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;

/**
 * The kernels of the streaming Wiener ({@link StreamingWiener}), computed once on the host in the
 * half-spectrum layout (plane d, (kx, ky) at {@code 2 * (kx + (gx/2+1) * (ky + gy * d))}): G(d),
 * the Wiener filter transformed back along z only, and the whole kernels of the first and last
 * plane with the z padding they stand for; and the low-rank form of the last plane's kernels.
 */
final class PlaneKernels {
    // left-out energy of the last plane's kernels in the low-rank form: relative error ~1e-6
    private static final double LOW_RANK_EPS = 1e-12;
    // use the low-rank form only when it needs at most this fraction of nz inverse transforms
    private static final double LOW_RANK_MAX_FRACTION = 0.75;

    final int gx, gy, gz, nz, nxh, planeFloats;
    final float[] g;      // G(d), d = 0 … gz-1
    // per output plane o, G(o) + Σ_k f(k)·G(o − (gz − k)) and G(o − (nz−1)) + Σ_k f(k)·G(o − (nz − 1 + k));
    // for nz = 1 both are in aFirst and aLast is null. Null for periodic boundaries (no padding).
    final float[] aFirst, aLast;
    final float w0;       // W at the origin: the filter's response to a constant

    PlaneKernels(Psf psf, DeconvolutionSettings settings, Shape grid, final int nz, Parallel host) {
        gx = grid.nx();
        gy = grid.ny();
        gz = grid.nz();
        this.nz = nz;
        nxh = gx / 2 + 1;
        planeFloats = 2 * nxh * gy;
        // OTF: the PSF centred at the origin, wrapped (as the CPU backend does), transformed in 3D
        float[] spec = HostFft.otf(psf, grid, host);
        // W = conj(H) / (|H|² + λ), as CpuBackend.wiener
        float lambda = (float) settings.lambda();
        for (int i = 0; i < spec.length; i += 2) {
            float hr = spec[i], hi = spec[i + 1];
            float denom = hr * hr + hi * hi + lambda;
            float f = denom > 0 ? 1f / denom : 0f;
            spec[i] = hr * f;
            spec[i + 1] = -hi * f;
        }
        w0 = spec[0];
        HostFft.inverseAlongZ(spec, grid, host); // now G(d), scaled by 1/gz
        g = spec;
        int gap = gz - nz;
        if (gap <= 0) {
            aFirst = null;
            aLast = null;
            return;
        }
        aFirst = new float[planeFloats * nz];
        aLast = nz > 1 ? new float[planeFloats * nz] : null;
        final float[] last = nz > 1 ? aLast : aFirst;
        // the z padding as Wiener pads it (EdgeTaper): the last plane tapered after itself,
        // the first plane tapered before itself (wrapped to the end of the grid)
        final int taper = EdgeTaper.length(psf.centreZ(), gap);
        host.forRange(nz, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int o = from; o < to; o++) {
                    int base = o * planeFloats;
                    for (int k = 1; k <= taper; k++) {
                        float f = EdgeTaper.weight(k, taper);
                        int dl = Math.floorMod(o - (nz - 1 + k), gz) * planeFloats;
                        int df = Math.floorMod(o - (gz - k), gz) * planeFloats;
                        for (int i = 0; i < planeFloats; i++) {
                            last[base + i] += f * g[dl + i];
                            aFirst[base + i] += f * g[df + i];
                        }
                    }
                    int d0 = o * planeFloats, dn = Math.floorMod(o - (nz - 1), gz) * planeFloats;
                    for (int i = 0; i < planeFloats; i++) {
                        aFirst[base + i] += g[d0 + i];
                        if (last != aFirst) last[base + i] += g[dn + i];
                    }
                }
            }
        });
    }

    /** The kernel array of plane z's contribution: {@link #aFirst}, {@link #aLast} or {@link #g}. */
    float[] kernelOf(int z) {
        if (z == 0 && aFirst != null) return aFirst;
        if (z == nz - 1 && aLast != null) return aLast;
        return g;
    }

    /**
     * Where in {@link #kernelOf}(z) output plane o's kernel is: plane {@code (first + o) mod planes},
     * first returned here (the planes of aFirst and aLast are the output planes; G is shifted by z).
     */
    int kernelFirst(int z) {
        if ((z == 0 && aFirst != null) || (z == nz - 1 && aLast != null)) return 0;
        return -z;
    }

    private int kernelOffset(int z, int o) {
        return Math.floorMod(kernelFirst(z) + o, kernelOf(z).length / planeFloats) * planeFloats;
    }

    /**
     * The low-rank form of the last plane's kernels K_o: {u_0 … u_{R-1}, basis} with u_r over the
     * nz output planes and basis the R spectra B_r = Σ_o u_r(o) K_o, or null when R would not save
     * enough transforms. Gram matrix of the K_o as real vectors, weighted as the full spectrum
     * (Parseval: columns 0 < kx < gx/2 count twice), eigen-decomposed by Jacobi rotations in float64.
     */
    float[][] lowRank(Parallel host) {
        final float[] kern = kernelOf(nz - 1);
        final double[][] gram = new double[nz][nz];
        final int rowFloats = 2 * nxh;
        // columns 0 < kx < gx/2 stand for two columns of the full spectrum
        final int innerEnd = 2 * (gx % 2 == 0 ? nxh - 1 : nxh);
        host.forRange(nz, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int o = from; o < to; o++) {
                    int ao = kernelOffset(nz - 1, o);
                    for (int q = 0; q <= o; q++) {
                        int aq = kernelOffset(nz - 1, q);
                        double edge = 0, inner = 0;
                        for (int j = 0; j < gy; j++) {
                            int row = j * rowFloats;
                            for (int i = row; i < row + 2; i++) edge += (double) kern[ao + i] * kern[aq + i];
                            for (int i = row + 2; i < row + innerEnd; i++) inner += (double) kern[ao + i] * kern[aq + i];
                            for (int i = row + innerEnd; i < row + rowFloats; i++) edge += (double) kern[ao + i] * kern[aq + i];
                        }
                        gram[o][q] = edge + 2 * inner;
                    }
                }
            }
        });
        for (int o = 0; o < nz; o++) for (int q = 0; q < o; q++) gram[q][o] = gram[o][q];
        double[][] vec = new double[nz][nz];
        final double[] val = jacobi(gram, vec);
        Integer[] order = new Integer[nz];
        double total = 0;
        for (int i = 0; i < nz; i++) {
            order[i] = i;
            total += Math.max(0, val[i]);
        }
        Arrays.sort(order, new Comparator<Integer>() {
            @Override
            public int compare(Integer a, Integer b) { return Double.compare(val[b], val[a]); }
        });
        int r = 0;
        double left = total;
        while (r < nz && left > LOW_RANK_EPS * total) left -= Math.max(0, val[order[r++]]);
        if (r > LOW_RANK_MAX_FRACTION * nz) return null;
        final int rank = r;
        final float[][] out = new float[rank + 1][];
        final float[] b = new float[rank * planeFloats];
        for (int i = 0; i < rank; i++) {
            out[i] = new float[nz];
            for (int o = 0; o < nz; o++) out[i][o] = (float) vec[o][order[i]];
        }
        // B_r = Σ_o u_r(o) K_o
        host.forRange(rank, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int i = from; i < to; i++) {
                    double[] acc = new double[planeFloats];
                    for (int o = 0; o < nz; o++) {
                        double u = out[i][o];
                        int ao = kernelOffset(nz - 1, o);
                        for (int j = 0; j < planeFloats; j++) acc[j] += u * kern[ao + j];
                    }
                    for (int j = 0; j < planeFloats; j++) b[i * planeFloats + j] = (float) acc[j];
                }
            }
        });
        out[rank] = b;
        return out;
    }

    /** Eigenvalues of the symmetric matrix a (destroyed); eigenvectors in the columns of vec. Cyclic Jacobi. */
    private static double[] jacobi(double[][] a, double[][] vec) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            Arrays.fill(vec[i], 0);
            vec[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
            }
            if (off <= 1e-26 * diag) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), sn = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = vec[k][p], vkq = vec[k][q];
                        vec[k][p] = c * vkp - sn * vkq;
                        vec[k][q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = a[i][i];
        return d;
    }
}
