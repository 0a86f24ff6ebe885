/**
 * Compile-only mirror of MMStudio 2.0's public API ({@code MMJ_.jar}), written from the signatures in
 * {@code shared/mmstudio-api.md}. Interfaces the plugin implements ({@link org.micromanager.MMGenericPlugin},
 * {@link org.micromanager.MMPlugin}, {@link org.micromanager.MenuPlugin} and the processor interfaces in
 * {@code org.micromanager.data}) match MMStudio exactly, default methods included; interfaces the plugin only
 * calls are subsets whose every method has MMStudio's exact descriptor. Never shipped in the plugin jar.
 */
package org.micromanager;
