/**
 * What the user chose, and how Micro-Manager keeps it: {@link org.livedecon.mm.settings.PluginSettings}
 * (immutable, validated once), the PropertyMap keys ({@link org.livedecon.mm.settings.SettingsKeys},
 * stored in the user's profile: never rename one) and their reader and writer
 * ({@link org.livedecon.mm.settings.SettingsConverter}), the PSF of a channel
 * ({@link org.livedecon.mm.settings.ChannelPsf}) and the wizard's channel assignments
 * ({@link org.livedecon.mm.settings.PsfAssignments}). No Swing, no MMCore.
 */
package org.livedecon.mm.settings;
