package dev.plux.runtime;

/**
 * An index entry of a bundle: its plugin is resolved and created from the bundle's class loader, and its
 * distribution is the bundle's.
 *
 * @param entry the entry, as read from one of the bundle's own index files
 * @param bundle the bundle
 */
record BundleEntry(IndexEntry entry, Bundle bundle) {
}
