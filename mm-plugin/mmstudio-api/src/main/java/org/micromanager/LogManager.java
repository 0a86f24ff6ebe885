package org.micromanager;

import java.awt.Component;

/** Subset of MMStudio's {@code LogManager}. */
public interface LogManager {
   void logMessage(String msg);

   void logDebugMessage(String msg);

   void logError(Exception e, String msg);

   void logError(String msg);

   void showMessage(String msg);

   void showError(Exception e, String msg);

   void showError(String msg, Component parent);
}
