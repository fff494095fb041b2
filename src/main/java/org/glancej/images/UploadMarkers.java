package org.glancej.images;

import java.util.List;

/**
 * The reserved properties an upload in flight keeps on its image, upstream's way of marking work in progress
 * ({@code os_glance_import_task}, {@code os_glance_stage_host}): who receives the data, when it last said it
 * was alive, and where the data is being written. They live only while the image is {@code saving}, and clients
 * never see them: {@link ImageRows} leaves them out of every image it loads.
 */
public final class UploadMarkers {
    public static final String PREFIX = "os_glance_upload_";
    public static final String OWNER = PREFIX + "owner";
    public static final String HEARTBEAT = PREFIX + "heartbeat";
    public static final String LOCATION = PREFIX + "location";
    public static final List<String> ALL = List.of(OWNER, HEARTBEAT, LOCATION);

    private UploadMarkers() {}

    public static boolean isMarker(String propertyName) {
        return ALL.contains(propertyName);
    }
}
