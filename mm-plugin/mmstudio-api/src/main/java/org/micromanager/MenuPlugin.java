package org.micromanager;

/** A plugin listed in the Plugins menu (exact mirror). */
public interface MenuPlugin extends MMPlugin {
   /** "" = directly in the Plugins menu, else the name of a sub-menu (created if absent). */
   String getSubMenu();

   /** Called from a Swing ActionListener, on the event dispatch thread. */
   void onPluginSelected();
}
