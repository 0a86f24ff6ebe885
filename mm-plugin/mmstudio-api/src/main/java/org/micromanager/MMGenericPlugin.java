package org.micromanager;

import org.scijava.plugin.SciJavaPlugin;

/** Root of all Micro-Manager plugin types (exact mirror). */
public interface MMGenericPlugin extends SciJavaPlugin {
}
