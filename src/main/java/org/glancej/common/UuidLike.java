package org.glancej.common;

import java.util.regex.Pattern;

/** oslo.utils' {@code is_uuid_like}, as upstream checks markers and remote ids: 32 hex digits, dashes optional. */
public final class UuidLike {
    private static final Pattern UUID_LIKE = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private UuidLike() {}

    public static boolean test(String value) {
        return value != null && UUID_LIKE.matcher(value).matches();
    }
}
