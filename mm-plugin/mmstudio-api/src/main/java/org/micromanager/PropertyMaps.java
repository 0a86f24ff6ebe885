package org.micromanager;

import java.io.File;
import java.io.IOException;

/**
 * Mirror of MMStudio's factory class. The real one is backed by MMStudio's internal implementation;
 * this compile-only mirror throws from every method, so code under test must not call it.
 */
public final class PropertyMaps {
   private PropertyMaps() {
   }

   public static PropertyMap.Builder builder() {
      throw new UnsupportedOperationException("compile-only mirror: PropertyMaps needs MMStudio");
   }

   public static PropertyMap emptyPropertyMap() {
      throw new UnsupportedOperationException("compile-only mirror: PropertyMaps needs MMStudio");
   }

   public static PropertyMap fromJSON(String json) throws IOException {
      throw new UnsupportedOperationException("compile-only mirror: PropertyMaps needs MMStudio");
   }

   public static PropertyMap loadJSON(File file) throws IOException {
      throw new UnsupportedOperationException("compile-only mirror: PropertyMaps needs MMStudio");
   }
}
