package org.micromanager.data;

import org.micromanager.PropertyMap;

/** Exact mirror. */
public interface ProcessorConfigurator {
   void showGUI();

   void cleanup();

   PropertyMap getSettings();
}
