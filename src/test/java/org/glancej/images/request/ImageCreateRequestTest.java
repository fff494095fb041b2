package org.glancej.images.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.request.Json.SCHEMA;
import static org.glancej.images.request.Json.json;
import static org.glancej.images.request.Json.rawJson;
import static org.glancej.images.request.Json.repeat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.images.NewImage;
import org.glancej.images.Visibility;
import org.junit.jupiter.api.Test;

/** Expected messages are upstream Glance's, observed on the same bodies. */
class ImageCreateRequestTest {
    private static final String UUID = "8a3e2b1c-5d4f-4e6a-9b8c-7d6e5f4a3b2c";

    private static ImageCreateRequest parse(String body) {
        return ImageCreateRequest.parse(json(body), SCHEMA);
    }

    private static AbstractThrowableAssert<?, ?> assertRefused(String body, ErrorKind kind, String message) {
        return assertRefused(json(body), kind, message);
    }

    private static AbstractThrowableAssert<?, ?> assertRefused(JsonNode body, ErrorKind kind, String message) {
        return assertThatThrownBy(() -> ImageCreateRequest.parse(body, SCHEMA))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

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

    // --- read-only, reserved, disallowed

    @Test
    void disallowedKeysAreReadOnly() {
        for (String key : List.of("direct_url", "self", "file", "schema", "stores")) {
            assertRefused("{'" + key + "': 'x'}", ErrorKind.FORBIDDEN, "Attribute '" + key + "' is read-only.");
        }
    }

    @Test
    void disallowedKeysAreReportedInUpstreamsOrderNotBodyOrder() {
        assertRefused("{'file': 'x', 'self': 'y'}", ErrorKind.FORBIDDEN, "Attribute 'self' is read-only.");
    }

    @Test
    void disallowedKeyWinsOverSchemaViolation() {
        assertRefused("{'name': 5, 'stores': 5}", ErrorKind.FORBIDDEN, "Attribute 'stores' is read-only.");
    }

    @Test
    void readOnlyAttributesAreRefused() {
        assertRefused("{'status': 'active'}", ErrorKind.FORBIDDEN, "Attribute 'status' is read-only.");
        assertRefused("{'checksum': 'abc'}", ErrorKind.FORBIDDEN, "Attribute 'checksum' is read-only.");
        assertRefused("{'size': 5}", ErrorKind.FORBIDDEN, "Attribute 'size' is read-only.");
        assertRefused("{'virtual_size': 5}", ErrorKind.FORBIDDEN, "Attribute 'virtual_size' is read-only.");
        assertRefused("{'created_at': 'x'}", ErrorKind.FORBIDDEN, "Attribute 'created_at' is read-only.");
        assertRefused("{'updated_at': 'x'}", ErrorKind.FORBIDDEN, "Attribute 'updated_at' is read-only.");
    }

    @Test
    void reservedPropertiesAreRefused() {
        for (String key : List.of("location", "deleted", "deleted_at", "locations")) {
            String body = key.equals("locations") ? "{'locations': []}" : "{'" + key + "': 'x'}";
            assertRefused(body, ErrorKind.FORBIDDEN, "Attribute '" + key + "' is reserved.");
        }
    }

    @Test
    void glanceNamespaceIsReservedIncludingBarePrefix() {
        assertRefused("{'os_glance_import_task': 'x'}", ErrorKind.FORBIDDEN,
                "Attribute 'os_glance_import_task' is reserved.");
        assertRefused("{'os_glanceX': 'x'}", ErrorKind.FORBIDDEN, "Attribute 'os_glanceX' is reserved.");
        assertRefused("{'os_glance': 'x'}", ErrorKind.FORBIDDEN, "Attribute 'os_glance' is reserved.");
    }

    @Test
    void nonStringReservedValueFailsTheSchemaFirst() {
        assertRefused("{'os_glance_x': 5}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'string'");
        assertRefused("{'deleted': 5}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'string'");
    }

    @Test
    void schemaViolationWinsOverReadOnlyAttribute() {
        assertRefused("{'status': 'x', 'os_glance': 'y'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'x' is not one of ['queued', 'saving', 'active',"
                        + " 'killed', 'deleted', 'uploading', 'importing', 'pending_delete', 'deactivated']");
    }

    @Test
    void reservedPropertyWinsOverReadOnlyAttribute() {
        assertRefused("{'status': 'active', 'os_glance': 'y'}", ErrorKind.FORBIDDEN,
                "Attribute 'os_glance' is reserved.");
    }

    @Test
    void readOnlyAttributeWinsOverLocations() {
        assertRefused("{'locations': [], 'status': 'queued'}", ErrorKind.FORBIDDEN, "Attribute 'status' is read-only.");
    }

    @Test
    void reservedNameWinsOverLocations() {
        assertRefused("{'deleted': 'x', 'locations': []}", ErrorKind.FORBIDDEN, "Attribute 'deleted' is reserved.");
    }

    @Test
    void readOnlyAttributeWinsOverNegativeMinRam() {
        assertRefused("{'min_ram': -1, 'status': 'active'}", ErrorKind.FORBIDDEN, "Attribute 'status' is read-only.");
        assertRefused("{'min_ram': -1, 'locations': []}", ErrorKind.FORBIDDEN, "Attribute 'locations' is reserved.");
    }

    @Test
    void malformedLocationsFailTheSchemaBeforeBeingReserved() {
        assertRefused("{'locations': 'x'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'x' is not of type 'array'");
    }

    // --- schema violations

    @Test
    void nameMustBeAStringOfAtMost255Characters() {
        assertRefused("{'name': 5}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'null', 'string'");
        String tooLong = repeat('k', 256);
        assertRefused("{'name': '" + tooLong + "'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': '" + tooLong + "' is too long");
        assertThat(parse("{'name': '" + repeat('k', 255) + "'}").name()).hasSize(255);
    }

    @Test
    void nameLengthCountsCharactersNotUtf16Units() {
        assertThat(parse("{'name': '" + "é".repeat(255) + "'}").name()).hasSize(255);
    }

    @Test
    void idMustBeAUuid() {
        assertRefused("{'id': 'abc'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'abc' does not match '^([0-9a-fA-F]){8}-"
                        + "([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$'");
        assertRefused("{'id': 5}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'string'");
    }

    @Test
    void idWithTrailingNewlineIsRefused() {
        assertThatThrownBy(() -> ImageCreateRequest.parse(rawJson("{\"id\": \"" + UUID + "\\n\"}"), SCHEMA))
                .hasMessageStartingWith("Provided object does not match schema 'image': '" + UUID + "\\n' does not");
    }

    @Test
    void visibilityMustBeOneOfTheFour() {
        assertRefused("{'visibility': 'bogus'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'bogus' is not one of ['community', 'public',"
                        + " 'private', 'shared']");
        assertRefused("{'visibility': null}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': None is not of type 'string'");
    }

    @Test
    void booleansMustBeBooleans() {
        assertRefused("{'protected': 'true'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'true' is not of type 'boolean'");
        assertRefused("{'protected': null}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': None is not of type 'boolean'");
        assertRefused("{'os_hidden': 1}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 1 is not of type 'boolean'");
    }

    @Test
    void minRamMustBeAnInteger() {
        assertRefused("{'min_ram': 1.5}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 1.5 is not of type 'integer'");
        assertRefused("{'min_ram': true}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': True is not of type 'integer'");
        assertRefused("{'min_ram': null}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': None is not of type 'integer'");
        assertRefused("{'min_ram': '1'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': '1' is not of type 'integer'");
    }

    @Test
    void formatsMustBeConfiguredOnes() {
        assertRefused("{'disk_format': 'bogus'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'bogus' is not one of [None, 'ami', 'ari', 'aki',"
                        + " 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']");
        assertRefused("{'disk_format': 5}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'null', 'string'");
    }

    @Test
    void containerFormatIsCheckedBeforeDiskFormat() {
        assertRefused("{'disk_format': 'bogus', 'container_format': 'bogus'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'bogus' is not one of [None, 'ami', 'ari', 'aki',"
                        + " 'bare', 'ovf', 'ova', 'docker', 'compressed']");
    }

    @Test
    void formatsFollowConfiguration() {
        ImageSchema schema = ImageSchema.of(new org.glancej.images.ImagesConfig(25, 1000, 1, false, "sha512",
                List.of("raw"), List.of("bare")));

        assertThatThrownBy(() -> ImageCreateRequest.parse(json("{'disk_format': 'qcow2'}"), schema))
                .hasMessage("Provided object does not match schema 'image': 'qcow2' is not one of [None, 'raw']");
    }

    @Test
    void tagsMustBeAListOfShortStrings() {
        assertRefused("{'tags': 'a'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'a' is not of type 'array'");
        assertRefused("{'tags': null}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': None is not of type 'array'");
        assertRefused("{'tags': ['a', 5]}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'string'");
        String tooLong = repeat('t', 256);
        assertRefused("{'tags': ['" + tooLong + "']}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': '" + tooLong + "' is too long");
    }

    @Test
    void extraPropertyValuesMustBeStrings() {
        assertRefused("{'x': null}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': None is not of type 'string'");
        assertRefused("{'x': {'a': [1, true]}}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': {'a': [1, True]} is not of type 'string'");
    }

    @Test
    void ownerMustBeAString() {
        assertRefused("{'owner': 5}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'null', 'string'");
    }

    @Test
    void topLevelViolationWinsOverOneInsideTags() {
        assertRefused("{'tags': [5, 'b'], 'min_ram': 'x'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'x' is not of type 'integer'");
    }

    @Test
    void wrongTypeWinsOverWrongValueEvenWhenListedLater() {
        assertRefused("{'disk_format': 'bogus', 'min_ram': 'x'}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'x' is not of type 'integer'");
    }

    @Test
    void baseAttributesAreCheckedBeforeExtraProperties() {
        assertRefused("{'x': 5, 'name': 6}", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 6 is not of type 'null', 'string'");
    }

    // --- property names

    @Test
    void propertyKeyLongerThan255CharactersIsRefused() {
        assertRefused("{'" + repeat('k', 256) + "': 'v'}", ErrorKind.BAD_REQUEST,
                "Custom property should not be greater than 255 characters.");
    }

    @Test
    void longPropertyKeyIsReportedBeforeItIsFoundReserved() {
        assertRefused("{'os_glance" + repeat('k', 250) + "': 'v'}", ErrorKind.BAD_REQUEST,
                "Custom property should not be greater than 255 characters.");
    }

    // --- domain rules

    @Test
    void negativeSizesAreRefused() {
        assertRefused("{'min_ram': -1}", ErrorKind.BAD_REQUEST,
                "Invalid value '-1' for parameter 'min_ram': Cannot be a negative value");
        assertRefused("{'min_disk': -5}", ErrorKind.BAD_REQUEST,
                "Invalid value '-5' for parameter 'min_disk': Cannot be a negative value");
        assertRefused("{'min_ram': -1.0}", ErrorKind.BAD_REQUEST,
                "Invalid value '-1.0' for parameter 'min_ram': Cannot be a negative value");
    }

    @Test
    void negativeMinDiskIsReportedBeforeNegativeMinRam() {
        assertRefused("{'min_ram': -1, 'min_disk': -2}", ErrorKind.BAD_REQUEST,
                "Invalid value '-2' for parameter 'min_disk': Cannot be a negative value");
    }

    @Test
    void sizesBeyondA32BitColumnAreRefused() {
        assertRefused("{'min_ram': 2147483648}", ErrorKind.BAD_REQUEST,
                "'min_ram' value out of range, must not exceed 2147483647.");
        assertRefused("{'min_disk': 99999999999999999999999}", ErrorKind.BAD_REQUEST,
                "'min_disk' value out of range, must not exceed 2147483647.");
        assertRefused("{'min_disk': 1e300}", ErrorKind.BAD_REQUEST,
                "'min_disk' value out of range, must not exceed 2147483647.");
    }

    @Test
    void charactersOutsideTheBasicPlaneAreRefusedWhereUpstreamsDatabaseRefusesThem() {
        assertRefused("{'name': '\uD83D\uDE00'}", ErrorKind.BAD_REQUEST, "Name can't contain 4 byte unicode characters.");
        assertRefused("{'owner': '\uD83D\uDE00'}", ErrorKind.BAD_REQUEST, "Owner can't contain 4 byte unicode characters.");
        assertRefused("{'x': '\uD83D\uDE00'}", ErrorKind.BAD_REQUEST, "X can't contain 4 byte unicode characters.");
        assertRefused("{'os_distro': '\uD83D\uDE00'}", ErrorKind.BAD_REQUEST,
                "Os_Distro can't contain 4 byte unicode characters.");
        assertRefused("{'\uD83D\uDE00': 'x'}", ErrorKind.BAD_REQUEST, "Property names can't contain 4 byte unicode.");
        assertRefused("{'tags': ['\uD83D\uDE00']}", ErrorKind.BAD_REQUEST, "Param values can't contain 4 byte unicode.");
    }

    @Test
    void storageChecksRunInUpstreamsOrder() {
        assertRefused("{'a': '\uD83D\uDE00', 'name': '\uD83D\uDE00'}", ErrorKind.BAD_REQUEST,
                "Name can't contain 4 byte unicode characters.");
        assertRefused("{'name': '\uD83D\uDE00', 'min_ram': 2147483648}", ErrorKind.BAD_REQUEST,
                "Name can't contain 4 byte unicode characters.");
        assertRefused("{'min_ram': 2147483648, 'tags': ['\uD83D\uDE00']}", ErrorKind.BAD_REQUEST,
                "'min_ram' value out of range, must not exceed 2147483647.");
        assertRefused("{'min_ram': -1, 'x': '\uD83D\uDE00'}", ErrorKind.BAD_REQUEST,
                "Invalid value '-1' for parameter 'min_ram': Cannot be a negative value");
    }

    @Test
    void accentedCharactersAreFine() {
        assertThat(parse("{'name': 'été', 'tags': ['ü']}").name()).isEqualTo("été");
    }

    // --- what every database can store alike

    @Test
    void propertyValueUpToTextColumnBytesIsAccepted() {
        assertThat(parse("{'k': '" + repeat('x', 65_535) + "'}").properties().get("k")).hasSize(65_535);
        // 32,767 two-byte characters and one byte: 65,535 bytes
        assertThat(parse("{'k': '" + repeat('\u00e9', 32_767) + "x'}").properties().get("k")).hasSize(32_768);
    }

    @Test
    void propertyValueOverTextColumnBytesIsRefused() {
        String message = "Property value of 'k' is too long: at most 65535 bytes (UTF-8) can be stored.";
        assertRefused("{'k': '" + repeat('x', 65_536) + "'}", ErrorKind.BAD_REQUEST, message);
        assertRefused("{'k': '" + repeat('\u00e9', 32_768) + "'}", ErrorKind.BAD_REQUEST, message);
    }

    @Test
    void propertyNamesOrTagsOneDatabaseCannotTellApartAreRefused() {
        assertRefused("{'Foo': '1', 'foo': '2'}", ErrorKind.CONFLICT, "Property names 'Foo' and 'foo' differ only"
                + " in letter case, accents or trailing spaces, so they cannot both be stored.");
        assertRefused("{'tags': ['a', 'b', 'A']}", ErrorKind.CONFLICT, "Tags 'a' and 'A' differ only"
                + " in letter case, accents or trailing spaces, so they cannot both be stored.");
    }
}
