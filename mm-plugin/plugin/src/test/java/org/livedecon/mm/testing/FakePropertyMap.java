package org.livedecon.mm.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.micromanager.PropertyMap;

/** In-memory PropertyMap for tests (MMStudio's PropertyMaps is not available outside Micro-Manager). */
public final class FakePropertyMap implements PropertyMap {
    private final Map<String, Object> values;

    public FakePropertyMap(Map<String, Object> values) { this.values = new LinkedHashMap<String, Object>(values); }

    public static Builder builder() { return new FakeBuilder(new LinkedHashMap<String, Object>()); }

    public static final class FakeBuilder implements Builder {
        private final Map<String, Object> v;
        public FakeBuilder(Map<String, Object> v) { this.v = v; }
        @Override public PropertyMap build() { return new FakePropertyMap(v); }
        private Builder put(String k, Object o) { if (o == null) v.remove(k); else v.put(k, o); return this; }
        @Override public Builder putBoolean(String key, Boolean value) { return put(key, value); }
        @Override public Builder putInteger(String key, Integer value) { return put(key, value); }
        @Override public Builder putLong(String key, Long value) { return put(key, value); }
        @Override public Builder putDouble(String key, Double value) { return put(key, value); }
        @Override public Builder putString(String key, String value) { return put(key, value); }
        @Override public Builder putStringList(String key, String... values) { return put(key, Arrays.asList(values)); }
        @Override public Builder putPropertyMap(String key, PropertyMap value) { return put(key, value); }
        @Override public Builder putAll(PropertyMap map) {
            for (String k : map.keySet()) v.put(k, ((FakePropertyMap) map).values.get(k));
            return this;
        }
        @Override public Builder remove(String key) { v.remove(key); return this; }
    }

    @Override public Builder copyBuilder() { return new FakeBuilder(new LinkedHashMap<String, Object>(values)); }
    @Override public Set<String> keySet() { return values.keySet(); }
    @Override public boolean containsKey(String key) { return values.containsKey(key); }
    @Override public boolean getBoolean(String key, boolean d) { return values.containsKey(key) ? (Boolean) values.get(key) : d; }
    @Override public int getInteger(String key, int d) { return values.containsKey(key) ? (Integer) values.get(key) : d; }
    @Override public long getLong(String key, long d) { return values.containsKey(key) ? (Long) values.get(key) : d; }
    @Override public double getDouble(String key, double d) { return values.containsKey(key) ? (Double) values.get(key) : d; }
    @Override public String getString(String key, String d) { return values.containsKey(key) ? (String) values.get(key) : d; }
    @SuppressWarnings("unchecked")
    @Override public List<String> getStringList(String key, String... d) {
        return values.containsKey(key) ? (List<String>) values.get(key) : Arrays.asList(d);
    }
    @Override public PropertyMap getPropertyMap(String key, PropertyMap d) {
        return values.containsKey(key) ? (PropertyMap) values.get(key) : d;
    }
    @Override public String toJSON() { return values.toString(); }
    @Override public boolean equals(Object o) { return o instanceof FakePropertyMap && ((FakePropertyMap) o).values.equals(values); }
    @Override public int hashCode() { return values.hashCode(); }
    @Override public String toString() { return values.toString(); }
}
