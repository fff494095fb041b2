package org.glancej.images.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.request.Json.SCHEMA;
import static org.glancej.images.request.Json.json;
import static org.glancej.images.request.Json.rawJson;
import static org.glancej.images.request.Json.repeat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.images.request.ImagePatch.Dialect;
import org.glancej.images.request.PatchOperation.Op;
import org.junit.jupiter.api.Test;

/** Parsing both JSON-patch dialects; expected messages are upstream Glance's for the same bodies. */
class ImagePatchParseTest {
    static final String V21 = "application/openstack-images-v2.1-json-patch";
    static final String V20 = "application/openstack-images-v2.0-json-patch";

    private static ImagePatch parse(String contentType, String body) {
        return ImagePatch.parse(contentType, json(body), SCHEMA);
    }

    private static AbstractThrowableAssert<?, ?> assertRefused(String contentType, JsonNode body, ErrorKind kind,
            String message) {
        return assertThatThrownBy(() -> ImagePatch.parse(contentType, body, SCHEMA))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    private static AbstractThrowableAssert<?, ?> assertRefused(String body, ErrorKind kind, String message) {
        return assertRefused(V21, json(body), kind, message);
    }

    private static AbstractThrowableAssert<?, ?> assertRefusedV20(String body, ErrorKind kind, String message) {
        return assertRefused(V20, json(body), kind, message);
    }

    // --- media types

    @Test
    void glanceclientBodyParsesInV21() {
        ImagePatch patch = parse(V21, "[{'op': 'replace', 'path': '/name', 'value': 'x'},"
                + " {'op': 'add', 'path': '/tags', 'value': ['a']}]");

        assertThat(patch.dialect()).isEqualTo(Dialect.V2_1);
        assertThat(patch.operations()).containsExactly(
                new PatchOperation(Op.REPLACE, List.of("name"), json("'x'")),
                new PatchOperation(Op.ADD, List.of("tags"), json("['a']")));
    }

    @Test
    void tempestBodiesParseInV20() {
        assertThat(parse(V20, "[{'replace': '/name', 'value': 'new'}]").operations())
                .containsExactly(new PatchOperation(Op.REPLACE, List.of("name"), json("'new'")));
        assertThat(parse(V20, "[{'add': '/os_distro', 'value': 'cirros'}]").operations())
                .containsExactly(new PatchOperation(Op.ADD, List.of("os_distro"), json("'cirros'")));
        assertThat(parse(V20, "[{'remove': '/os_distro'}]").operations())
                .containsExactly(new PatchOperation(Op.REMOVE, List.of("os_distro"), null));
    }

    @Test
    void mediaTypeParametersAreIgnored() {
        assertThat(parse(V21 + "; charset=UTF-8", "[]").dialect()).isEqualTo(Dialect.V2_1);
    }

    @Test
    void mediaTypeMatchesRegardlessOfCase() {
        // upstream compares case-sensitively (415); media types are case-insensitive (RFC 9110)
        assertThat(parse("Application/OpenStack-Images-v2.0-JSON-Patch", "[]").dialect()).isEqualTo(Dialect.V2_0);
    }

    @Test
    void otherMediaTypesGet415WithAcceptPatch() {
        for (String type : List.of("application/json", "application/json-patch+json")) {
            assertRefused(type, json("[]"), ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "")
                    .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.headers()).containsExactly(
                            java.util.Map.entry("Accept-Patch", "application/openstack-images-v2.0-json-patch, "
                                    + "application/openstack-images-v2.1-json-patch")));
        }
    }

    @Test
    void missingMediaTypeIsRefused() {
        assertRefused(null, json("[]"), ErrorKind.UNSUPPORTED_MEDIA_TYPE, "");
    }

    @Test
    void mediaTypeIsCheckedBeforeTheBody() {
        assertRefused("application/json", null, ErrorKind.UNSUPPORTED_MEDIA_TYPE, "");
    }

    // --- body shape

    @Test
    void emptyListIsAnEmptyPatch() {
        assertThat(parse(V21, "[]").isEmpty()).isTrue();
    }

    @Test
    void missingBodyIsRefused() {
        assertRefused(V21, null, ErrorKind.BAD_REQUEST, "Body expected in request.");
    }

    @Test
    void objectBodyIsRefused() {
        assertRefused("{}", ErrorKind.BAD_REQUEST, "Request body must be a JSON array of operation objects.");
    }

    @Test
    void scalarBodyIsRefused() {
        assertRefused("'x'", ErrorKind.BAD_REQUEST, "Unexpected body type. Expected list/dict.");
        assertRefused("null", ErrorKind.BAD_REQUEST, "Unexpected body type. Expected list/dict.");
    }

    @Test
    void operationsMustBeObjects() {
        assertRefused("[1]", ErrorKind.BAD_REQUEST, "Operations must be JSON objects.");
    }

    // --- v2.1 operations

    @Test
    void missingOrNullOpIsRefused() {
        String message = "Unable to find `op` in JSON Schema change. It must be one of the following: add, remove,"
                + " replace.";
        assertRefused("[{}]", ErrorKind.BAD_REQUEST, message);
        assertRefused("[{'op': null, 'path': '/name', 'value': 'x'}]", ErrorKind.BAD_REQUEST, message);
    }

    @Test
    void unknownOpIsRefusedShowingIt() {
        assertRefused("[{'op': 'bogus', 'path': '/name'}]", ErrorKind.BAD_REQUEST,
                "Invalid operation: `bogus`. It must be one of the following: add, remove, replace.");
        assertRefused("[{'op': 5, 'path': '/name'}]", ErrorKind.BAD_REQUEST,
                "Invalid operation: `5`. It must be one of the following: add, remove, replace.");
        assertRefused("[{'op': 'move', 'path': '/name', 'from': '/x'}]", ErrorKind.BAD_REQUEST,
                "Invalid operation: `move`. It must be one of the following: add, remove, replace.");
        assertRefused("[{'op': 'Add', 'path': '/name'}]", ErrorKind.BAD_REQUEST,
                "Invalid operation: `Add`. It must be one of the following: add, remove, replace.");
    }

    @Test
    void missingPathIsRefused() {
        assertRefused("[{'op': 'replace'}]", ErrorKind.BAD_REQUEST, "Unable to find 'path' in JSON Schema change");
    }

    @Test
    void nonStringPathIsRefusedWith400NotUpstreams500() {
        assertRefused("[{'op': 'replace', 'path': 5, 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Pointer `5` is not a string.");
        assertRefused("[{'op': 'replace', 'path': null, 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Pointer `None` is not a string.");
    }

    @Test
    void missingValueIsRefusedForAddAndReplace() {
        assertRefused("[{'op': 'replace', 'path': '/name'}]", ErrorKind.BAD_REQUEST,
                "Operation \"replace\" requires a member named \"value\".");
        assertRefused("[{'op': 'add', 'path': '/x'}]", ErrorKind.BAD_REQUEST,
                "Operation \"add\" requires a member named \"value\".");
    }

    @Test
    void removeIgnoresAValue() {
        assertThat(parse(V21, "[{'op': 'remove', 'path': '/x', 'value': 'ignored'}]").operations().getFirst().value())
                .isNull();
    }

    @Test
    void nullValueIsAValue() {
        assertThat(parse(V21, "[{'op': 'replace', 'path': '/name', 'value': null}]").operations().getFirst().value()
                .isNull()).isTrue();
    }

    // --- v2.0 operations

    @Test
    void v20NeedsExactlyOneOperationMember() {
        assertRefusedV20("[{'replace': '/name', 'add': '/x', 'value': 'v'}]", ErrorKind.BAD_REQUEST,
                "Operation objects must contain only one member named \"add\", \"remove\", or \"replace\".");
        assertRefusedV20("[{'op': 'replace', 'path': '/name', 'value': 'v'}]", ErrorKind.BAD_REQUEST,
                "Operation objects must contain exactly one member named \"add\", \"remove\", or \"replace\".");
    }

    @Test
    void v20IgnoresOtherMembers() {
        assertThat(parse(V20, "[{'add': '/x', 'value': '1', 'op': 'replace'}]").operations().getFirst().op())
                .isEqualTo(Op.ADD);
    }

    @Test
    void v20MissingValueIsRefused() {
        assertRefusedV20("[{'replace': '/name'}]", ErrorKind.BAD_REQUEST,
                "Operation \"replace\" requires a member named \"value\".");
    }

    @Test
    void v20NonStringPathIsRefusedWith400NotUpstreams500() {
        assertRefusedV20("[{'replace': 5, 'value': 'x'}]", ErrorKind.BAD_REQUEST, "Pointer `5` is not a string.");
    }

    // --- pointers

    @Test
    void pointerMustStartWithSlash() {
        assertRefused("[{'op': 'replace', 'path': 'name', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Pointer `name` does not start with \"/\".");
    }

    @Test
    void pointerMayNotEndWithSlash() {
        assertRefused("[{'op': 'replace', 'path': '/name/', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Pointer `/name/` end with \"/\".");
    }

    @Test
    void pointerMayNotHoldAdjacentSlashesAfterTheFirst() {
        assertRefused("[{'op': 'add', 'path': '/ //', 'value': 'v'}]", ErrorKind.BAD_REQUEST,
                "Pointer `/ //` contains adjacent \"/\".");
        assertRefused("[{'op': 'add', 'path': '/a/ /b', 'value': 'v'}]", ErrorKind.BAD_REQUEST,
                "Pointer `/a/ /b` contains adjacent \"/\".");
    }

    @Test
    void leadingDoubleSlashCollapsesAsUpstreams() {
        assertThat(parse(V21, "[{'op': 'replace', 'path': '//name', 'value': 'x'}]").operations().getFirst().path())
                .containsExactly("name");
    }

    @Test
    void pointerOfOnlyWhitespaceSegmentsIsRefused() {
        assertRefused("[{'op': 'add', 'path': '/ / ', 'value': 'v'}]", ErrorKind.BAD_REQUEST,
                "Pointer `/ / ` does not contains valid token.");
    }

    @Test
    void tildeMustBeAnEscape() {
        assertRefused("[{'op': 'replace', 'path': '/a~2b', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Pointer `/a~2b` contains \"~\" not part of a recognized escape sequence.");
        assertRefused("[{'op': 'replace', 'path': '/a~', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Pointer `/a~` contains \"~\" not part of a recognized escape sequence.");
    }

    @Test
    void escapesAreDecoded() {
        assertThat(parse(V21, "[{'op': 'add', 'path': '/a~0b~1c', 'value': 'v'}]").operations().getFirst().target())
                .isEqualTo("a~b/c");
        assertThat(parse(V21, "[{'op': 'add', 'path': '/~01', 'value': 'v'}]").operations().getFirst().target())
                .isEqualTo("~1");
    }

    @Test
    void segmentsAreStrippedOfWhitespace() {
        assertThat(parse(V21, "[{'op': 'replace', 'path': '/ name ', 'value': 'x'}]").operations().getFirst().target())
                .isEqualTo("name");
    }

    @Test
    void unicodeWhitespaceIsStrippedToo() {
        assertThat(parse(V21, "[{'op': 'replace', 'path': '/\u00a0name\u3000', 'value': 'x'}]").operations()
                .getFirst().target()).isEqualTo("name");
    }

    @Test
    void rootPointerTargetsTheEmptyName() {
        assertThat(parse(V21, "[{'op': 'remove', 'path': '/'}]").operations().getFirst().target()).isEmpty();
    }

    @Test
    void nestedPathsAreRefused() {
        assertRefused("[{'op': 'replace', 'path': '/name/x', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Invalid JSON pointer for this resource: '/name/x'");
        assertRefused("[{'op': 'replace', 'path': '/tags/0', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Invalid JSON pointer for this resource: '/tags/0'");
        assertRefused("[{'op': 'add', 'path': '/tags/-', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Invalid JSON pointer for this resource: '/tags/-'");
    }

    @Test
    void locationsTakeAPositionForAddAndRemoveOnly() {
        assertRefused("[{'op': 'remove', 'path': '/locations'}]", ErrorKind.BAD_REQUEST,
                "Invalid JSON pointer for this resource: '/locations'");
        assertRefused("[{'op': 'add', 'path': '/locations', 'value': []}]", ErrorKind.BAD_REQUEST,
                "Invalid JSON pointer for this resource: '/locations'");
        assertRefused("[{'op': 'add', 'path': '/locations/0/url', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Invalid JSON pointer for this resource: '/locations/0/url'");
        assertThat(parse(V21, "[{'op': 'remove', 'path': '/locations/0'}]").operations().getFirst().path())
                .containsExactly("locations", "0");
    }

    @Test
    void invalidPathIsReportedBeforeMissingValue() {
        assertRefused("[{'op': 'replace', 'path': '/name/x'}]", ErrorKind.BAD_REQUEST,
                "Invalid JSON pointer for this resource: '/name/x'");
    }

    // --- read-only and reserved

    @Test
    void readOnlyAttributesAreRefusedForEveryOp() {
        for (String name : List.of("created_at", "updated_at", "status", "checksum", "size", "virtual_size",
                "direct_url", "self", "file", "schema", "id", "os_hash_algo", "os_hash_value")) {
            assertRefused("[{'op': 'replace', 'path': '/" + name + "', 'value': 'x'}]", ErrorKind.FORBIDDEN,
                    "Attribute '" + name + "' is read-only.");
            assertRefused("[{'op': 'remove', 'path': '/" + name + "'}]", ErrorKind.FORBIDDEN,
                    "Attribute '" + name + "' is read-only.");
        }
    }

    @Test
    void storesIsReadOnlyAsAtCreate() {
        // upstream lets PATCH store an extra property named 'stores' that shadows the computed one
        assertRefused("[{'op': 'add', 'path': '/stores', 'value': 'x'}]", ErrorKind.FORBIDDEN,
                "Attribute 'stores' is read-only.");
    }

    @Test
    void reservedNamesAreRefusedForEveryOp() {
        for (String name : List.of("location", "deleted", "deleted_at", "os_glance_import_task", "os_glanceX")) {
            assertRefused("[{'op': 'add', 'path': '/" + name + "', 'value': 'x'}]", ErrorKind.FORBIDDEN,
                    "Attribute '" + name + "' is reserved.");
            assertRefused("[{'op': 'remove', 'path': '/" + name + "'}]", ErrorKind.FORBIDDEN,
                    "Attribute '" + name + "' is reserved.");
        }
    }

    @Test
    void reservedNameWinsOverABadValue() {
        assertRefused("[{'op': 'add', 'path': '/deleted', 'value': 5}]", ErrorKind.FORBIDDEN,
                "Attribute 'deleted' is reserved.");
    }

    @Test
    void v20RefusesReadOnlyAttributesToo() {
        assertRefusedV20("[{'replace': '/status', 'value': 'active'}]", ErrorKind.FORBIDDEN,
                "Attribute 'status' is read-only.");
    }

    // --- values

    @Test
    void valuesAreCheckedAgainstTheImageSchema() {
        assertRefused("[{'op': 'replace', 'path': '/name', 'value': 5}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'null', 'string'");
        assertRefused("[{'op': 'replace', 'path': '/visibility', 'value': 'bogus'}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'bogus' is not one of ['community', 'public',"
                        + " 'private', 'shared']");
        assertRefused("[{'op': 'replace', 'path': '/visibility', 'value': 5}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'string'");
        assertRefused("[{'op': 'add', 'path': '/tags', 'value': ['a', 5]}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'string'");
        assertRefused("[{'op': 'add', 'path': '/tags', 'value': null}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': None is not of type 'array'");
        assertRefused("[{'op': 'replace', 'path': '/disk_format', 'value': 'bogus'}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'bogus' is not one of [None, 'ami', 'ari', 'aki',"
                        + " 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']");
        assertRefused("[{'op': 'replace', 'path': '/protected', 'value': 'true'}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'true' is not of type 'boolean'");
    }

    @Test
    void extraPropertyValuesMustBeStrings() {
        assertRefused("[{'op': 'add', 'path': '/x', 'value': null}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': None is not of type 'string'");
        assertRefused("[{'op': 'add', 'path': '/x', 'value': 5}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'string'");
    }

    @Test
    void locationValuesAreCheckedAgainstTheLocationSchema() {
        assertRefused("[{'op': 'replace', 'path': '/locations', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'x' is not of type 'array'");
        assertRefused("[{'op': 'add', 'path': '/locations/-', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'x' is not of type 'object'");
        assertRefused("[{'op': 'add', 'path': '/locations/-', 'value': {'url': 5}}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 'metadata' is a required property");
        assertRefused("[{'op': 'add', 'path': '/locations/-', 'value': {'url': 'http://x', 'metadata': {},"
                + " 'validation_data': {'x': 1}}}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': Additional properties are not allowed ('x' was"
                        + " unexpected)");
    }

    @Test
    void propertyNameLongerThan255IsRefusedWith400NotUpstreams500() {
        assertRefused("[{'op': 'add', 'path': '/" + repeat('k', 256) + "', 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Custom property should not be greater than 255 characters.");
        assertThat(parse(V21, "[{'op': 'add', 'path': '/" + repeat('k', 255) + "', 'value': 'x'}]").operations())
                .hasSize(1);
    }

    // --- which error wins

    @Test
    void everyOperationIsCheckedInOrderBeforeAnyIsApplied() {
        assertRefused("[{'op': 'replace', 'path': '/missing', 'value': 'x'}, {'op': 'replace', 'path': '/status',"
                + " 'value': 'x'}]", ErrorKind.FORBIDDEN, "Attribute 'status' is read-only.");
        assertRefused("[{'op': 'replace', 'path': '/missing', 'value': 'x'}, {'op': 'bogus'}]", ErrorKind.BAD_REQUEST,
                "Invalid operation: `bogus`. It must be one of the following: add, remove, replace.");
    }

    @Test
    void earlierOperationsErrorWinsOverLaterOnes() {
        assertRefused("[{'op': 'replace', 'path': '/name', 'value': 5}, {'op': 'replace', 'path': '/status',"
                + " 'value': 'x'}]", ErrorKind.BAD_REQUEST,
                "Provided object does not match schema 'image': 5 is not of type 'null', 'string'");
    }

    // --- custom properties (schema-image.json)

    @Test
    void operatorsCustomPropertiesAreValidated() {
        ImageSchema schema = ImageSchema.of(Json.CONFIG, ImageSchema.customProperties(rawJson("""
                {"kernel_id": {"type": ["null", "string"], "pattern": "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-\
                ([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$", "description": "kernel"},
                 "cinder_encryption_key_deletion_policy": {"type": "string",
                   "enum": ["on_image_deletion", "do_not_delete"]}}""")));

        assertThatThrownBy(() -> ImagePatch.parse(V21, json("[{'op': 'add', 'path': '/kernel_id', 'value': 'abc'}]"),
                schema)).hasMessage("Provided object does not match schema 'image': 'abc' does not match"
                        + " '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$'");
        assertThatThrownBy(() -> ImagePatch.parse(V21, json("[{'op': 'add', 'path':"
                + " '/cinder_encryption_key_deletion_policy', 'value': 'x'}]"), schema))
                .hasMessage("Provided object does not match schema 'image': 'x' is not one of ['on_image_deletion',"
                        + " 'do_not_delete']");
        assertThat(ImagePatch.parse(V21, json("[{'op': 'add', 'path': '/kernel_id', 'value': null}]"), schema)
                .operations()).hasSize(1);
    }
}
