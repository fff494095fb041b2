package org.glancej.http.schemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glancej.images.ImagesConfig;
import org.glancej.images.request.ImageBaseProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our documents against the ones upstream's own code produces (see resources schemas/upstream/README.md). */
class SchemaDocumentsTest {
    static final List<String> NAMES = SchemaDocuments.NAMES;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SchemaDocuments packagedDefaults = new SchemaDocuments(
            ImageBaseProperties.build(ImagesConfig.DEFAULT_DISK_FORMATS, ImagesConfig.DEFAULT_CONTAINER_FORMATS),
            CustomImageProperties.shippedDefault());

    @ParameterizedTest
    @FieldSource("NAMES")
    void packagedDefaultsMatchUpstreamByteForByte(String name) {
        assertSameBytes(packagedDefaults.json(name).orElseThrow(), "default/" + name + ".json");
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void withoutCustomPropertiesMatchesUpstream(String name) {
        SchemaDocuments documents = new SchemaDocuments(ImageBaseProperties.build(ImagesConfig.DEFAULT_DISK_FORMATS,
                ImagesConfig.DEFAULT_CONTAINER_FORMATS), CustomImageProperties.none());
        assertSameBytes(documents.json(name).orElseThrow(), "no-custom/" + name + ".json");
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void operatorFormatsAndPropertiesMatchUpstream(String name) {
        SchemaDocuments documents = new SchemaDocuments(ImageBaseProperties.build(List.of("qcow2", "raw", "iso"), List.of("bare", "ovf")),
                CustomImageProperties.load(reference("operator-conf/schema-image.json")));
        assertSameBytes(documents.json(name).orElseThrow(), "operator/" + name + ".json");
    }

    @Test
    void nodesAreTheSerialisedDocuments() throws IOException {
        assertThat(packagedDefaults.image()).isEqualTo(MAPPER.readTree(packagedDefaults.json("image").orElseThrow()));
        assertThat(packagedDefaults.images()).isEqualTo(MAPPER.readTree(packagedDefaults.json("images").orElseThrow()));
        assertThat(packagedDefaults.member()).isEqualTo(MAPPER.readTree(packagedDefaults.json("member").orElseThrow()));
        assertThat(packagedDefaults.members()).isEqualTo(MAPPER.readTree(packagedDefaults.json("members").orElseThrow()));
        assertThat(packagedDefaults.task()).isEqualTo(MAPPER.readTree(packagedDefaults.json("task").orElseThrow()));
        assertThat(packagedDefaults.tasks()).isEqualTo(MAPPER.readTree(packagedDefaults.json("tasks").orElseThrow()));
    }

    @Test
    void customPropertiesAreMarkedAsNotBase() {
        ObjectNode properties = (ObjectNode) packagedDefaults.image().get("properties");
        assertThat(properties.get("os_distro").get("is_base").asBoolean(true)).isFalse();
        assertThat(properties.get("name").has("is_base")).isFalse();
        assertThat(packagedDefaults.image().get("additionalProperties").get("type").asText()).isEqualTo("string");
    }

    @Test
    void customPropertyRedefiningABasePropertyIsRefused() {
        CustomImageProperties clash = CustomImageProperties.parse(
                "{\"name\": {\"type\": \"string\"}}".getBytes(StandardCharsets.UTF_8), "test");
        assertThatThrownBy(() -> new SchemaDocuments(ImageBaseProperties.build(List.of("raw"), List.of("bare")), clash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'name'");
    }

    @Test
    void callersCannotChangeTheServedDocuments() {
        packagedDefaults.image().put("name", "changed");
        packagedDefaults.json("image").orElseThrow()[0] = 'X';
        assertThat(packagedDefaults.image().get("name").asText()).isEqualTo("image");
        assertSameBytes(packagedDefaults.json("image").orElseThrow(), "default/image.json");
    }

    @Test
    void unknownNameHasNoDocument() {
        assertThat(packagedDefaults.json("metadefs")).isEmpty();
    }

    private static void assertSameBytes(byte[] actual, String referenceFile) {
        try {
            String expected = Files.readString(reference(referenceFile));
            assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path reference(String file) {
        try {
            return Path.of(SchemaDocumentsTest.class.getResource("/schemas/upstream/" + file).toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
