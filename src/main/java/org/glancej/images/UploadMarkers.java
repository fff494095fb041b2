package org.glancej.images;

import java.util.List;

/**
 * The reserved properties an upload in flight keeps on its image, upstream's way of marking work in progress
 * ({@code os_glance_import_task}, {@code os_glance_stage_host}): who receives the data, when it last said it
 * was alive, where the data is being written and how much of it has arrived. They live only while the image
 * is {@code saving} or being staged ({@code uploading}), and clients never see them: {@link ImageRows} leaves
 * them out of every image it loads. The stage markers outlive one request: what a resumable stage announced
 * as its total size, and the hashes of staged data that is complete, kept until the image is imported or
 * deleted.
 */
public final class UploadMarkers {
    public static final String PREFIX = "os_glance_upload_";
    public static final String OWNER = PREFIX + "owner";
    public static final String HEARTBEAT = PREFIX + "heartbeat";
    public static final String LOCATION = PREFIX + "location";
    /** Bytes received so far, rewritten every few seconds while data arrives. */
    public static final String RECEIVED = PREFIX + "received";
    /** The size announced before the data (Content-Length, {@code x-openstack-image-size}), when there was one. */
    public static final String EXPECTED = PREFIX + "expected";
    public static final List<String> ALL = List.of(OWNER, HEARTBEAT, LOCATION, RECEIVED, EXPECTED);

    /** The total size a resumable stage announced ({@code Content-Range: bytes N-M/T}), until it completes. */
    public static final String STAGE_TOTAL = "os_glance_stage_total";
    /** MD5 and {@code hashing_algorithm} digest of complete staged data, as {@code algorithm:hex}. */
    public static final String STAGED_MD5 = "os_glance_staged_md5";
    public static final String STAGED_HASH = "os_glance_staged_hash";
    public static final List<String> STAGE = List.of(STAGE_TOTAL, STAGED_MD5, STAGED_HASH);

    private UploadMarkers() {}

    public static boolean isMarker(String propertyName) {
        return ALL.contains(propertyName) || STAGE.contains(propertyName);
    }
}
