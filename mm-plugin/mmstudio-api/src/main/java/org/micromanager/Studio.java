package org.micromanager;

import mmcorej.CMMCore;
import org.micromanager.data.DataManager;
import org.micromanager.display.DisplayManager;

/** Subset of MMStudio's {@code Studio}: the accessors the plugin calls. */
public interface Studio {
   CMMCore core();

   CMMCore getCMMCore();

   DataManager data();

   DataManager getDataManager();

   DisplayManager displays();

   DisplayManager getDisplayManager();

   LogManager logs();

   LogManager getLogManager();

   SnapLiveManager live();
}
