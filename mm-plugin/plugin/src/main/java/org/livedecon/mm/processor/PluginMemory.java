package org.livedecon.mm.processor;

import java.util.Locale;
import org.livedecon.core.live.MemoryLedger;

/**
 * The plugin's one memory ledger, shared by every processor in the Java virtual machine: raw planes
 * waiting for an engine that is still preparing its PSFs, every engine's planes and waiting stacks
 * (a closing engine's and the next one's together), and deconvolved stacks kept in RAM result
 * windows. Micro-Manager and its acquisition share this heap; the ledger's hard limit holds for all
 * of these together.
 *
 * <p><b>Limit.</b> {@value #LIMIT_PROPERTY} (MiB, a Java system property set in Micro-Manager's
 * Java options), else {@link #defaultLimitBytes}: 1280 MiB, at most half the maximum heap. Deconvolved
 * stacks in RAM result windows may take at most {@value #RESULT_RAM_PROPERTY} MiB of it, by
 * default half the limit (so raw planes always keep the other half).
 */
public final class PluginMemory {
    /** System property: the plugin's hard memory limit, MiB. */
    public static final String LIMIT_PROPERTY = "livedecon.memoryLimitMiB";
    /** System property: the part of the limit RAM result windows may hold, MiB. */
    public static final String RESULT_RAM_PROPERTY = "livedecon.resultRamMiB";

    private static MemoryLedger ledger;
    private static ResultMemory results;

    private PluginMemory() {
    }

    /** The shared ledger, made at first use from the system properties. */
    public static synchronized MemoryLedger ledger() {
        if (ledger == null) ledger = new MemoryLedger(limitBytes(System.getProperty(LIMIT_PROPERTY), Runtime.getRuntime().maxMemory()));
        return ledger;
    }

    /** The RAM result windows' account in {@link #ledger()}. */
    public static synchronized ResultMemory results() {
        if (results == null) {
            MemoryLedger l = ledger();
            results = new ResultMemory(l, resultCapBytes(System.getProperty(RESULT_RAM_PROPERTY), l.limitBytes()));
        }
        return results;
    }

    /** 1280 MiB (twice the engine's 512 MiB budget plus 256 MiB), at most half of {@code maxHeapBytes}. */
    static long defaultLimitBytes(long maxHeapBytes) {
        return org.livedecon.core.backend.MemoryBudget.liveHoldLimitBytes(
                org.livedecon.core.backend.MemoryBudget.LIVE_SPILL_BUDGET_BYTES, maxHeapBytes);
    }

    /** The limit from the property's value (MiB), or the default when it is unset; a bad value throws naming it. */
    static long limitBytes(String mib, long maxHeapBytes) {
        if (mib == null || mib.trim().isEmpty()) return defaultLimitBytes(maxHeapBytes);
        return parseMiB(LIMIT_PROPERTY, mib);
    }

    /** The result windows' cap from the property's value (MiB, at most the limit), or half the limit. */
    static long resultCapBytes(String mib, long limitBytes) {
        if (mib == null || mib.trim().isEmpty()) return limitBytes / 2;
        return Math.min(limitBytes, parseMiB(RESULT_RAM_PROPERTY, mib));
    }

    private static long parseMiB(String key, String mib) {
        try {
            long v = Long.parseLong(mib.trim());
            if (v < 1) throw new NumberFormatException("below 1");
            return v << 20;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Java property %s must be a whole number of MiB >= 1, got '%s'", key, mib), e);
        }
    }
}
