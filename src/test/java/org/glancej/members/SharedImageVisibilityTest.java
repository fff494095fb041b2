package org.glancej.members;

import static org.assertj.core.api.Assertions.assertThat;

import org.glancej.common.ErrorKind;
import org.glancej.images.Visibility;
import org.junit.jupiter.api.Test;

/**
 * What membership lets a project see, as upstream decides it: a single image is visible to its members in
 * every membership status, while lists show shared images by membership status, {@code accepted} unless
 * {@code member_status} says otherwise. Memberships only count while the image is shared.
 */
class SharedImageVisibilityTest extends SharingTestSupport {

    @Test
    void aMemberSeesTheImageWhateverItsMembershipStatus() {
        String id = createImage(OWNER, Visibility.SHARED);
        assertFails(() -> images.get(ALT, id), ErrorKind.NOT_FOUND, "No image found with ID " + id);

        members.add(OWNER, id, "alt");
        assertThat(images.get(ALT, id).id()).isEqualTo(id);
        for (MemberStatus status : MemberStatus.values()) {
            members.setStatus(ALT, id, "alt", status.wire());
            assertThat(images.get(ALT, id).id()).isEqualTo(id);
            assertThat(images.get(ALT_READER, id).id()).isEqualTo(id);
        }
        assertFails(() -> images.get(STRANGER, id), ErrorKind.NOT_FOUND, "No image found with ID " + id);

        members.remove(OWNER, id, "alt");
        assertFails(() -> images.get(ALT, id), ErrorKind.NOT_FOUND, "No image found with ID " + id);
    }

    @Test
    void otherProjectsSeePublicAndCommunityImagesButNotPrivateSharedOrOwnerlessPrivateOnes() {
        String shared = createImage(OWNER, Visibility.SHARED);
        String priv = createImage(OWNER, Visibility.PRIVATE);
        String pub = createImage(OWNER, Visibility.PUBLIC);
        String community = createImage(OWNER, Visibility.COMMUNITY);
        String ownerless = createImage(NO_AUTH, Visibility.PRIVATE);

        for (String id : new String[] {pub, community}) {
            assertThat(images.find(STRANGER, id)).isPresent();
        }
        // the database lets everyone find an ownerless image; get_image's project check then refuses it
        assertThat(images.find(STRANGER, ownerless)).isEmpty();
        assertThat(images.find(ADMIN, ownerless)).isPresent();
        assertThat(images.find(STRANGER, shared)).isEmpty();
        assertThat(images.find(STRANGER, priv)).isEmpty();
        assertThat(images.find(OWNER_READER, priv)).isPresent();
        assertThat(images.find(ADMIN, priv)).isPresent();
        assertThat(images.find(NO_AUTH, shared)).isPresent();
    }

    @Test
    void membershipsOfAnImageNoLongerSharedAreDormantUntilItIsSharedAgain() {
        String id = createImage(OWNER, Visibility.SHARED);
        members.add(OWNER, id, "alt");
        members.setStatus(ALT, id, "alt", "accepted");

        changeVisibility(id, Visibility.PRIVATE);

        assertThat(images.find(ALT, id)).isEmpty();
        assertThat(listedIds(ALT, "member_status=all")).doesNotContain(id);
        assertFails(() -> members.list(OWNER, id), ErrorKind.FORBIDDEN,
                "Not allowed to list members for image " + id + ": Only shared images have members.");

        changeVisibility(id, Visibility.SHARED);

        assertThat(images.find(ALT, id)).isPresent();
        assertThat(members.list(OWNER, id)).extracting(ImageMember::status).containsExactly(MemberStatus.ACCEPTED);
        assertThat(listedIds(ALT, "")).contains(id);
    }

    @Test
    void listsShowSharedImagesByMembershipStatusAcceptedByDefault() {
        String pending = createImage(OWNER, Visibility.SHARED);
        String accepted = createImage(OWNER, Visibility.SHARED);
        String rejected = createImage(OWNER, Visibility.SHARED);
        String notShared = createImage(OWNER, Visibility.SHARED);
        for (String id : new String[] {pending, accepted, rejected}) {
            members.add(OWNER, id, "alt");
        }
        members.setStatus(ALT, accepted, "alt", "accepted");
        members.setStatus(ALT, rejected, "alt", "rejected");

        assertThat(listedIds(ALT, "")).containsExactly(accepted);
        assertThat(listedIds(ALT, "member_status=accepted")).containsExactly(accepted);
        assertThat(listedIds(ALT, "member_status=pending")).containsExactly(pending);
        assertThat(listedIds(ALT, "member_status=rejected")).containsExactly(rejected);
        assertThat(listedIds(ALT, "member_status=all")).containsExactlyInAnyOrder(pending, accepted, rejected);
        assertThat(listedIds(ALT, "visibility=shared&member_status=all"))
                .containsExactlyInAnyOrder(pending, accepted, rejected);
        assertThat(listedIds(STRANGER, "member_status=all")).isEmpty();
        // the owner's own images are listed whatever their members decided
        assertThat(listedIds(OWNER, "member_status=rejected"))
                .containsExactlyInAnyOrder(pending, accepted, rejected, notShared);
    }

    @Test
    void removingTheMemberOrTheImageTakesItOutOfTheMembersList() {
        String kept = createImage(OWNER, Visibility.SHARED);
        String removed = createImage(OWNER, Visibility.SHARED);
        String deleted = createImage(OWNER, Visibility.SHARED);
        for (String id : new String[] {kept, removed, deleted}) {
            members.add(OWNER, id, "alt");
            members.setStatus(ALT, id, "alt", "accepted");
        }

        members.remove(OWNER, removed, "alt");
        deleteImage(deleted);

        assertThat(listedIds(ALT, "member_status=all")).containsExactly(kept);
        assertFails(() -> members.list(ALT, deleted), ErrorKind.NOT_FOUND, "Image " + deleted + " not found.");
    }
}
