package org.micromanager;

/** A Micro-Manager plugin with a name and a context (exact mirror; no default methods). */
public interface MMPlugin extends MMGenericPlugin {
   /** Called once, right after the no-arg constructor. */
   void setContext(Studio studio);

   String getName();

   String getHelpText();

   String getVersion();

   String getCopyright();
}
