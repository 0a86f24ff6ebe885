package org.livedecon.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.backend.RealBuffer;
import org.livedecon.core.backend.SpectrumBuffer;
import org.livedecon.core.deconv.PaddedSizes;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Microscope;
import org.livedecon.core.hardware.Roi;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * A widefield fluorescence microscope in software: a {@link Sample} imaged through
 * {@link SimOptics} onto a {@link SimCamera}, focused by a {@link SimFocusDrive}. Made by
 * {@link #builder()}.
 *
 * <p><b>Grid.</b> The sample is rendered on voxels of pixel size × pixel size × z step µm: the
 * sensor's field of view (sensor pixel (i, j) at (i·p, j·p) µm) extended on every side by the PSF
 * half-width, so light from outside the view enters it, and {@code sampleThicknessUm / zStep}
 * planes deep (plane k at depth k·zStep µm). {@link #truth()} is the field-of-view part.
 *
 * <p><b>Image formation.</b> The image at focus position f µm is the 3D convolution of the sample
 * with the channel's PSF, evaluated at the sample depth {@code f − focusOffsetUm}:
 * {@code I(x, y; f) = Σ_k S(·,·,k) ⊛ h(·,·, f − offset − k·Δz)}, linearly interpolated between
 * the two nearest grid planes (exact on the planes; dark beyond the PSF's reach). The PSF h is the
 * optics' PSF scaled so that its in-focus (centre) plane sums to 1: a point of B photons/s in
 * focus puts B photons/s onto the camera (less what leaves the PSF window). The convolution is
 * done once per channel by FFT on a grid large enough that nothing wraps (non-circulant) and the
 * result is cached, so {@code snap()} costs one plane interpolation plus the camera noise.
 * Focus uses the drive's {@link SimFocusDrive#actualUm() actual} position (backlash included).
 * One PSF for the whole volume: aberrations are not depth-variant.
 *
 * <p><b>Memory.</b> Per channel the cache holds W·H·(nz + PSF nz − 1) floats and the truth W·H·nz;
 * building needs, for a moment, a real grid, its spectrum and the OTF, each about
 * (W + PSF nx − 1)·(H + PSF ny − 1)·(nz + PSF nz − 1) floats (2,3,5,7-smooth). A 512x512 sensor,
 * 10 µm at 0.1 µm and the default NA 1.4 PSF (45x61x61) build in a few seconds and need about
 * 1.2 GB of heap (616 MB stay in use afterwards).
 *
 * <p>Not thread-safe: one caller at a time, as the hardware contract says.
 */
public final class SimulatedMicroscope implements Microscope {
    private final Sample sample;
    private final SimOptics optics;
    private final double pixelUm;
    private final double zStepUm;
    private final int planes;
    private final double focusOffsetUm;
    private final double uniformLight;
    private final Backend backend;
    private final List<Channel> channels;
    private final SimCamera camera;
    private final SimFocusDrive focus;
    private final SimShutter shutter = new SimShutter();
    private int selected;

    private SimulatedMicroscope(Builder b) {
        this.sample = b.sample;
        this.optics = b.optics;
        this.pixelUm = b.pixelUm;
        this.zStepUm = b.zStepUm;
        this.planes = Math.max(1, (int) Math.round(b.sampleThicknessUm / b.zStepUm));
        this.focusOffsetUm = b.focusOffsetUm;
        this.uniformLight = b.uniformLight;
        this.backend = b.backend;
        this.channels = b.channels;
        double scale = b.timeScale;
        this.camera = new SimCamera(b.camera, new Source(), b.seed, scale);
        double start = Math.max(b.focusLowerUm, Math.min(b.focusUpperUm, b.focusStartUm == null ? focusOffsetUm : b.focusStartUm));
        this.focus = new SimFocusDrive("Z", b.focusLowerUm, b.focusUpperUm, start, b.settleMs, b.backlashUm, scale);
    }

    public static Builder builder() { return new Builder(); }

    @Override
    public SimCamera camera() { return camera; }

    @Override
    public SimFocusDrive focus() { return focus; }

    /** The shutter: closed with auto-shutter off, snaps are dark frames. */
    public SimShutter shutter() { return shutter; }

    @Override
    public double pixelSizeUm() { return pixelUm; }

    /** Distance between the planes of the simulation grid, µm. */
    public double zStepUm() { return zStepUm; }

    /** Voxel size of {@link #truth()} and {@link #psf()}: pixel × pixel × z step, µm. */
    public VoxelSize gridVoxelSize() { return VoxelSize.of(pixelUm, zStepUm); }

    /**
     * Light reaching every pixel the same whatever the focus (stray light, a uniformly fluorescent
     * medium far from focus), photons/s per pixel. Part of the constant b of y = Hx + b, with the
     * camera offset and dark current; not in {@link #truth()}.
     */
    public double uniformLightPhotonsPerS() { return uniformLight; }

    /** Focus position (µm) that images sample depth {@code depthUm}: offset + depth. */
    public double focusForDepthUm(double depthUm) { return focusOffsetUm + depthUm; }

    /** Focus position (µm) that images plane k of {@link #truth()} exactly. */
    public double focusForPlane(int k) { return focusOffsetUm + k * zStepUm; }

    /** Channel names in index order (at least one). */
    public List<String> channels() {
        List<String> names = new ArrayList<String>();
        for (Channel c : channels) names.add(c.name);
        return Collections.unmodifiableList(names);
    }

    /** Emission wavelength of channel {@code index}, µm. */
    public double emissionUm(int index) { return channel(index).optics.optics().wavelengthUm(); }

    public int selectedChannel() { return selected; }

    /**
     * Images channel {@code index} from now on (its PSF and blurred volume are computed on first
     * use, which takes a moment).
     *
     * @throws HardwareException when there is no such channel; the message lists the range
     */
    public void selectChannel(int index) throws HardwareException {
        if (index < 0 || index >= channels.size()) {
            throw new HardwareException("simulated microscope: channel " + index + " does not exist; channels are 0 to "
                    + (channels.size() - 1) + " " + channels());
        }
        selected = index;
        prepare(channels.get(index));
    }

    /**
     * The sample of the selected channel as rendered, field of view only: sensor width × height ×
     * planes at {@link #gridVoxelSize()}, photons/s per voxel. Shared, do not modify.
     */
    public Volume truth() { return prepare(channels.get(selected)).truth; }

    /** The selected channel's PSF (sum 1, at {@link #gridVoxelSize()}), as used for imaging. */
    public Psf psf() { return prepare(channels.get(selected)).psf; }

    /** The noise-free optical image at the current focus for {@code roi}, photons/s per pixel. */
    public float[] photonsPerSecond(Roi roi) throws HardwareException { return new Source().photonsPerSecond(roi); }

    private Channel channel(int index) {
        if (index < 0 || index >= channels.size()) {
            throw new IllegalArgumentException("channel " + index + " does not exist; channels are 0 to " + (channels.size() - 1));
        }
        return channels.get(index);
    }

    private Channel prepare(Channel c) {
        if (c.cache != null) return c;
        VoxelSize vox = gridVoxelSize();
        Psf psf = c.optics.psf(vox);
        int w = camera.sensorWidth(), h = camera.sensorHeight();
        int px = psf.shape().nx(), py = psf.shape().ny(), pz = psf.shape().nz();
        int cx = psf.centreX(), cy = psf.centreY(), cz = psf.centreZ();
        int lead = pz - 1 - cz;
        Shape rendered = Shape.of(w + px - 1, h + py - 1, planes);
        Volume ext = c.sample.render(rendered, vox);
        if (!ext.shape().equals(rendered)) {
            throw new IllegalStateException("sample " + c.sample + " rendered " + ext.shape() + ", asked for " + rendered);
        }
        float[] truth = new float[w * h * planes];
        Shape fov = Shape.of(w, h, planes);
        Shape grid = Shape.of(PaddedSizes.nextSmooth(Math.max(w + px - 1, px)),
                PaddedSizes.nextSmooth(Math.max(h + py - 1, py)), PaddedSizes.nextSmooth(planes + pz - 1));
        Shape cacheShape = Shape.of(w, h, planes + pz - 1);
        float[] g = new float[grid.voxels()];
        float[] e = ext.data();
        for (int z = 0; z < planes; z++) {
            int gz = Math.floorMod(z + lead, grid.nz());
            for (int y = 0; y < rendered.ny(); y++) {
                int gy = Math.floorMod(y - cy, grid.ny());
                int src = rendered.index(0, y, z);
                int dst = grid.index(0, gy, gz);
                for (int x = 0; x < rendered.nx(); x++) {
                    g[dst + Math.floorMod(x - cx, grid.nx())] = e[src + x];
                }
                if (y >= cy && y < cy + h) System.arraycopy(e, src + cx, truth, fov.index(0, y - cy, z), w);
            }
        }
        ext = null;
        e = null;
        float[] cache;
        Backend be = backend != null ? backend : new CpuBackend();
        try {
            // allocation order keeps the peak at about four grids (real, spectrum, OTF, truth)
            try (RealBuffer r = be.real(grid)) {
                be.upload(g, grid, r);
                g = null;
                try (SpectrumBuffer s = be.spectrum(grid)) {
                    be.forward(r, s, grid);
                    be.multiply(s, be.otf(psf, grid), false);
                    be.inverse(s, r, cacheShape);
                }
                cache = new float[cacheShape.voxels()];
                be.download(r, cache, cacheShape);
            }
        } finally {
            if (backend == null) be.close();
        }
        // scale so the in-focus PSF plane sums to 1; clamp FFT round-off below 0
        float[] p = psf.volume().data();
        double central = 0;
        int n2 = px * py;
        for (int i = cz * n2; i < (cz + 1) * n2; i++) central += p[i];
        float scale = (float) (1 / central);
        for (int i = 0; i < cache.length; i++) cache[i] = Math.max(0f, cache[i] * scale);
        c.psf = psf;
        c.truth = new Volume(fov, vox, truth);
        c.cache = cache;
        c.cacheShape = cacheShape;
        c.lead = lead;
        return c;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "simulated microscope: %s; %s; pixel %s µm, z step %s µm, %d planes, "
                        + "focus offset %s µm; %s; %s", sample, optics, pixelUm, zStepUm, planes, focusOffsetUm, camera, focus);
    }

    /** The optical image at the drive's actual focus, from the cache of the selected channel. */
    private final class Source implements PhotonSource {
        @Override
        public float[] photonsPerSecond(Roi roi) {
            Channel c = prepare(channels.get(selected));
            Shape s = c.cacheShape;
            double t = (focus.actualUm() - focusOffsetUm) / zStepUm + c.lead;
            int p0 = (int) Math.floor(t);
            double f = t - p0;
            if (f < 1e-9) f = 0;
            if (f > 1 - 1e-9) {
                p0++;
                f = 0;
            }
            float[] out = new float[roi.width() * roi.height()];
            if (!shutter.passesLight()) return out;
            addPlane(c.cache, s, p0, 1 - f, roi, out);
            if (f > 0) addPlane(c.cache, s, p0 + 1, f, roi, out);
            if (uniformLight > 0) {
                float u = (float) uniformLight;
                for (int i = 0; i < out.length; i++) out[i] += u;
            }
            return out;
        }

        private void addPlane(float[] cache, Shape s, int z, double weight, Roi roi, float[] out) {
            if (z < 0 || z >= s.nz() || weight == 0) return;
            float w = (float) weight;
            for (int y = 0; y < roi.height(); y++) {
                int src = s.index(roi.x(), roi.y() + y, z);
                int dst = y * roi.width();
                for (int x = 0; x < roi.width(); x++) out[dst + x] += w * cache[src + x];
            }
        }
    }

    private static final class ChannelSpec {
        final String name;
        final double emissionUm;
        final Sample sample;

        ChannelSpec(String name, double emissionUm, Sample sample) {
            this.name = name;
            this.emissionUm = emissionUm;
            this.sample = sample;
        }
    }

    private static final class Channel {
        final String name;
        final SimOptics optics;
        final Sample sample;
        Psf psf;
        Volume truth;
        float[] cache;
        Shape cacheShape;
        int lead;

        Channel(String name, SimOptics optics, Sample sample) {
            this.name = name;
            this.optics = optics;
            this.sample = sample;
        }
    }

    /**
     * Mutable builder; not thread-safe. Defaults: optics {@link SimOptics#builder()} defaults,
     * camera {@link CameraModel#builder()} defaults, pixel 0.1 µm, z step 0.1 µm, sample 10 µm thick,
     * focus offset 0 µm, focus limits [0, 100] µm starting at the offset, settle 10 ms, no
     * backlash, seed 1, real time.
     */
    public static final class Builder {
        private Sample sample;
        private SimOptics optics = SimOptics.builder().build();
        private CameraModel camera = CameraModel.builder().build();
        private double pixelUm = 0.1;
        private double zStepUm = 0.1;
        private double sampleThicknessUm = 10;
        private double focusOffsetUm = 0;
        private double uniformLight = 0;
        private double focusLowerUm = 0;
        private double focusUpperUm = 100;
        private Double focusStartUm;
        private double settleMs = 10;
        private double backlashUm = 0;
        private long seed = 1;
        private double timeScale = 1;
        private Backend backend;
        private final List<ChannelSpec> specs = new ArrayList<ChannelSpec>();
        private List<Channel> channels;

        private Builder() {}

        /** The specimen (required; also the sample of channels added without one). */
        public Builder sample(Sample s) { sample = s; return this; }
        public Builder optics(SimOptics o) { optics = o; return this; }
        public Builder camera(CameraModel c) { camera = c; return this; }
        /** Camera pixel size at the sample, µm. */
        public Builder pixelSizeUm(double v) { pixelUm = v; return this; }
        /** Plane spacing of the simulation grid, µm (focus positions between planes are interpolated). */
        public Builder zStepUm(double v) { zStepUm = v; return this; }
        /** Depth of the rendered sample, µm (rounded to whole z steps). */
        public Builder sampleThicknessUm(double v) { sampleThicknessUm = v; return this; }
        /** The focus position (µm) that images the top plane (depth 0) of the sample. */
        public Builder focusOffsetUm(double v) { focusOffsetUm = v; return this; }
        /** Uniform light on every pixel, photons/s per pixel (default 0); see {@link #uniformLightPhotonsPerS()}. */
        public Builder uniformLightPhotonsPerS(double v) { uniformLight = v; return this; }
        /** Travel limits of the focus drive, µm. */
        public Builder focusLimitsUm(double lower, double upper) { focusLowerUm = lower; focusUpperUm = upper; return this; }
        /** Start position of the focus drive, µm (default: the focus offset, clamped to the limits). */
        public Builder focusStartUm(double v) { focusStartUm = v; return this; }
        public Builder focusSettleMs(double v) { settleMs = v; return this; }
        public Builder focusBacklashUm(double v) { backlashUm = v; return this; }
        /** Seed of the camera noise and hot pixels (samples carry their own seed). */
        public Builder seed(long v) { seed = v; return this; }
        /** True: snaps and settling take real time; false: no waiting (tests). */
        public Builder realTime(boolean v) { timeScale = v ? 1 : 0; return this; }
        /** Waiting times are multiplied by this (0 no waiting, 1 real time). */
        public Builder timeScale(double v) { timeScale = v; return this; }
        /** FFT backend for the one-off blur (default: a private {@link CpuBackend}, closed after use; yours is not closed). */
        public Builder backend(Backend b) { backend = b; return this; }

        /** Adds a channel imaging the builder's sample at another emission wavelength (µm). */
        public Builder channel(String name, double emissionUm) { return channel(name, emissionUm, null); }

        /** Adds a channel with its own sample ({@code null}: the builder's sample) and emission wavelength (µm). */
        public Builder channel(String name, double emissionUm, Sample channelSample) {
            specs.add(new ChannelSpec(name, emissionUm, channelSample));
            return this;
        }

        /**
         * Validates and builds; the first channel's PSF and blurred volume are computed here
         * (seconds for a 512x512 sensor).
         *
         * @throws IllegalArgumentException naming the missing or out-of-range value
         */
        public SimulatedMicroscope build() {
            if (sample == null) throw new IllegalArgumentException("simulated microscope: a sample is required");
            if (optics == null || camera == null) throw new IllegalArgumentException("optics and camera are required");
            positive("pixel size (µm)", pixelUm);
            positive("z step (µm)", zStepUm);
            positive("sample thickness (µm)", sampleThicknessUm);
            if (Double.isNaN(focusOffsetUm) || Double.isInfinite(focusOffsetUm)) {
                throw new IllegalArgumentException("focus offset must be finite, got " + focusOffsetUm + " µm");
            }
            Timing.checkScale(timeScale);
            BeadSample.nonNegative("simulated microscope: uniform light (photons/s per pixel)", uniformLight);
            List<Channel> list = new ArrayList<Channel>();
            for (ChannelSpec c : specs) {
                if (c.name == null || c.name.isEmpty()) throw new IllegalArgumentException("channel names must not be empty");
                list.add(new Channel(c.name, optics.withWavelengthUm(c.emissionUm), c.sample == null ? sample : c.sample));
            }
            if (list.isEmpty()) list.add(new Channel("default", optics, sample));
            channels = list;
            SimulatedMicroscope m = new SimulatedMicroscope(this);
            m.prepare(m.channels.get(0));
            return m;
        }

        private static void positive(String what, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("simulated microscope: " + what + " must be a positive number, got " + v);
            }
        }
    }
}
