/**
 * MMCore as the core's hardware interfaces: {@link org.livedecon.mm.mmcore.MmCoreMicroscope} (camera
 * and focus drive), {@link org.livedecon.mm.mmcore.MmCoreShutter}, and the channel group's presets
 * ({@link org.livedecon.mm.mmcore.ChannelPresets}). Compiled against MMCoreJ 10.1.1.0; inside
 * Micro-Manager its own MMCoreJ is used.
 */
package org.livedecon.mm.mmcore;
