package org.micromanager;

/** Subset of MMStudio's {@code SnapLiveManager}: live mode on and off (the calibration wizard pauses it). */
public interface SnapLiveManager {
   boolean isLiveModeOn();

   void setLiveModeOn(boolean on);
}
