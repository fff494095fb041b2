/**
 * The Swift store: image data as objects of an OpenStack Object Storage account, in glance_store's layout so
 * that upstream nodes and this service read each other's data. Single-tenant ({@link
 * org.glancej.store.swift.SwiftStore}): one account for every image, reached with the credentials of
 * {@code swift_store_user}/{@code swift_store_key} or of a reference in {@code swift_store_config_file}.
 * Multi-tenant ({@link org.glancej.store.swift.MultiTenantSwiftStore}, {@code swift_store_multi_tenant}): each
 * image in the caller's own project account, found in the caller's service catalog, in a container of its own
 * ({@code <swift_store_container>_<image id>}) whose ACLs follow the image's visibility and members, written
 * with the caller's token or, for large uploads, through a trust that outlives it. Images at or above
 * {@code swift_store_large_object_size} (and images of unknown size) are Dynamic Large Objects: segments
 * {@code <image id>-00001}, {@code -00002}, ... in the image's container, then an empty manifest
 * {@code <image id>} with {@code X-Object-Manifest: <container>/<image id>-}.
 * Authentication ({@link org.glancej.store.swift.SwiftAuth}): version 1 (tempauth, swauth) or version 3
 * (Keystone, through the service's Keystone client). Not built yet: application credentials; the startup audit
 * names such options when set.
 */
package org.glancej.store.swift;
