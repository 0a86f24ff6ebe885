package org.livedecon.mm.mmcore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mmcorej.CMMCore;
import mmcorej.StrVector;

/**
 * The presets of Micro-Manager's current channel group (DAPI, FITC, Cy5, ...): the names the
 * acquisition's summary gives its channels, and so the names PSFs are assigned to.
 */
public final class ChannelPresets {
    private ChannelPresets() {
    }

    /** The presets, in MMCore's order; empty without a core, without a channel group, or on any error. */
    public static List<String> of(CMMCore core) {
        if (core == null) return Collections.emptyList();
        try {
            String group = core.getChannelGroup();
            if (group == null || group.trim().isEmpty()) return Collections.emptyList();
            List<String> names = new ArrayList<String>();
            StrVector configs = core.getAvailableConfigs(group);
            for (String c : configs) names.add(c); // for-each: SWIG 3 and 4 bindings differ in size()
            return names;
        } catch (Exception | LinkageError e) {
            return Collections.emptyList();
        }
    }
}
