package org.livedecon.mm.processor;

import java.util.function.Supplier;
import org.livedecon.mm.settings.PluginSettings;
import org.micromanager.PropertyMap;
import org.micromanager.PropertyMaps;
import org.micromanager.Studio;
import org.micromanager.data.Processor;
import org.micromanager.data.ProcessorFactory;

/**
 * Immutable, made from the settings by {@link org.livedecon.mm.LiveDeconvolutionPlugin#createFactory}: one new
 * {@link LiveDeconvolutionProcessor} (with its own result datastore) per pipeline.
 */
public final class LiveDeconvolutionFactory implements ProcessorFactory {
    private final PluginSettings settings;
    private final Studio studio;
    private final Supplier<PropertyMap.Builder> maps;

    /** {@code settings} null means they could not be read: processors then pass images through. */
    public LiveDeconvolutionFactory(PluginSettings settings, Studio studio) {
        this(settings, studio, new Supplier<PropertyMap.Builder>() {
            @Override
            public PropertyMap.Builder get() { return PropertyMaps.builder(); }
        });
    }

    /** {@code maps}: fresh PropertyMap builders (MMStudio's {@code PropertyMaps.builder()}, outside Micro-Manager a test's). */
    LiveDeconvolutionFactory(PluginSettings settings, Studio studio, Supplier<PropertyMap.Builder> maps) {
        this.settings = settings;
        this.studio = studio;
        this.maps = maps;
    }

    public PluginSettings settings() { return settings; }

    @Override
    public Processor createProcessor() {
        if (settings == null || studio == null) return new PassThroughProcessor();
        Reporter reporter = new StudioReporter(studio);
        ResultSink sink = new DatastoreResultSink(studio, maps, PluginMemory.results(), reporter);
        if (settings.output() == PluginSettings.Output.DISPLAY_AND_SAVE) sink = new TiffResultSaver(sink, settings, reporter);
        return new LiveDeconvolutionProcessor(settings, new DefaultEngineFactory(), sink, reporter);
    }
}
