package org.micromanager.data;

import org.micromanager.MMPlugin;
import org.micromanager.PropertyMap;

/** A plugin listed in "On-the-fly Image Processing" (exact mirror). */
public interface ProcessorPlugin extends MMPlugin {
   /** Settings may be empty, never null; a new configurator each call. */
   ProcessorConfigurator createConfigurator(PropertyMap settings);

   /** The factory must be self-contained: everything it needs comes from {@code settings}. */
   ProcessorFactory createFactory(PropertyMap settings);
}
