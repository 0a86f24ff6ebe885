package org.micromanager;

import java.util.Set;

/**
 * Subset of MMStudio's immutable typed map. Getters take a default returned when the key is absent.
 * The builder's put methods take boxed values, as MMStudio 2.0's {@code PropertyMap.Builder}.
 */
public interface PropertyMap {
   /** Subset of {@code PropertyMap.Builder}. */
   interface Builder {
      PropertyMap build();

      Builder putBoolean(String key, Boolean value);

      Builder putInteger(String key, Integer value);

      Builder putLong(String key, Long value);

      Builder putDouble(String key, Double value);

      Builder putString(String key, String value);

      Builder putStringList(String key, String... values);

      Builder putPropertyMap(String key, PropertyMap value);

      Builder putAll(PropertyMap map);

      Builder remove(String key);
   }

   Builder copyBuilder();

   Set<String> keySet();

   boolean containsKey(String key);

   boolean getBoolean(String key, boolean aDefault);

   int getInteger(String key, int aDefault);

   long getLong(String key, long aDefault);

   double getDouble(String key, double aDefault);

   String getString(String key, String aDefault);

   java.util.List<String> getStringList(String key, String... defaults);

   PropertyMap getPropertyMap(String key, PropertyMap aDefault);

   String toJSON();
}
