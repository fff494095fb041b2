package org.glancej.images.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.request.ImageCreateRequestAssertions.assertRefused;
import static org.glancej.images.request.ImageCreateRequestAssertions.parse;
import static org.glancej.images.request.Json.SCHEMA;
import static org.glancej.images.request.Json.json;
import static org.glancej.images.request.Json.repeat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.images.NewImage;
import org.glancej.images.Visibility;
import org.junit.jupiter.api.Test;

/** Expected messages are upstream Glance's, observed on the same bodies. */
class ImageCreateRequestTest {
    static final String UUID = "8a3e2b1c-5d4f-4e6a-9b8c-7d6e5f4a3b2c";

    // --- defaults and accepted fields

    @Test
    void emptyBodyGivesSharedUnprotectedQueuedDefaults() {
        ImageCreateRequest request = parse("{}");

        assertThat(request.id()).isNull();
        assertThat(request.name()).isNull();
        assertThat(request.visibility()).isEqualTo(Visibility.SHARED);
        assertThat(request.visibilityGiven()).isFalse();
        assertThat(request.isProtected()).isFalse();
        assertThat(request.osHidden()).isFalse();
        assertThat(request.minDisk()).isZero();
        assertThat(request.minRam()).isZero();
        assertThat(request.diskFormat()).isNull();
        assertThat(request.containerFormat()).isNull();
        assertThat(request.ownerGiven()).isFalse();
        assertThat(request.tags()).isEmpty();
        assertThat(request.properties()).isEmpty();
    }

    @Test
    void everySettableFieldIsRead() {
        ImageCreateRequest request = parse("{'id': '" + UUID + "', 'name': 'cirros', 'visibility': 'private',"
                + " 'protected': true, 'os_hidden': true, 'min_disk': 1, 'min_ram': 64, 'disk_format': 'qcow2',"
                + " 'container_format': 'bare', 'tags': ['a'], 'os_distro': 'cirros'}");

        assertThat(request.id()).isEqualTo(UUID);
        assertThat(request.name()).isEqualTo("cirros");
        assertThat(request.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(request.visibilityGiven()).isTrue();
        assertThat(request.isProtected()).isTrue();
        assertThat(request.osHidden()).isTrue();
        assertThat(request.minDisk()).isEqualTo(1);
        assertThat(request.minRam()).isEqualTo(64);
        assertThat(request.diskFormat()).isEqualTo("qcow2");
        assertThat(request.containerFormat()).isEqualTo("bare");
        assertThat(request.tags()).containsExactly("a");
        assertThat(request.properties()).containsExactly(Map.entry("os_distro", "cirros"));
    }

    @Test
    void contentOfTheSdkCreateBodyIsAccepted() {
        ImageCreateRequest request = parse("{'name': 'img', 'disk_format': 'raw', 'container_format': 'bare',"
                + " 'visibility': 'private', 'owner_specified.openstack.md5': '', 'owner_specified.openstack.sha256':"
                + " '', 'owner_specified.openstack.object': 'images/img'}");

        assertThat(request.properties()).containsKeys("owner_specified.openstack.md5",
                "owner_specified.openstack.sha256", "owner_specified.openstack.object");
    }

    @Test
    void tagsAreDeduplicatedKeepingFirstOccurrenceOrder() {
        assertThat(parse("{'tags': ['b', 'a', 'b', 'c', 'a']}").tags()).containsExactly("b", "a", "c");
    }

    @Test
    void extraPropertiesKeepBodyOrder() {
        assertThat(parse("{'z': '1', 'name': 'n', 'a': '2', 'm': '3'}").properties().keySet())
                .containsExactly("z", "a", "m");
    }

    @Test
    void emptyStringPropertyValueIsKept() {
        assertThat(parse("{'x': ''}").properties()).containsEntry("x", "");
    }

    @Test
    void nullNameAndNullFormatsAreAccepted() {
        ImageCreateRequest request = parse("{'name': null, 'disk_format': null, 'container_format': null}");

        assertThat(request.name()).isNull();
        assertThat(request.diskFormat()).isNull();
    }

    @Test
    void oneFormatWithoutTheOtherIsAcceptedAtCreate() {
        // upstream only insists on both when data is uploaded or imported
        assertThat(parse("{'disk_format': 'raw'}").containerFormat()).isNull();
    }

    /** Upstream keeps the case as sent; MariaDB then compares ids ignoring it, other databases do not. */
    @Test
    void uppercaseUuidIsAcceptedAsIdInLowerCase() {
        assertThat(parse("{'id': '" + UUID.toUpperCase() + "'}").id()).isEqualTo(UUID);
    }

    @Test
    void wholeNumberFloatIsAcceptedAsInteger() {
        assertThat(parse("{'min_ram': 1.0}").minRam()).isEqualTo(1);
    }

    @Test
    void largestDatabaseIntegerIsAccepted() {
        assertThat(parse("{'min_disk': 2147483647}").minDisk()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void propertyKeyOf255CharactersIsAccepted() {
        assertThat(parse("{'" + repeat('k', 255) + "': 'v'}").properties()).hasSize(1);
    }

    @Test
    void longPropertyValueIsAccepted() {
        assertThat(parse("{'x': '" + repeat('v', 4000) + "'}").properties().get("x")).hasSize(4000);
    }

    @Test
    void communityAndPrivateVisibilitiesAreAccepted() {
        assertThat(parse("{'visibility': 'community'}").visibility()).isEqualTo(Visibility.COMMUNITY);
        assertThat(parse("{'visibility': 'public'}").visibility()).isEqualTo(Visibility.PUBLIC);
    }

    // --- owner

    @Test
    void ownerIsRecordedWhenNamed() {
        ImageCreateRequest request = parse("{'owner': 'other-project'}");

        assertThat(request.ownerGiven()).isTrue();
        assertThat(request.owner()).isEqualTo("other-project");
    }

    @Test
    void emptyOwnerIsStoredAsNoOwner() {
        ImageCreateRequest request = parse("{'owner': ''}");

        assertThat(request.ownerGiven()).isTrue();
        assertThat(request.owner()).isNull();
    }

    @Test
    void convertsToTheServicesNewImage() {
        NewImage image = parse("{'id': '" + UUID + "', 'name': 'n', 'visibility': 'private', 'protected': true,"
                + " 'min_disk': 2, 'min_ram': 3, 'disk_format': 'raw', 'container_format': 'bare', 'tags': ['t', 't'],"
                + " 'p': 'v'}").toNewImage();

        assertThat(image).isEqualTo(new NewImage(Optional.of(UUID), Optional.empty(), "n", Visibility.PRIVATE, true, false, 2, 3, "raw",
                "bare", Map.of("p", "v"), List.of("t")));
    }

    @Test
    void newImageWithoutChosenIdLeavesItToTheService() {
        assertThat(parse("{}").toNewImage().id()).isEmpty();
    }

    @Test
    void policyHookSeesOwnerAndVisibilityAndCanRefuse() {
        List<ImageCreateRequest.CreateChecks> seen = new ArrayList<>();
        ImageCreateRequest.parse(json("{'owner': 'p2', 'visibility': 'public'}"), SCHEMA, seen::add);

        assertThat(seen).containsExactly(new ImageCreateRequest.CreateChecks(true, "p2", true, Visibility.PUBLIC,
                List.of(), 0));
        assertThatThrownBy(() -> ImageCreateRequest.parse(json("{'owner': 'p2'}"), SCHEMA, target -> {
            throw ImageCreateRequest.foreignOwner(target.owner());
        })).hasMessage("You are not permitted to create images owned by 'p2'.");
    }

    @Test
    void hookSeesExtraPropertyNamesInBodyOrderAndTagsAsSent() {
        List<ImageCreateRequest.CreateChecks> seen = new ArrayList<>();
        ImageCreateRequest.parse(json("{'b': '1', 'name': 'n', 'a': '2', 'os_hash_algo': 'sha512',"
                + " 'tags': ['x', 'x', 'y']}"), SCHEMA, seen::add);

        assertThat(seen.getFirst().extraProperties()).containsExactly("b", "a", "os_hash_algo");
        assertThat(seen.getFirst().tagsSent()).isEqualTo(3);
    }

    @Test
    void policyHookRunsAfterRequestChecksAndBeforeDomainChecks() {
        GlanceException policy = GlanceException.forbidden("You are not authorized to complete publicize_image action.");

        assertThatThrownBy(() -> ImageCreateRequest.parse(json("{'visibility': 'public', 'os_glance_x': 'y'}"),
                SCHEMA, t -> { throw policy; })).hasMessage("Attribute 'os_glance_x' is reserved.");
        assertThatThrownBy(() -> ImageCreateRequest.parse(json("{'visibility': 'public', 'status': 'active'}"),
                SCHEMA, t -> { throw policy; })).isSameAs(policy);
        assertThatThrownBy(() -> ImageCreateRequest.parse(json("{'visibility': 'public', 'min_ram': -1}"),
                SCHEMA, t -> { throw policy; })).isSameAs(policy);
    }

    // --- ignored keys

    @Test
    void hashFieldsAreAcceptedAndDropped() {
        ImageCreateRequest request = parse("{'os_hash_algo': 'sha1', 'os_hash_value': 'ab', 'name': 'n'}");

        assertThat(request.properties()).isEmpty();
        assertThat(request.name()).isEqualTo("n");
    }

    @Test
    void hashFieldsStillFaceTheStorageChecksBeforeBeingDropped() {
        assertRefused("{'os_hash_value': '\uD83D\uDE00'}", ErrorKind.BAD_REQUEST,
                "Os_Hash_Value can't contain 4 byte unicode characters.");
    }

    @Test
    void hashFieldsStillHaveToMatchTheSchema() {
        assertRefused("{'os_hash_algo': 5}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'null', 'string'");
    }

    // --- body shape

    @Test
    void missingBodyIsRefused() {
        assertRefused((JsonNode) null, ErrorKind.BAD_REQUEST, "Body expected in request.");
    }

    @Test
    void arrayBodyIsRefusedWith400NotUpstreams500() {
        assertRefused("[]", ErrorKind.BAD_REQUEST, "Request body must be a JSON object.");
        assertRefused("[1]", ErrorKind.BAD_REQUEST, "Request body must be a JSON object.");
    }

    @Test
    void scalarBodiesAreRefused() {
        for (String body : List.of("'x'", "5", "null", "true")) {
            assertRefused(body, ErrorKind.BAD_REQUEST, "Unexpected body type. Expected list/dict.");
        }
    }
}
