package org.livedecon.core.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * Complex FFT of one length applied to a block of lines at once: a Stockham (autosort) mixed-radix
 * transform with radix-4, 2, 3 and 5 passes written out and a generic pass for any other odd
 * prime (7, 11, ...), twiddle factors precomputed in float64.
 *
 * <p><b>Layout ("lanes").</b> The block holds {@code lanes} lines of {@code n} complex values,
 * split into a real and an imaginary array: value {@code j} of line {@code b} is at
 * {@code j * lanes + b}. Every butterfly applies the same twiddle to all lines of the block, so
 * the innermost loops run over contiguous memory across lines with scalar twiddles, which the JIT
 * turns into SIMD code on any JVM 8+. Along y and z of a volume, a block of neighbouring columns
 * is exactly this layout after de-interleaving, so no transposition is needed.
 *
 * <p>Immutable and thread-safe: the caller supplies the arrays (and scratch) to transform. The
 * transform is unscaled in both directions.
 */
public final class LineFft {
    private final int n;
    private final int[] radix;
    private final int[] stride;
    private final float[][] twRe, twIm;
    /** cos and sin of 2π k / p for the generic prime passes, by pass (null for written-out radices). */
    private final float[][] cosP, sinP;

    public LineFft(int n) {
        if (n < 1) throw new IllegalArgumentException("FFT length must be at least 1, got " + n);
        this.n = n;
        List<Integer> factors = factor(n);
        int passes = factors.size();
        radix = new int[passes];
        stride = new int[passes];
        twRe = new float[passes][];
        twIm = new float[passes][];
        cosP = new float[passes][];
        sinP = new float[passes][];
        int s = 1;
        for (int q = 0; q < passes; q++) {
            int p = factors.get(q);
            int len = n / s; // length of the sub-transforms this pass starts
            int m = len / p;
            radix[q] = p;
            stride[q] = s;
            float[] wr = new float[m * (p - 1)], wi = new float[m * (p - 1)];
            for (int j = 0; j < m; j++) {
                for (int r = 1; r < p; r++) {
                    // exp(-2πi j r / len), reduced mod len so the angle stays small and exact
                    double a = -2 * Math.PI * (((long) j * r) % len) / len;
                    wr[j * (p - 1) + r - 1] = (float) Math.cos(a);
                    wi[j * (p - 1) + r - 1] = (float) Math.sin(a);
                }
            }
            twRe[q] = wr;
            twIm[q] = wi;
            if (p != 2 && p != 3 && p != 4 && p != 5) {
                cosP[q] = new float[p];
                sinP[q] = new float[p];
                for (int k = 0; k < p; k++) {
                    cosP[q][k] = (float) Math.cos(2 * Math.PI * k / p);
                    sinP[q][k] = (float) Math.sin(2 * Math.PI * k / p);
                }
            }
            s *= p;
        }
    }

    /**
     * Radices in pass order: odd primes first, then 2, then 4s, so that the last pass, whose
     * twiddles are all 1, is a radix-4 one that skips the multiplications.
     */
    private static List<Integer> factor(int n) {
        List<Integer> odd = new ArrayList<Integer>();
        int r = n;
        int fours = 0, twos = 0;
        while (r % 4 == 0) {
            r /= 4;
            fours++;
        }
        while (r % 2 == 0) {
            r /= 2;
            twos++;
        }
        for (int p = 3; (long) p * p <= r; p += 2) {
            while (r % p == 0) {
                odd.add(p);
                r /= p;
            }
        }
        if (r > 1) odd.add(r);
        List<Integer> all = new ArrayList<Integer>(odd);
        for (int i = 0; i < twos; i++) all.add(2);
        for (int i = 0; i < fours; i++) all.add(4);
        return all;
    }

    /** Largest prime factor of {@code n} (1 for n = 1): the generic pass costs O(p) per value. */
    public static int largestPrimeFactor(int n) {
        int best = 1, r = n;
        for (int p = 2; (long) p * p <= r; p++) {
            while (r % p == 0) {
                best = p;
                r /= p;
            }
        }
        return r > 1 ? Math.max(best, r) : best;
    }

    public int length() { return n; }

    /**
     * Forward transform (exponent −2πi) of the block in {@code re, im} (at least
     * {@code n * lanes} each), in place; {@code workRe, workIm} are scratch of the same size.
     */
    public void forward(float[] re, float[] im, float[] workRe, float[] workIm, int lanes) {
        forward(re, im, workRe, workIm, lanes, null);
    }

    /**
     * Scratch for the SIMD form of the radix-2, 3, 4 and 5 passes: ten arrays the length of the
     * longest contiguous run of a pass, {@code n * lanes / 2}. One per thread.
     */
    public float[][] newStreams(int lanes) {
        return streams(n * lanes);
    }

    /** Streams for transforms of up to {@code values} complex values per block (length times lanes), any length. */
    public static float[][] streams(int values) {
        return new float[10][Math.max(1, values / 2)];
    }

    /**
     * As {@link #forward(float[], float[], float[], float[], int)}, with {@code streams} from
     * {@link #newStreams} (or null) for the SIMD form of the passes.
     *
     * <p>Why the copies: HotSpot's C2 (JDK 8 to 17 at least) vectorizes a loop only when all its
     * array accesses share one runtime offset; the butterfly reads and writes p runs at different
     * offsets of the same arrays, which stays scalar. Copying each run to an array of its own (a
     * fast intrinsic) makes the butterfly loop SIMD, several times faster, once runs are long
     * ({@link #SIMD_MIN_RUN}); the first pass, whose runs are one block wide, stays scalar.
     */
    public void forward(float[] re, float[] im, float[] workRe, float[] workIm, int lanes, float[][] streams) {
        float[] xr = re, xi = im, yr = workRe, yi = workIm;
        for (int q = 0; q < radix.length; q++) {
            int sl = stride[q] * lanes;
            int m = n / (stride[q] * radix[q]);
            boolean simd = streams != null && sl >= SIMD_MIN_RUN && streams[0].length >= sl;
            switch (radix[q]) {
                case 4:
                    if (simd) pass4Simd(xr, xi, yr, yi, sl, m, twRe[q], twIm[q], streams);
                    else pass4(xr, xi, yr, yi, sl, m, twRe[q], twIm[q]);
                    break;
                case 2:
                    if (simd) pass2Simd(xr, xi, yr, yi, sl, m, twRe[q], twIm[q], streams);
                    else pass2(xr, xi, yr, yi, sl, m, twRe[q], twIm[q]);
                    break;
                case 3:
                    if (simd) pass3Simd(xr, xi, yr, yi, sl, m, twRe[q], twIm[q], streams);
                    else pass3(xr, xi, yr, yi, sl, m, twRe[q], twIm[q]);
                    break;
                case 5:
                    if (simd) pass5Simd(xr, xi, yr, yi, sl, m, twRe[q], twIm[q], streams);
                    else pass5(xr, xi, yr, yi, sl, m, twRe[q], twIm[q]);
                    break;
                default: passOdd(radix[q], xr, xi, yr, yi, sl, m, twRe[q], twIm[q], cosP[q], sinP[q]); break;
            }
            float[] t = xr; xr = yr; yr = t;
            t = xi; xi = yi; yi = t;
        }
        if (xr != re) {
            System.arraycopy(xr, 0, re, 0, n * lanes);
            System.arraycopy(xi, 0, im, 0, n * lanes);
        }
    }

    /**
     * Inverse transform (exponent +2πi, unscaled), in place. Swapping real and imaginary parts
     * before and after a forward transform gives the inverse, and with split arrays the swap is free.
     */
    public void inverse(float[] re, float[] im, float[] workRe, float[] workIm, int lanes) {
        forward(im, re, workIm, workRe, lanes, null);
    }

    /** As {@link #inverse(float[], float[], float[], float[], int)}, with SIMD streams (or null). */
    public void inverse(float[] re, float[] im, float[] workRe, float[] workIm, int lanes, float[][] streams) {
        forward(im, re, workIm, workRe, lanes, streams);
    }

    /** Shortest contiguous run worth copying out for SIMD. */
    private static final int SIMD_MIN_RUN = 32;

    /** Copies the p input runs of butterfly j into streams 0..p-1 (real) and 5..5+p-1 (imaginary). */
    private static void copyIn(float[] xr, float[] xi, int j, int sl, int ms, int p, float[][] st) {
        int a = j * sl;
        for (int t = 0; t < p; t++) {
            System.arraycopy(xr, a + t * ms, st[t], 0, sl);
            System.arraycopy(xi, a + t * ms, st[5 + t], 0, sl);
        }
    }

    /** Copies streams 0..p-1 and 5..5+p-1 to the p output runs of butterfly j, with twiddles when j > 0. */
    private static void twiddleAndCopyOut(float[] yr, float[] yi, int j, int sl, int p, float[] wr, float[] wi,
                                          float[][] st) {
        if (j > 0) {
            int w = (p - 1) * j;
            for (int r = 1; r < p; r++) twiddle(st[r], st[5 + r], sl, wr[w + r - 1], wi[w + r - 1]);
        }
        int o = p * j * sl;
        for (int r = 0; r < p; r++) {
            System.arraycopy(st[r], 0, yr, o + r * sl, sl);
            System.arraycopy(st[5 + r], 0, yi, o + r * sl, sl);
        }
    }

    private static void pass2Simd(float[] xr, float[] xi, float[] yr, float[] yi, int sl, int m, float[] wr,
                                  float[] wi, float[][] st) {
        for (int j = 0; j < m; j++) {
            copyIn(xr, xi, j, sl, m * sl, 2, st);
            radix2(st[0], st[5], st[1], st[6], sl);
            twiddleAndCopyOut(yr, yi, j, sl, 2, wr, wi, st);
        }
    }

    private static void pass3Simd(float[] xr, float[] xi, float[] yr, float[] yi, int sl, int m, float[] wr,
                                  float[] wi, float[][] st) {
        float[] r0 = st[0], r1 = st[1], r2 = st[2], i0 = st[5], i1 = st[6], i2 = st[7];
        final float s = SIN60;
        for (int j = 0; j < m; j++) {
            copyIn(xr, xi, j, sl, m * sl, 3, st);
            radix2(r1, i1, r2, i2, sl); // t1 = a1 + a2, t2 = a1 - a2
            for (int u = 0; u < sl; u++) { // y0 = a0 + t1, m = a0 - t1 / 2
                float ar = r0[u], ai = i0[u], tr = r1[u], ti = i1[u];
                r0[u] = ar + tr;
                i0[u] = ai + ti;
                r1[u] = ar - 0.5f * tr;
                i1[u] = ai - 0.5f * ti;
            }
            for (int u = 0; u < sl; u++) { // y1 = m - i s t2, y2 = m + i s t2
                float ar = r1[u], ai = i1[u], br = s * r2[u], bi = s * i2[u];
                r1[u] = ar + bi;
                i1[u] = ai - br;
                r2[u] = ar - bi;
                i2[u] = ai + br;
            }
            twiddleAndCopyOut(yr, yi, j, sl, 3, wr, wi, st);
        }
    }

    private static void pass5Simd(float[] xr, float[] xi, float[] yr, float[] yi, int sl, int m, float[] wr,
                                  float[] wi, float[][] st) {
        float[] r0 = st[0], r1 = st[1], r2 = st[2], r3 = st[3], r4 = st[4];
        float[] i0 = st[5], i1 = st[6], i2 = st[7], i3 = st[8], i4 = st[9];
        final float c1 = C1, c2 = C2, s1 = S1, s2 = S2;
        for (int j = 0; j < m; j++) {
            copyIn(xr, xi, j, sl, m * sl, 5, st);
            radix2(r1, i1, r4, i4, sl); // slot 1: b1 = a1 + a4, slot 4: d1 = a1 - a4
            radix2(r2, i2, r3, i3, sl); // slot 2: b2 = a2 + a3, slot 3: d2 = a2 - a3
            for (int u = 0; u < sl; u++) { // slots 0, 1, 2: y0, p1, p2
                float a = r0[u], b1 = r1[u], b2 = r2[u];
                r0[u] = a + b1 + b2;
                r1[u] = a + c1 * b1 + c2 * b2;
                r2[u] = a + c2 * b1 + c1 * b2;
            }
            for (int u = 0; u < sl; u++) {
                float a = i0[u], b1 = i1[u], b2 = i2[u];
                i0[u] = a + b1 + b2;
                i1[u] = a + c1 * b1 + c2 * b2;
                i2[u] = a + c2 * b1 + c1 * b2;
            }
            for (int u = 0; u < sl; u++) { // slot 4: q1 = s1 d1 + s2 d2, slot 3: q2 = s2 d1 - s1 d2
                float dr1 = r4[u], di1 = i4[u], dr2 = r3[u], di2 = i3[u];
                r4[u] = s1 * dr1 + s2 * dr2;
                i4[u] = s1 * di1 + s2 * di2;
                r3[u] = s2 * dr1 - s1 * dr2;
                i3[u] = s2 * di1 - s1 * di2;
            }
            radix2MinusI(r1, i1, r4, i4, sl); // y1 = p1 - i q1, y4 = p1 + i q1
            radix2MinusI(r2, i2, r3, i3, sl); // y2 = p2 - i q2, y3 = p2 + i q2
            twiddleAndCopyOut(yr, yi, j, sl, 5, wr, wi, st);
        }
    }

    /** {@code (a, b) <- (a + b, a - b)} over {@code [0, len)}. */
    private static void radix2(float[] ar, float[] ai, float[] br, float[] bi, int len) {
        for (int u = 0; u < len; u++) {
            float xr = ar[u], xi = ai[u], yr = br[u], yi = bi[u];
            ar[u] = xr + yr;
            ai[u] = xi + yi;
            br[u] = xr - yr;
            bi[u] = xi - yi;
        }
    }

    /** {@code (a, b) <- (a - i b, a + i b)} over {@code [0, len)}. */
    private static void radix2MinusI(float[] ar, float[] ai, float[] br, float[] bi, int len) {
        for (int u = 0; u < len; u++) {
            float xr = ar[u], xi = ai[u], yr = br[u], yi = bi[u];
            ar[u] = xr + yi;
            ai[u] = xi - yr;
            br[u] = xr - yi;
            bi[u] = xi + yr;
        }
    }

    /** {@code (re, im) *= (wr + i wi)} over {@code [0, len)}. */
    private static void twiddle(float[] re, float[] im, int len, float wr, float wi) {
        for (int u = 0; u < len; u++) {
            float a = re[u], b = im[u];
            re[u] = a * wr - b * wi;
            im[u] = a * wi + b * wr;
        }
    }

    /** {@link #pass4} on copies of the four input runs (see {@link #forward}). */
    private static void pass4Simd(float[] xr, float[] xi, float[] yr, float[] yi, int sl, int m, float[] wr,
                                  float[] wi, float[][] st) {
        float[] r0 = st[0], r1 = st[1], r2 = st[2], r3 = st[3], i0 = st[5], i1 = st[6], i2 = st[7], i3 = st[8];
        for (int j = 0; j < m; j++) {
            copyIn(xr, xi, j, sl, m * sl, 4, st);
            // C2 vectorizes a loop over at most about six arrays, and leaves a butterfly fused
            // with complex products scalar: the radix-4 butterfly as two stages of radix-2 loops
            // over four arrays each, the twiddles in loops of their own
            radix2(r0, i0, r2, i2, sl);       // slots 0, 2: a0 + a2, a0 - a2
            radix2(r1, i1, r3, i3, sl);       // slots 1, 3: a1 + a3, a1 - a3
            radix2(r0, i0, r1, i1, sl);       // slots 0, 1: y0, y2
            radix2MinusI(r2, i2, r3, i3, sl); // slots 2, 3: y1, y3
            // outputs in order y0..y3
            float[] t = st[1]; st[1] = st[2]; st[2] = t;
            t = st[6]; st[6] = st[7]; st[7] = t;
            twiddleAndCopyOut(yr, yi, j, sl, 4, wr, wi, st);
            st[2] = st[1]; st[1] = r1; st[7] = st[6]; st[6] = i1;
        }
    }

    // Each pass: sub-transforms of length len = p * m, value (q, j + m t) of the input at
    // (q + sl/lanes * (j + m t)) * lanes, output (q, p j + r) at (q + s (p j + r)) * lanes; q and
    // the lanes together make the contiguous run u in [0, sl).

    private static void pass2(float[] xr, float[] xi, float[] yr, float[] yi, int sl, int m, float[] wr, float[] wi) {
        int half = m * sl;
        for (int j = 0; j < m; j++) {
            int i0 = j * sl, i1 = i0 + half;
            int o0 = 2 * j * sl, o1 = o0 + sl;
            if (j == 0) {
                for (int u = 0; u < sl; u++) {
                    float ar = xr[i0 + u], ai = xi[i0 + u], br = xr[i1 + u], bi = xi[i1 + u];
                    yr[o0 + u] = ar + br;
                    yi[o0 + u] = ai + bi;
                    yr[o1 + u] = ar - br;
                    yi[o1 + u] = ai - bi;
                }
            } else {
                float w1r = wr[j], w1i = wi[j];
                for (int u = 0; u < sl; u++) {
                    float ar = xr[i0 + u], ai = xi[i0 + u], br = xr[i1 + u], bi = xi[i1 + u];
                    yr[o0 + u] = ar + br;
                    yi[o0 + u] = ai + bi;
                    float dr = ar - br, di = ai - bi;
                    yr[o1 + u] = dr * w1r - di * w1i;
                    yi[o1 + u] = dr * w1i + di * w1r;
                }
            }
        }
    }

    private static void pass4(float[] xr, float[] xi, float[] yr, float[] yi, int sl, int m, float[] wr, float[] wi) {
        int ms = m * sl;
        for (int j = 0; j < m; j++) {
            int i0 = j * sl, i1 = i0 + ms, i2 = i1 + ms, i3 = i2 + ms;
            int o0 = 4 * j * sl, o1 = o0 + sl, o2 = o1 + sl, o3 = o2 + sl;
            if (j == 0) {
                for (int u = 0; u < sl; u++) {
                    float a0r = xr[i0 + u], a0i = xi[i0 + u], a1r = xr[i1 + u], a1i = xi[i1 + u];
                    float a2r = xr[i2 + u], a2i = xi[i2 + u], a3r = xr[i3 + u], a3i = xi[i3 + u];
                    float t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                    float t2r = a1r + a3r, t2i = a1i + a3i;
                    // (a1 - a3) * (-i)
                    float t3r = a1i - a3i, t3i = a3r - a1r;
                    yr[o0 + u] = t0r + t2r;
                    yi[o0 + u] = t0i + t2i;
                    yr[o1 + u] = t1r + t3r;
                    yi[o1 + u] = t1i + t3i;
                    yr[o2 + u] = t0r - t2r;
                    yi[o2 + u] = t0i - t2i;
                    yr[o3 + u] = t1r - t3r;
                    yi[o3 + u] = t1i - t3i;
                }
            } else {
                int w = 3 * j;
                float w1r = wr[w], w1i = wi[w], w2r = wr[w + 1], w2i = wi[w + 1], w3r = wr[w + 2], w3i = wi[w + 2];
                for (int u = 0; u < sl; u++) {
                    float a0r = xr[i0 + u], a0i = xi[i0 + u], a1r = xr[i1 + u], a1i = xi[i1 + u];
                    float a2r = xr[i2 + u], a2i = xi[i2 + u], a3r = xr[i3 + u], a3i = xi[i3 + u];
                    float t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                    float t2r = a1r + a3r, t2i = a1i + a3i;
                    float t3r = a1i - a3i, t3i = a3r - a1r;
                    yr[o0 + u] = t0r + t2r;
                    yi[o0 + u] = t0i + t2i;
                    float b1r = t1r + t3r, b1i = t1i + t3i;
                    float b2r = t0r - t2r, b2i = t0i - t2i;
                    float b3r = t1r - t3r, b3i = t1i - t3i;
                    yr[o1 + u] = b1r * w1r - b1i * w1i;
                    yi[o1 + u] = b1r * w1i + b1i * w1r;
                    yr[o2 + u] = b2r * w2r - b2i * w2i;
                    yi[o2 + u] = b2r * w2i + b2i * w2r;
                    yr[o3 + u] = b3r * w3r - b3i * w3i;
                    yi[o3 + u] = b3r * w3i + b3i * w3r;
                }
            }
        }
    }

    private static final float SIN60 = (float) Math.sin(Math.PI / 3);

    private static void pass3(float[] xr, float[] xi, float[] yr, float[] yi, int sl, int m, float[] wr, float[] wi) {
        int ms = m * sl;
        final float s = SIN60;
        for (int j = 0; j < m; j++) {
            int i0 = j * sl, i1 = i0 + ms, i2 = i1 + ms;
            int o0 = 3 * j * sl, o1 = o0 + sl, o2 = o1 + sl;
            int w = 2 * j;
            float w1r = wr[w], w1i = wi[w], w2r = wr[w + 1], w2i = wi[w + 1];
            for (int u = 0; u < sl; u++) {
                float a0r = xr[i0 + u], a0i = xi[i0 + u], a1r = xr[i1 + u], a1i = xi[i1 + u];
                float a2r = xr[i2 + u], a2i = xi[i2 + u];
                float t1r = a1r + a2r, t1i = a1i + a2i;
                float t2r = a1r - a2r, t2i = a1i - a2i;
                yr[o0 + u] = a0r + t1r;
                yi[o0 + u] = a0i + t1i;
                float mr = a0r - 0.5f * t1r, mi = a0i - 0.5f * t1i;
                // -i sin60 (a1 - a2)
                float nr = s * t2i, ni = -s * t2r;
                float b1r = mr + nr, b1i = mi + ni, b2r = mr - nr, b2i = mi - ni;
                yr[o1 + u] = b1r * w1r - b1i * w1i;
                yi[o1 + u] = b1r * w1i + b1i * w1r;
                yr[o2 + u] = b2r * w2r - b2i * w2i;
                yi[o2 + u] = b2r * w2i + b2i * w2r;
            }
        }
    }

    private static final float C1 = (float) Math.cos(2 * Math.PI / 5), C2 = (float) Math.cos(4 * Math.PI / 5);
    private static final float S1 = (float) Math.sin(2 * Math.PI / 5), S2 = (float) Math.sin(4 * Math.PI / 5);

    private static void pass5(float[] xr, float[] xi, float[] yr, float[] yi, int sl, int m, float[] wr, float[] wi) {
        int ms = m * sl;
        final float c1 = C1, c2 = C2, s1 = S1, s2 = S2;
        for (int j = 0; j < m; j++) {
            int i0 = j * sl, i1 = i0 + ms, i2 = i1 + ms, i3 = i2 + ms, i4 = i3 + ms;
            int o0 = 5 * j * sl, o1 = o0 + sl, o2 = o1 + sl, o3 = o2 + sl, o4 = o3 + sl;
            int w = 4 * j;
            float w1r = wr[w], w1i = wi[w], w2r = wr[w + 1], w2i = wi[w + 1];
            float w3r = wr[w + 2], w3i = wi[w + 2], w4r = wr[w + 3], w4i = wi[w + 3];
            for (int u = 0; u < sl; u++) {
                float a0r = xr[i0 + u], a0i = xi[i0 + u];
                float a1r = xr[i1 + u], a1i = xi[i1 + u], a4r = xr[i4 + u], a4i = xi[i4 + u];
                float a2r = xr[i2 + u], a2i = xi[i2 + u], a3r = xr[i3 + u], a3i = xi[i3 + u];
                float b1r = a1r + a4r, b1i = a1i + a4i, d1r = a1r - a4r, d1i = a1i - a4i;
                float b2r = a2r + a3r, b2i = a2i + a3i, d2r = a2r - a3r, d2i = a2i - a3i;
                yr[o0 + u] = a0r + b1r + b2r;
                yi[o0 + u] = a0i + b1i + b2i;
                float p1r = a0r + c1 * b1r + c2 * b2r, p1i = a0i + c1 * b1i + c2 * b2i;
                float p2r = a0r + c2 * b1r + c1 * b2r, p2i = a0i + c2 * b1i + c1 * b2i;
                float q1r = s1 * d1r + s2 * d2r, q1i = s1 * d1i + s2 * d2i;
                float q2r = s2 * d1r - s1 * d2r, q2i = s2 * d1i - s1 * d2i;
                // y1 = p1 - i q1, y4 = p1 + i q1, y2 = p2 - i q2, y3 = p2 + i q2
                float y1r = p1r + q1i, y1i = p1i - q1r, y4r = p1r - q1i, y4i = p1i + q1r;
                float y2r = p2r + q2i, y2i = p2i - q2r, y3r = p2r - q2i, y3i = p2i + q2r;
                yr[o1 + u] = y1r * w1r - y1i * w1i;
                yi[o1 + u] = y1r * w1i + y1i * w1r;
                yr[o2 + u] = y2r * w2r - y2i * w2i;
                yi[o2 + u] = y2r * w2i + y2i * w2r;
                yr[o3 + u] = y3r * w3r - y3i * w3i;
                yi[o3 + u] = y3r * w3i + y3i * w3r;
                yr[o4 + u] = y4r * w4r - y4i * w4i;
                yi[o4 + u] = y4r * w4i + y4i * w4r;
            }
        }
    }

    /**
     * Any odd prime p: y_r = P_r − i Q_r and y_{p−r} = P_r + i Q_r with
     * P_r = a_0 + Σ_k cos(2π rk/p) (a_k + a_{p−k}) and Q_r = Σ_k sin(2π rk/p) (a_k − a_{p−k}),
     * k = 1..(p−1)/2. P_r is accumulated in the slot of y_r and Q_r in that of y_{p−r}, each
     * accumulation a contiguous loop over the block.
     */
    private static void passOdd(int p, float[] xr, float[] xi, float[] yr, float[] yi, int sl, int m, float[] wr,
                                float[] wi, float[] cs, float[] sn) {
        int ms = m * sl, h = (p - 1) / 2;
        for (int j = 0; j < m; j++) {
            int i0 = j * sl, o0 = p * j * sl;
            for (int u = 0; u < sl; u++) {
                float sr = xr[i0 + u], si = xi[i0 + u];
                yr[o0 + u] = sr;
                yi[o0 + u] = si;
            }
            for (int r = 1; r <= h; r++) {
                int op = o0 + r * sl, oq = o0 + (p - r) * sl;
                for (int u = 0; u < sl; u++) {
                    yr[op + u] = xr[i0 + u];
                    yi[op + u] = xi[i0 + u];
                    yr[oq + u] = 0f;
                    yi[oq + u] = 0f;
                }
            }
            for (int k = 1; k <= h; k++) {
                int ik = i0 + k * ms, ikm = i0 + (p - k) * ms;
                for (int u = 0; u < sl; u++) {
                    yr[o0 + u] += xr[ik + u] + xr[ikm + u];
                    yi[o0 + u] += xi[ik + u] + xi[ikm + u];
                }
                for (int r = 1; r <= h; r++) {
                    int rk = (r * k) % p;
                    float c = cs[rk], s = sn[rk];
                    int op = o0 + r * sl, oq = o0 + (p - r) * sl;
                    for (int u = 0; u < sl; u++) {
                        float ar = xr[ik + u], ai = xi[ik + u], br = xr[ikm + u], bi = xi[ikm + u];
                        yr[op + u] += c * (ar + br);
                        yi[op + u] += c * (ai + bi);
                        yr[oq + u] += s * (ar - br);
                        yi[oq + u] += s * (ai - bi);
                    }
                }
            }
            for (int r = 1; r <= h; r++) {
                int op = o0 + r * sl, oq = o0 + (p - r) * sl;
                int w1 = j * (p - 1) + r - 1, w2 = j * (p - 1) + p - r - 1;
                float w1r = wr[w1], w1i = wi[w1], w2r = wr[w2], w2i = wi[w2];
                for (int u = 0; u < sl; u++) {
                    float pr = yr[op + u], pi = yi[op + u], qr = yr[oq + u], qi = yi[oq + u];
                    float ar = pr + qi, ai = pi - qr, br = pr - qi, bi = pi + qr;
                    yr[op + u] = ar * w1r - ai * w1i;
                    yi[op + u] = ar * w1i + ai * w1r;
                    yr[oq + u] = br * w2r - bi * w2i;
                    yi[oq + u] = br * w2i + bi * w2r;
                }
            }
        }
    }
}
