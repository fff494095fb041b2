package org.glancej.http.schemas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomImagePropertiesTest {
    @Test
    void shippedDefaultIsUpstreamsSchemaImageJson() {
        assertThat(names(CustomImageProperties.shippedDefault())).containsExactly(
                "kernel_id", "ramdisk_id", "instance_uuid", "architecture", "os_distro", "os_version",
                "description", "cinder_encryption_key_id", "cinder_encryption_key_deletion_policy");
    }

    @Test
    void loadsAnOperatorFileKeepingItsOrder(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("schema-image.json"),
                "{\"z_prop\": {\"type\": \"string\"}, \"a_prop\": {\"type\": \"string\", \"enum\": [\"x\"]}}");
        assertThat(names(CustomImageProperties.load(file))).containsExactly("z_prop", "a_prop");
    }

    @Test
    void findPrefersTheFileBesideTheLastConfigFile(@TempDir Path dir) throws IOException {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        Files.writeString(first.resolve("schema-image.json"), "{\"from_first\": {\"type\": \"string\"}}");
        Files.writeString(second.resolve("schema-image.json"), "{\"from_second\": {\"type\": \"string\"}}");
        List<Path> configFiles = List.of(first.resolve("glance-api.conf"), second.resolve("glance-api.conf"));
        assertThat(names(CustomImageProperties.find(configFiles))).containsExactly("from_second");
        assertThat(names(CustomImageProperties.find(configFiles.subList(0, 1)))).containsExactly("from_first");
    }

    @Test
    void findFallsBackToTheShippedFile(@TempDir Path dir) {
        assertThat(CustomImageProperties.find(List.of(dir.resolve("glance-api.conf"))))
                .isEqualTo(CustomImageProperties.shippedDefault());
        assertThat(CustomImageProperties.find(List.of())).isEqualTo(CustomImageProperties.shippedDefault());
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        assertThatThrownBy(() -> CustomImageProperties.load(dir.resolve("absent.json")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.json");
    }

    @Test
    void somethingOtherThanAnObjectOfDefinitionsIsRefused() {
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> parse("{\"p\": \"string\"}")).hasMessageContaining("'p'");
        assertThatThrownBy(() -> parse("{\"p\": ")).hasMessageContaining("not valid JSON");
    }

    @Test
    void definitionsCannotBeChangedFromOutside() {
        CustomImageProperties properties = parse("{\"p\": {\"type\": \"string\"}}");
        properties.definitions().remove("p");
        assertThat(properties.definitions().has("p")).isTrue();
    }

    private static List<String> names(CustomImageProperties properties) {
        return properties.definitions().properties().stream().map(Map.Entry::getKey).toList();
    }

    private static CustomImageProperties parse(String json) {
        return CustomImageProperties.parse(json.getBytes(StandardCharsets.UTF_8), "test");
    }
}
