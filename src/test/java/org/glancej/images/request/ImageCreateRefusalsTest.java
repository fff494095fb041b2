package org.glancej.images.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.request.ImageCreateRequestAssertions.assertRefused;
import static org.glancej.images.request.ImageCreateRequestAssertions.parse;
import static org.glancej.images.request.Json.SCHEMA;
import static org.glancej.images.request.Json.json;
import static org.glancej.images.request.Json.rawJson;
import static org.glancej.images.request.Json.repeat;

import java.util.List;
import org.glancej.common.ErrorKind;
import org.junit.jupiter.api.Test;

/** Create bodies refused, with upstream Glance's messages for the same bodies, and the order of its checks. */
class ImageCreateRefusalsTest {
    private static final String UUID = ImageCreateRequestTest.UUID;

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
