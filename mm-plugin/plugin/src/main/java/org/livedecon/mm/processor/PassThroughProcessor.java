package org.livedecon.mm.processor;

import org.micromanager.data.Image;
import org.micromanager.data.Processor;
import org.micromanager.data.ProcessorContext;

/** Outputs every image unchanged; used when the settings cannot be used at all. Stateless. */
public final class PassThroughProcessor implements Processor {
    @Override
    public void processImage(Image image, ProcessorContext context) {
        context.outputImage(image);
    }
}
