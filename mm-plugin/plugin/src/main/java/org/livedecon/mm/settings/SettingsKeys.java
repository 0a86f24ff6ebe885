package org.livedecon.mm.settings;

/**
 * Every key of the plugin's PropertyMap, in one place (the converter {@link SettingsConverter} is
 * the only reader and writer). Keys are persisted by Micro-Manager in the user profile as JSON:
 * never rename one without a migration.
 */
public final class SettingsKeys {
    /** Set by Micro-Manager's pipeline dialog on every configurator's settings; kept, never read. */
    public static final String PROCESSOR_NAME = "ProcessorName";
    /** Settings format version, an integer. */
    public static final String VERSION = "livedecon.version";
    /** {@link org.livedecon.core.deconv.Algorithm#cliName()}: rl-wb, rl-accel, rl-shb, rl, rl-tv, wiener. */
    public static final String ALGORITHM = "livedecon.algorithm";
    /** Iterations of iterative algorithms, an integer. */
    public static final String ITERATIONS = "livedecon.iterations";
    /** Regularisation λ, a double; absent = the algorithm's default. */
    public static final String LAMBDA = "livedecon.lambda";
    /** "auto", "none" or a number of counts (string). */
    public static final String BACKGROUND = "livedecon.background";
    /** {@link org.livedecon.core.deconv.Boundary#cliName()}: non-circulant or periodic. */
    public static final String BOUNDARY = "livedecon.boundary";
    /**
     * {@link PluginSettings#device()}: auto, gpu, cpu, cpu-opencl or an OpenCL device name (the
     * upper-case AUTO, GPU, CPU of earlier versions read the same).
     */
    public static final String DEVICE = "livedecon.device";
    /** {@link org.livedecon.core.live.LivePolicy} name: ALL, LATEST, ADAPTIVE. */
    public static final String POLICY = "livedecon.policy";
    /** {@link PluginSettings.Output} name: DISPLAY, DISPLAY_AND_SAVE. */
    public static final String OUTPUT = "livedecon.output";
    /** {@link PluginSettings#saveFolder()}: folder for saved stacks of unsaved acquisitions; empty = default. */
    public static final String SAVE_FOLDER = "livedecon.saveFolder";
    /** PSF used for channels without their own entry: a nested map of the CHANNEL_* keys. */
    public static final String DEFAULT_PSF = "livedecon.psf.default";
    /** Per-channel PSFs: a nested map from the channel index ("0", "1", ...) to a map of the CHANNEL_* keys. */
    public static final String CHANNEL_PSFS = "livedecon.psf.channels";
    /** Per-channel PSFs by channel name (a preset of the channel group): a nested map from the name to a map of the CHANNEL_* keys. */
    public static final String CHANNEL_PSFS_BY_NAME = "livedecon.psf.channelNames";

    /** In a PSF map: {@link ChannelPsf.Kind} name, LIBRARY or THEORETICAL. */
    public static final String PSF_KIND = "kind";
    /** In a PSF map: the PSF library entry name (LIBRARY). */
    public static final String PSF_LIBRARY_NAME = "libraryName";
    /** In a PSF map: {@link org.livedecon.core.psf.model.PsfModel} name (THEORETICAL). */
    public static final String PSF_MODEL = "model";
    /** In a PSF map: numerical aperture (THEORETICAL). */
    public static final String PSF_NA = "na";
    /** In a PSF map: emission wavelength in µm (THEORETICAL). */
    public static final String PSF_WAVELENGTH_UM = "wavelengthUm";
    /** In a PSF map: immersion refractive index (THEORETICAL). */
    public static final String PSF_IMMERSION_INDEX = "immersionIndex";

    /** Current value of {@link #VERSION}. */
    public static final int CURRENT_VERSION = 1;

    private SettingsKeys() {
    }
}
