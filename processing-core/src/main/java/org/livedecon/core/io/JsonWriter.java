package org.livedecon.core.io;

import java.util.Locale;

/**
 * A minimal JSON text builder for reports and sidecars (no dependency): objects and arrays are
 * opened and closed explicitly, commas and indentation are handled. Non-finite numbers are written
 * as {@code null}. Not thread-safe.
 */
public final class JsonWriter {
    private final StringBuilder sb = new StringBuilder();
    private final boolean[] first = new boolean[64];
    private int depth;

    /** Opens an object as a value (top level, or in an array). */
    public JsonWriter beginObject() { value(); return open('{'); }

    /** Opens an object as the value of {@code key}. */
    public JsonWriter beginObject(String key) { key(key); return open('{'); }

    public JsonWriter endObject() { return close('}'); }

    public JsonWriter beginArray(String key) { key(key); return open('['); }

    public JsonWriter endArray() { return close(']'); }

    public JsonWriter field(String key, String v) {
        key(key);
        string(v);
        return this;
    }

    public JsonWriter field(String key, double v) {
        key(key);
        sb.append(number(v));
        return this;
    }

    public JsonWriter field(String key, long v) {
        key(key);
        sb.append(v);
        return this;
    }

    public JsonWriter field(String key, boolean v) {
        key(key);
        sb.append(v);
        return this;
    }

    /** A number as an array element. */
    public JsonWriter element(double v) {
        value();
        sb.append(number(v));
        return this;
    }

    @Override
    public String toString() { return sb.toString() + (depth == 0 ? "\n" : ""); }

    private JsonWriter open(char c) {
        sb.append(c);
        first[++depth] = true;
        return this;
    }

    private JsonWriter close(char c) {
        depth--;
        newline();
        sb.append(c);
        return this;
    }

    private void value() {
        if (depth == 0) return;
        if (!first[depth]) sb.append(',');
        first[depth] = false;
        newline();
    }

    private void key(String k) {
        value();
        string(k);
        sb.append(": ");
    }

    private void newline() {
        sb.append('\n');
        for (int i = 0; i < depth; i++) sb.append("  ");
    }

    private void string(String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        sb.append('"');
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "null";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
