package org.glancej.members;

import java.util.Locale;
import java.util.Optional;

/** Where a member project stands on an image shared with it; only {@code accepted} puts it in lists. */
public enum MemberStatus {
    PENDING, ACCEPTED, REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named exactly (case-sensitive, as upstream); empty for anything else, null included. */
    public static Optional<MemberStatus> parse(String value) {
        for (MemberStatus status : values()) {
            if (status.wire().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
