package org.glancej.members;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One project's membership of a shared image, as stored in upstream's {@code image_members} table.
 *
 * @param memberId the member project's id (upstream's {@code member} column)
 */
public record ImageMember(String imageId, String memberId, MemberStatus status, Instant createdAt,
        Instant updatedAt) {

    public ImageMember {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(memberId, "memberId is null");
        requireNonNull(status, "status is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
