package org.micromanager.display;

import org.micromanager.data.DataProvider;

/** Subset of MMStudio's DisplayManager. */
public interface DisplayManager {
   DisplayWindow createDisplay(DataProvider dataProvider);

   void manage(DataProvider store);
}
