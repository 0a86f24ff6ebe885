package org.micromanager.display;

/** Marker subset of MMStudio's DisplayWindow (the plugin only keeps the reference). */
public interface DisplayWindow {
}
