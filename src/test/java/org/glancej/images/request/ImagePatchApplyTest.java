package org.glancej.images.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.request.ImagePatchParseTest.V20;
import static org.glancej.images.request.ImagePatchParseTest.V21;
import static org.glancej.images.request.Json.SCHEMA;
import static org.glancej.images.request.Json.json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.ImageLocation;
import org.glancej.images.ImageStatus;
import org.glancej.images.Visibility;
import org.junit.jupiter.api.Test;

/** Applying patches to an image record; expected messages are upstream Glance's for the same requests. */
class ImagePatchApplyTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final PatchPermissions MEMBER = () -> false;

    private static Image image(ImageStatus status) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("foo", "bar");
        properties.put("os_distro", "cirros");
        return new Image("0b2f6b8c-6f4a-4a61-9c5e-3f8a1b2c3d4e", "p1", status, Visibility.SHARED, false, false,
                status == ImageStatus.ACTIVE ? "5d41402abc4b2a76b9719d911017c592" : null, null, null, "project-a",
                status == ImageStatus.ACTIVE ? 5L : null, null, "raw", "bare", 0, 0, CREATED, CREATED, properties,
                List.of("t1"), List.of());
    }

    private static final Image QUEUED = image(ImageStatus.QUEUED);
    private static final Image ACTIVE = image(ImageStatus.ACTIVE);

    private static Image apply(Image image, String contentType, String body) {
        return ImagePatch.parse(contentType, json(body), SCHEMA).apply(image, PatchPermissions.UNRESTRICTED);
    }

    private static Image apply(String body) {
        return apply(QUEUED, V21, body);
    }

    private static AbstractThrowableAssert<?, ?> assertRefused(Image image, String contentType, String body,
            PatchPermissions permissions, ErrorKind kind, String message) {
        ImagePatch patch = ImagePatch.parse(contentType, json(body), SCHEMA);
        return assertThatThrownBy(() -> patch.apply(image, permissions))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    private static AbstractThrowableAssert<?, ?> assertRefused(String body, ErrorKind kind, String message) {
        return assertRefused(QUEUED, V21, body, PatchPermissions.UNRESTRICTED, kind, message);
    }

    // --- base attributes

    @Test
    void glanceclientUpdateReplacesNameAndTags() {
        Image updated = apply("[{'op': 'replace', 'path': '/name', 'value': 'x'}, {'op': 'add', 'path': '/tags',"
                + " 'value': ['a']}]");

        assertThat(updated.name()).isEqualTo("x");
        assertThat(updated.tags()).containsExactly("a");
    }

    @Test
    void everySettableAttributeCanBeReplaced() {
        Image updated = apply("[{'op': 'replace', 'path': '/name', 'value': null},"
                + " {'op': 'replace', 'path': '/visibility', 'value': 'community'},"
                + " {'op': 'replace', 'path': '/protected', 'value': true},"
                + " {'op': 'replace', 'path': '/os_hidden', 'value': true},"
                + " {'op': 'replace', 'path': '/min_ram', 'value': 512},"
                + " {'op': 'replace', 'path': '/min_disk', 'value': 1.0},"
                + " {'op': 'replace', 'path': '/disk_format', 'value': 'qcow2'},"
                + " {'op': 'replace', 'path': '/container_format', 'value': null},"
                + " {'op': 'replace', 'path': '/owner', 'value': 'project-b'}]");

        assertThat(updated.name()).isNull();
        assertThat(updated.visibility()).isEqualTo(Visibility.COMMUNITY);
        assertThat(updated.isProtected()).isTrue();
        assertThat(updated.osHidden()).isTrue();
        assertThat(updated.minRam()).isEqualTo(512);
        assertThat(updated.minDisk()).isEqualTo(1);
        assertThat(updated.diskFormat()).isEqualTo("qcow2");
        assertThat(updated.containerFormat()).isNull();
        assertThat(updated.owner()).isEqualTo("project-b");
    }

    @Test
    void addOnAnAttributeReplacesItInV21() {
        assertThat(apply("[{'op': 'add', 'path': '/name', 'value': 'added'}]").name()).isEqualTo("added");
    }

    @Test
    void recordKeepsWhatPatchCannotTouch() {
        Image updated = apply(ACTIVE, V21, "[{'op': 'replace', 'path': '/name', 'value': 'n3'}]");

        assertThat(updated).isEqualTo(new Image(ACTIVE.id(), "n3", ACTIVE.status(), ACTIVE.visibility(),
                ACTIVE.isProtected(), ACTIVE.osHidden(), ACTIVE.checksum(), ACTIVE.osHashAlgo(), ACTIVE.osHashValue(),
                ACTIVE.owner(), ACTIVE.size(), ACTIVE.virtualSize(), ACTIVE.diskFormat(), ACTIVE.containerFormat(),
                ACTIVE.minDisk(), ACTIVE.minRam(), ACTIVE.createdAt(), ACTIVE.updatedAt(), ACTIVE.properties(),
                ACTIVE.tags(), ACTIVE.locations()));
    }

    @Test
    void emptyPatchReturnsAnEqualRecord() {
        assertThat(apply("[]")).isEqualTo(QUEUED);
    }

    @Test
    void protectedCanBeToggledOnAnActiveImage() {
        assertThat(apply(ACTIVE, V21, "[{'op': 'replace', 'path': '/protected', 'value': true}]").isProtected())
                .isTrue();
    }

    @Test
    void emptyOwnerBecomesNoOwner() {
        assertThat(apply("[{'op': 'replace', 'path': '/owner', 'value': ''}]").owner()).isNull();
    }

    // --- formats

    @Test
    void formatsCannotChangeOnceDataIsUploadedEvenToTheSameValue() {
        for (String target : List.of("disk_format", "container_format")) {
            for (String op : List.of("replace", "add")) {
                assertRefused(ACTIVE, V21, "[{'op': '" + op + "', 'path': '/" + target + "', 'value': null}]",
                        PatchPermissions.UNRESTRICTED, ErrorKind.FORBIDDEN,
                        "Attribute " + target + " can be only replaced for a queued image.");
            }
        }
        assertRefused(ACTIVE, V21, "[{'op': 'replace', 'path': '/disk_format', 'value': 'raw'}]",
                PatchPermissions.UNRESTRICTED, ErrorKind.FORBIDDEN,
                "Attribute disk_format can be only replaced for a queued image.");
    }

    @Test
    void formatsCanChangeWhileQueuedOrImporting() {
        assertThat(apply(image(ImageStatus.IMPORTING), V21,
                "[{'op': 'replace', 'path': '/disk_format', 'value': 'iso'}]").diskFormat()).isEqualTo("iso");
        for (ImageStatus status : List.of(ImageStatus.SAVING, ImageStatus.UPLOADING, ImageStatus.DEACTIVATED,
                ImageStatus.KILLED)) {
            assertRefused(image(status), V21, "[{'op': 'replace', 'path': '/container_format', 'value': 'ovf'}]",
                    PatchPermissions.UNRESTRICTED, ErrorKind.FORBIDDEN,
                    "Attribute container_format can be only replaced for a queued image.");
        }
    }

    // --- tags

    @Test
    void tagsAreReplacedWholeAndDeduplicated() {
        assertThat(apply("[{'op': 'replace', 'path': '/tags', 'value': ['b', 'a', 'b']}]").tags())
                .containsExactly("b", "a");
        assertThat(apply("[{'op': 'replace', 'path': '/tags', 'value': []}]").tags()).isEmpty();
    }

    // --- extra properties

    @Test
    void addSetsAPropertyWhetherOrNotItExistsInV21() {
        Image updated = apply("[{'op': 'add', 'path': '/new', 'value': 'x'}, {'op': 'add', 'path': '/foo',"
                + " 'value': 'baz'}]");

        assertThat(updated.properties()).containsExactly(Map.entry("foo", "baz"), Map.entry("os_distro", "cirros"),
                Map.entry("new", "x"));
    }

    @Test
    void replaceChangesAnExistingProperty() {
        assertThat(apply("[{'op': 'replace', 'path': '/foo', 'value': ''}]").properties()).containsEntry("foo", "");
    }

    @Test
    void replacingAMissingPropertyConflicts() {
        assertRefused("[{'op': 'replace', 'path': '/missing', 'value': 'x'}]", ErrorKind.CONFLICT,
                "Property missing does not exist.");
        assertRefused("[{'op': 'replace', 'path': '/~1name', 'value': 'x'}]", ErrorKind.CONFLICT,
                "Property /name does not exist.");
        assertRefused("[{'op': 'replace', 'path': '/', 'value': 'x'}]", ErrorKind.CONFLICT,
                "Property  does not exist.");
    }

    @Test
    void removeDeletesAProperty() {
        assertThat(apply("[{'op': 'remove', 'path': '/foo'}]").properties()).containsOnlyKeys("os_distro");
    }

    @Test
    void removingAMissingPropertyConflicts() {
        assertRefused("[{'op': 'remove', 'path': '/missing'}]", ErrorKind.CONFLICT, "Property missing does not exist.");
    }

    @Test
    void addThenRemoveInOnePatchSucceedsButNotTheReverse() {
        assertThat(apply("[{'op': 'add', 'path': '/a', 'value': '1'}, {'op': 'remove', 'path': '/a'}]").properties())
                .doesNotContainKey("a");
        assertRefused("[{'op': 'remove', 'path': '/a'}, {'op': 'add', 'path': '/a', 'value': '1'}]",
                ErrorKind.CONFLICT, "Property a does not exist.");
    }

    @Test
    void escapedNamesBecomePropertyNames() {
        assertThat(apply("[{'op': 'add', 'path': '/a~0b~1c', 'value': 'v'}]").properties()).containsEntry("a~b/c", "v");
    }

    // --- removing attributes

    @Test
    void attributesCannotBeRemoved() {
        for (String name : List.of("name", "tags", "owner", "min_ram", "min_disk", "visibility", "protected",
                "os_hidden", "disk_format", "container_format")) {
            assertRefused("[{'op': 'remove', 'path': '/" + name + "'}]", ErrorKind.FORBIDDEN,
                    "Property " + name + " may not be removed.");
        }
    }

    // --- owner

    @Test
    void nonAdminCannotReplaceOwner() {
        assertRefused(QUEUED, V21, "[{'op': 'replace', 'path': '/owner', 'value': 'someone'}]", MEMBER,
                ErrorKind.FORBIDDEN, "Owner can't be updated by non admin.");
    }

    @Test
    void nonAdminCannotAddOwnerEither() {
        // upstream checks replace only, letting "add" hand the image to another project
        assertRefused(QUEUED, V21, "[{'op': 'add', 'path': '/owner', 'value': 'someone'}]", MEMBER,
                ErrorKind.FORBIDDEN, "Owner can't be updated by non admin.");
    }

    @Test
    void nonAdminCanChangeEverythingElse() {
        Image updated = ImagePatch.parse(V21, json("[{'op': 'replace', 'path': '/name', 'value': 'm'}, {'op': 'add',"
                + " 'path': '/x', 'value': 'y'}]"), SCHEMA).apply(QUEUED, MEMBER);

        assertThat(updated.name()).isEqualTo("m");
    }

    // --- visibility policy hook

    @Test
    void visibilityCheckSeesEveryRequestedVisibilityAndCanRefuse() {
        List<Visibility> seen = new ArrayList<>();
        PatchPermissions recording = new PatchPermissions() {
            @Override
            public boolean isAdmin() {
                return false;
            }

            @Override
            public void checkVisibility(Visibility requested) {
                seen.add(requested);
                if (requested == Visibility.PUBLIC) {
                    throw GlanceException.forbidden("You are not authorized to complete publicize_image action.");
                }
            }
        };
        ImagePatch patch = ImagePatch.parse(V21, json("[{'op': 'replace', 'path': '/visibility', 'value': 'shared'},"
                + " {'op': 'add', 'path': '/visibility', 'value': 'public'}]"), SCHEMA);

        assertThatThrownBy(() -> patch.apply(QUEUED, recording))
                .hasMessage("You are not authorized to complete publicize_image action.");
        assertThat(seen).containsExactly(Visibility.SHARED, Visibility.PUBLIC);
    }

    @Test
    void visibilityCheckComesAfterEarlierOperationsErrors() {
        PatchPermissions refuseAll = new PatchPermissions() {
            @Override
            public boolean isAdmin() {
                return true;
            }

            @Override
            public void checkVisibility(Visibility requested) {
                throw GlanceException.forbidden("refused");
            }
        };
        assertRefused(QUEUED, V21, "[{'op': 'replace', 'path': '/missing', 'value': 'x'}, {'op': 'replace',"
                + " 'path': '/visibility', 'value': 'public'}]", refuseAll, ErrorKind.CONFLICT,
                "Property missing does not exist.");
    }

    @Test
    void v20VisibilityPolicyIsAskedBeforeTheConflictIsFound() {
        PatchPermissions noPublicizing = new PatchPermissions() {
            @Override
            public boolean isAdmin() {
                return true;
            }

            @Override
            public void checkVisibility(Visibility requested) {
                throw GlanceException.forbidden("You are not authorized to complete publicize_image action.");
            }
        };
        assertRefused(ACTIVE, V20, "[{'add': '/visibility', 'value': 'public'}]", noPublicizing, ErrorKind.FORBIDDEN,
                "You are not authorized to complete publicize_image action.");
        assertRefused(ACTIVE, V20, "[{'add': '/owner', 'value': 'x'}]", MEMBER, ErrorKind.FORBIDDEN,
                "Owner can't be updated by non admin.");
    }

    // --- locations (hidden: show_multiple_locations = False)

    @Test
    void locationsCannotBeChangedWhileHidden() {
        assertRefused("[{'op': 'replace', 'path': '/locations', 'value': [{'url': 'http://x', 'metadata': {}}]}]",
                ErrorKind.FORBIDDEN, "It's not allowed to update locations if locations are invisible.");
        assertRefused("[{'op': 'add', 'path': '/locations/-', 'value': {'url': 'http://x', 'metadata': {}}}]",
                ErrorKind.FORBIDDEN, "It's not allowed to add locations if locations are invisible.");
        assertRefused("[{'op': 'remove', 'path': '/locations/0'}]", ErrorKind.FORBIDDEN,
                "It's not allowed to remove locations if locations are invisible.");
    }

    @Test
    void replacingLocationsWithNothingIsRefusedFirst() {
        assertRefused("[{'op': 'replace', 'path': '/locations', 'value': []}]", ErrorKind.FORBIDDEN,
                "Cannot set locations to empty list.");
    }

    @Test
    void v20AddOfALocationIsRefusedLikeV21() {
        assertRefused(QUEUED, V20, "[{'add': '/locations/-', 'value': {'url': 'http://x', 'metadata': {}}}]",
                PatchPermissions.UNRESTRICTED, ErrorKind.FORBIDDEN,
                "It's not allowed to add locations if locations are invisible.");
    }

    // --- v2.0 dialect (Tempest)

    @Test
    void tempestReplacesNameWithV20() {
        assertThat(apply(ACTIVE, V20, "[{'replace': '/name', 'value': 'new'}]").name()).isEqualTo("new");
    }

    @Test
    void tempestAddsAndRemovesPropertiesWithV20() {
        Image added = apply(QUEUED, V20, "[{'add': '/hw_disk_bus', 'value': 'virtio'}]");
        Image removed = apply(added, V20, "[{'remove': '/hw_disk_bus'}]");

        assertThat(added.properties()).containsEntry("hw_disk_bus", "virtio");
        assertThat(removed.properties()).doesNotContainKey("hw_disk_bus");
    }

    @Test
    void tempestImportPropertiesBodyApplies() {
        Image updated = apply(QUEUED, V20, "[{'add': '/hw_cpu_cores', 'value': '5'}, {'add': '/trait:STORAGE_DISK_SSD',"
                + " 'value': 'required'}, {'add': '/speed', 'value': '88mph'}]");

        assertThat(updated.properties()).containsEntry("trait:STORAGE_DISK_SSD", "required")
                .containsEntry("hw_cpu_cores", "5").containsEntry("speed", "88mph");
    }

    @Test
    void tempestAdminReplacesOwnerAndUnprotects() {
        Image updated = apply(ACTIVE, V20, "[{'replace': '/owner', 'value': '5e3b1c0d9a8f4e7b6c5d4e3f2a1b0c9d'},"
                + " {'replace': '/protected', 'value': false}]");

        assertThat(updated.owner()).isEqualTo("5e3b1c0d9a8f4e7b6c5d4e3f2a1b0c9d");
        assertThat(updated.isProtected()).isFalse();
    }

    @Test
    void tempestReservedPropertyIsRefused() {
        assertThatThrownBy(() -> ImagePatch.parse(V20, json("[{'add': '/os_glance_foo', 'value': 'bar'}]"), SCHEMA))
                .isInstanceOfSatisfying(GlanceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN))
                .hasMessage("Attribute 'os_glance_foo' is reserved.");
    }

    @Test
    void v20AddOfSomethingPresentConflicts() {
        for (String name : List.of("foo", "name", "tags", "owner", "min_ram")) {
            assertRefused(QUEUED, V20, "[{'add': '/" + name + "', 'value': " + (name.equals("tags") ? "['x']"
                    : name.equals("min_ram") ? "1" : "'x'") + "}]", PatchPermissions.UNRESTRICTED,
                    ErrorKind.CONFLICT, "Property " + name + " already present.");
        }
    }

    @Test
    void v20AddOfAPropertyAddedEarlierInThePatchConflicts() {
        assertRefused(QUEUED, V20, "[{'add': '/n', 'value': 'x'}, {'add': '/n', 'value': 'y'}]",
                PatchPermissions.UNRESTRICTED, ErrorKind.CONFLICT, "Property n already present.");
    }

    @Test
    void v20RemoveAndReplaceMissingConflictLikeV21() {
        assertRefused(QUEUED, V20, "[{'remove': '/missing'}]", PatchPermissions.UNRESTRICTED, ErrorKind.CONFLICT,
                "Property missing does not exist.");
        assertRefused(QUEUED, V20, "[{'replace': '/missing', 'value': 'x'}]", PatchPermissions.UNRESTRICTED,
                ErrorKind.CONFLICT, "Property missing does not exist.");
    }

    // --- domain and storage rules

    @Test
    void negativeSizesAreRefused() {
        assertRefused("[{'op': 'replace', 'path': '/min_ram', 'value': -1}]", ErrorKind.BAD_REQUEST,
                "Invalid value '-1' for parameter 'min_ram': Cannot be a negative value");
        assertRefused("[{'op': 'replace', 'path': '/min_ram', 'value': -1}, {'op': 'replace', 'path': '/min_disk',"
                + " 'value': -1}]", ErrorKind.BAD_REQUEST,
                "Invalid value '-1' for parameter 'min_ram': Cannot be a negative value");
    }

    @Test
    void oversizedSizesAreRefusedOnlyIfStillOversizedAtTheEnd() {
        assertRefused("[{'op': 'replace', 'path': '/min_ram', 'value': 2147483648}]", ErrorKind.BAD_REQUEST,
                "'min_ram' value out of range, must not exceed 2147483647.");
        assertRefused("[{'op': 'replace', 'path': '/min_ram', 'value': 1e300}]", ErrorKind.BAD_REQUEST,
                "'min_ram' value out of range, must not exceed 2147483647.");
        assertThat(apply("[{'op': 'replace', 'path': '/min_ram', 'value': 2147483648}, {'op': 'replace', 'path':"
                + " '/min_ram', 'value': 3}]").minRam()).isEqualTo(3);
    }

    @Test
    void conflictOfALaterOperationWinsOverAnOversizedSize() {
        assertRefused("[{'op': 'replace', 'path': '/min_ram', 'value': 2147483648}, {'op': 'replace', 'path':"
                + " '/missing', 'value': 'x'}]", ErrorKind.CONFLICT, "Property missing does not exist.");
    }

    @Test
    void charactersOutsideTheBasicPlaneAreRefused() {
        assertRefused("[{'op': 'add', 'path': '/x', 'value': '\uD83D\uDE00'}]", ErrorKind.BAD_REQUEST,
                "X can't contain 4 byte unicode characters.");
        assertRefused("[{'op': 'replace', 'path': '/name', 'value': '\uD83D\uDE00'}]", ErrorKind.BAD_REQUEST,
                "Name can't contain 4 byte unicode characters.");
        assertRefused("[{'op': 'add', 'path': '/\uD83D\uDE00', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Property names can't contain 4 byte unicode.");
        assertRefused("[{'op': 'add', 'path': '/tags', 'value': ['\uD83D\uDE00']}]", ErrorKind.BAD_REQUEST,
                "Param values can't contain 4 byte unicode.");
    }

    // --- all or nothing

    @Test
    void aFailingOperationLeavesTheRecordUntouched() {
        ImagePatch patch = ImagePatch.parse(V21, json("[{'op': 'replace', 'path': '/name', 'value': 'changed'},"
                + " {'op': 'add', 'path': '/new', 'value': 'x'}, {'op': 'remove', 'path': '/missing'}]"), SCHEMA);

        assertThatThrownBy(() -> patch.apply(QUEUED, PatchPermissions.UNRESTRICTED))
                .hasMessage("Property missing does not exist.");
        assertThat(QUEUED.name()).isEqualTo("p1");
        assertThat(QUEUED.properties()).doesNotContainKey("new");
    }

    @Test
    void locationsOfTheRecordAreCarriedOver() {
        Image withLocation = new Image(QUEUED.id(), QUEUED.name(), ImageStatus.ACTIVE, QUEUED.visibility(), false,
                false, null, null, null, null, 1L, null, "raw", "bare", 0, 0, CREATED, CREATED, Map.of(), List.of(),
                List.of(new ImageLocation("file:///var/lib/glance/images/x", Map.of(), "active")));

        assertThat(apply(withLocation, V21, "[{'op': 'add', 'path': '/a', 'value': 'b'}]").locations())
                .isEqualTo(withLocation.locations());
    }
}
