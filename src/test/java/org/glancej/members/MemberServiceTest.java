package org.glancej.members;

import static org.assertj.core.api.Assertions.assertThat;

import org.glancej.common.ErrorKind;
import org.glancej.images.Visibility;
import org.junit.jupiter.api.Test;

/** Who may do what with an image's members, and upstream's answers when they may not. */
class MemberServiceTest extends SharingTestSupport {

    @Override
    int memberQuota() {
        return 3;
    }

    @Test
    void theOwnerSharesAndTheMemberAccepts() {
        String id = createImage(OWNER, Visibility.SHARED);

        ImageMember added = members.add(OWNER, id, "alt");
        ImageMember accepted = members.setStatus(ALT, id, "alt", "accepted");

        assertThat(added.status()).isEqualTo(MemberStatus.PENDING);
        assertThat(added.imageId()).isEqualTo(id);
        assertThat(accepted.status()).isEqualTo(MemberStatus.ACCEPTED);
        assertThat(members.get(OWNER, id, "alt")).isEqualTo(accepted);
        assertThat(members.get(ALT_READER, id, "alt")).isEqualTo(accepted);
    }

    @Test
    void onlyMembersOfTheOwningProjectAndAdminsAddAndRemoveMembers() {
        String id = createImage(OWNER, Visibility.SHARED);
        members.add(OWNER, id, "alt");

        assertFails(() -> members.add(ALT, id, "third"), ErrorKind.FORBIDDEN,
                "You are not authorized to complete add_member action.");
        assertFails(() -> members.add(OWNER_READER, id, "third"), ErrorKind.FORBIDDEN,
                "You are not authorized to complete add_member action.");
        assertFails(() -> members.remove(ALT, id, "alt"), ErrorKind.FORBIDDEN,
                "You are not authorized to complete delete_member action.");
        assertFails(() -> members.remove(OWNER_READER, id, "alt"), ErrorKind.FORBIDDEN,
                "You are not authorized to complete delete_member action.");
        members.add(ADMIN, id, "ops-added");
        members.add(NO_AUTH, id, "noauth-added");
        members.remove(ADMIN, id, "ops-added");
        members.remove(NO_AUTH, id, "noauth-added");
        members.remove(OWNER, id, "alt");

        assertThat(members.list(OWNER, id)).isEmpty();
    }

    @Test
    void onlyTheMemberItselfChangesItsStatus() {
        String id = createImage(OWNER, Visibility.SHARED);
        members.add(OWNER, id, "alt");

        assertFails(() -> members.setStatus(OWNER, id, "alt", "accepted"), ErrorKind.FORBIDDEN,
                "You are not authorized to complete modify_member action.");
        assertFails(() -> members.setStatus(ALT_READER, id, "alt", "accepted"), ErrorKind.FORBIDDEN,
                "You are not authorized to complete modify_member action.");
        // the owner's status is refused before the value is looked at, as upstream does
        assertFails(() -> members.setStatus(OWNER, id, "alt", "bogus"), ErrorKind.FORBIDDEN,
                "You are not authorized to complete modify_member action.");
        assertThat(members.get(OWNER, id, "alt").status()).isEqualTo(MemberStatus.PENDING);
        assertThat(members.setStatus(ADMIN, id, "alt", "rejected").status()).isEqualTo(MemberStatus.REJECTED);
        assertThat(members.setStatus(ALT, id, "alt", "pending").status()).isEqualTo(MemberStatus.PENDING);
    }

    @Test
    void anOwnerThatMadeItselfAMemberStillCannotAccept() {
        String id = createImage(OWNER, Visibility.SHARED);
        members.add(OWNER, id, "owner");

        assertFails(() -> members.setStatus(OWNER, id, "owner", "accepted"), ErrorKind.FORBIDDEN,
                "You are not authorized to complete modify_member action.");
    }

    @Test
    void aMemberSeesOnlyItsOwnMembership() {
        String id = createImage(OWNER, Visibility.SHARED);
        members.add(OWNER, id, "alt");
        members.add(OWNER, id, "other");

        assertThat(members.list(OWNER, id)).extracting(ImageMember::memberId).containsExactly("alt", "other");
        assertThat(members.list(OWNER_READER, id)).extracting(ImageMember::memberId).containsExactly("alt", "other");
        assertThat(members.list(ADMIN, id)).extracting(ImageMember::memberId).containsExactly("alt", "other");
        assertThat(members.list(ALT, id)).extracting(ImageMember::memberId).containsExactly("alt");
        assertThat(members.list(ALT_READER, id)).extracting(ImageMember::memberId).containsExactly("alt");
        assertFails(() -> members.get(ALT, id, "other"), ErrorKind.NOT_FOUND,
                "other not found in the member list of the image " + id + ".");
        assertFails(() -> members.setStatus(ALT, id, "other", "accepted"), ErrorKind.NOT_FOUND,
                "other not found in the member list of the image " + id + ".");
    }

    @Test
    void projectsThatCannotSeeTheImageAreToldItDoesNotExist() {
        String id = createImage(OWNER, Visibility.SHARED);
        members.add(OWNER, id, "alt");
        String missing = "00000000-0000-0000-0000-000000000000";

        for (String image : new String[] {id, missing}) {
            String message = "Image " + image + " not found.";
            assertFails(() -> members.add(STRANGER, image, "x"), ErrorKind.NOT_FOUND, message);
            assertFails(() -> members.list(STRANGER, image), ErrorKind.NOT_FOUND, message);
            assertFails(() -> members.get(STRANGER, image, "alt"), ErrorKind.NOT_FOUND, message);
            assertFails(() -> members.setStatus(STRANGER, image, "alt", "accepted"), ErrorKind.NOT_FOUND, message);
            assertFails(() -> members.remove(STRANGER, image, "alt"), ErrorKind.NOT_FOUND, message);
        }
        assertFails(() -> members.get(OWNER, missing, "alt"), ErrorKind.NOT_FOUND, "Image " + missing + " not found.");
    }

    @Test
    void onlySharedImagesHaveMembers() {
        for (Visibility visibility : new Visibility[] {Visibility.PRIVATE, Visibility.PUBLIC, Visibility.COMMUNITY}) {
            String id = createImage(NO_AUTH, visibility);

            assertFails(() -> members.add(NO_AUTH, id, "alt"), ErrorKind.FORBIDDEN,
                    "Not allowed to create members for image " + id + ".");
            assertFails(() -> members.list(NO_AUTH, id), ErrorKind.FORBIDDEN,
                    "Not allowed to list members for image " + id + ": Only shared images have members.");
            assertFails(() -> members.get(NO_AUTH, id, "alt"), ErrorKind.NOT_FOUND, "Only shared images have members.");
            assertFails(() -> members.setStatus(NO_AUTH, id, "alt", "accepted"), ErrorKind.FORBIDDEN,
                    "Not allowed to update members for image " + id + ".");
            assertFails(() -> members.remove(NO_AUTH, id, "alt"), ErrorKind.FORBIDDEN,
                    "Not allowed to delete members for image " + id + ".");
        }
    }

    @Test
    void aSecondAddIsAConflictAndTheQuotaA413() {
        String id = createImage(OWNER, Visibility.SHARED);
        members.add(OWNER, id, "p1");

        assertFails(() -> members.add(OWNER, id, "p1"), ErrorKind.CONFLICT,
                "Member p1 is duplicated for image " + id);
        members.add(OWNER, id, "p2");
        members.add(OWNER, id, "p3");
        assertFails(() -> members.add(OWNER, id, "p4"), ErrorKind.REQUEST_ENTITY_TOO_LARGE,
                "Image member limit exceeded for image " + id + ": The limit has been exceeded on the number of"
                        + " allowed image members for this image. Attempted: 4, Maximum: 3:");
    }

    @Test
    void statusMustBeOneOfTheThree() {
        String id = createImage(OWNER, Visibility.SHARED);
        members.add(OWNER, id, "alt");
        String message = "Incorrect request: Status must be \"pending\", \"accepted\" or \"rejected\".";

        assertFails(() -> members.setStatus(ALT, id, "alt", "bogus"), ErrorKind.BAD_REQUEST, message);
        assertFails(() -> members.setStatus(ALT, id, "alt", "Accepted"), ErrorKind.BAD_REQUEST, message);
        assertFails(() -> members.setStatus(ALT, id, "alt", null), ErrorKind.BAD_REQUEST, message);
        // an unknown member is reported before a bad status
        assertFails(() -> members.setStatus(ALT, id, "nobody", "bogus"), ErrorKind.NOT_FOUND,
                "nobody not found in the member list of the image " + id + ".");
    }

    @Test
    void memberIdsMustFitTheTable() {
        String id = createImage(OWNER, Visibility.SHARED);

        assertFails(() -> members.add(OWNER, id, "p\uD83D\uDE00"), ErrorKind.BAD_REQUEST,
                "Member can't contain 4 byte unicode characters.");
        assertFails(() -> members.add(OWNER, id, "x".repeat(256)), ErrorKind.BAD_REQUEST,
                "Member is too long: at most 255 characters.");
        assertThat(members.add(OWNER, id, "x".repeat(255)).memberId()).hasSize(255);
        assertFails(() -> members.get(OWNER, id, "p\uD83D\uDE00"), ErrorKind.NOT_FOUND,
                "p\uD83D\uDE00 not found in the member list of the image " + id + ".");
    }
}
