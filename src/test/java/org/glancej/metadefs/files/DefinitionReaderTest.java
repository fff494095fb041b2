package org.glancej.metadefs.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.glancej.metadefs.files.NamespaceDefinition.ObjectDefinition;
import org.glancej.metadefs.files.NamespaceDefinition.ResourceTypeAssociation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefinitionReaderTest {
    @TempDir
    Path dir;

    private final DefinitionReader reader = new DefinitionReader();

    @Test
    void readsEveryMemberInFileOrder() throws IOException {
        Path file = write("full.json", """
                {
                    "namespace": "Test::Full",
                    "display_name": "Full test",
                    "description": "Caf\\u00e9 definitions",
                    "visibility": "public",
                    "protected": true,
                    "owner": "project-1",
                    "resource_type_associations": [
                        {"name": "OS::Glance::Image", "prefix": "full_"},
                        {"name": "OS::Cinder::Volume", "prefix": "full_", "properties_target": "image"}
                    ],
                    "properties": {
                        "zeta": {"type": "string", "title": "Zeta", "enum": ["a", "b"]},
                        "alpha": {"type": "integer", "minimum": 1, "description": "\\u00e9t\\u00e9"}
                    },
                    "objects": [
                        {"name": "obj", "description": "An object", "properties": {"x": {"type": "boolean"}}},
                        {"name": "bare"}
                    ],
                    "tags": [{"name": "t1"}, {"name": "t2"}],
                    "unknown_member": "ignored as upstream ignores it"
                }
                """);

        NamespaceDefinition ns = reader.read(file);

        assertThat(ns.namespace()).isEqualTo("Test::Full");
        assertThat(ns.displayName()).isEqualTo("Full test");
        assertThat(ns.description()).isEqualTo("Café definitions");
        assertThat(ns.visibility()).isEqualTo("public");
        assertThat(ns.isProtected()).isTrue();
        assertThat(ns.owner()).isEqualTo("project-1");
        assertThat(ns.resourceTypeAssociations()).containsExactly(
                new ResourceTypeAssociation("OS::Glance::Image", "full_", null),
                new ResourceTypeAssociation("OS::Cinder::Volume", "full_", "image"));
        // the text upstream stores: Python's json.dumps, key order kept, non-ASCII escaped
        assertThat(ns.properties()).containsExactly(
                java.util.Map.entry("zeta", "{\"type\": \"string\", \"title\": \"Zeta\", \"enum\": [\"a\", \"b\"]}"),
                java.util.Map.entry("alpha", "{\"type\": \"integer\", \"minimum\": 1, \"description\": \"\\u00e9t\\u00e9\"}"));
        assertThat(ns.objects()).containsExactly(
                new ObjectDefinition("obj", "An object", "{\"x\": {\"type\": \"boolean\"}}"),
                new ObjectDefinition("bare", null, "null"));
        assertThat(ns.tags()).containsExactly("t1", "t2");
    }

    @Test
    void absentMembersAreNullAndTheOwnerIsAdminAsUpstreamLoads() throws IOException {
        NamespaceDefinition ns = reader.read(write("min.json", "{\"namespace\": \"Test::Min\"}"));

        assertThat(ns).isEqualTo(new NamespaceDefinition("Test::Min", null, null, null, null, "admin",
                List.of(), java.util.Map.of(), List.of(), List.of()));
    }

    @Test
    void badJsonNamesTheFileAndWhere() throws IOException {
        Path file = write("broken.json", "{\n  \"namespace\": \"Test::Broken\",\n  \"display_name\" \"x\"\n}");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(DefinitionFileException.class)
                .hasMessageStartingWith(file + ": not valid JSON at line 3, column 18: ");
    }

    @Test
    void textAfterTheDocumentIsBadJsonAsPythonSays() throws IOException {
        Path file = write("trailing.json", "{\"namespace\": \"Test::T\"} {}");

        assertThatThrownBy(() -> reader.read(file)).hasMessageStartingWith(file + ": not valid JSON at line 1");
    }

    @Test
    void bytesThatAreNotUtf8AreNamed() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{\"namespace\": \"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> reader.read(file)).hasMessage(file + ": not valid JSON: the file is not UTF-8 text");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [1, 2]                                                       | not a namespace definition: the document is not a JSON object
            {}                                                           | "namespace" is required and must be a non-empty string
            {"namespace": ""}                                            | "namespace" is required and must be a non-empty string
            {"namespace": 7}                                             | "namespace" must be a string
            {"namespace": "N", "protected": "yes"}                       | "protected" must be true or false
            {"namespace": "N", "visibility": ["public"]}                 | "visibility" must be a string
            {"namespace": "N", "properties": []}                         | "properties" must be an object of property definitions
            {"namespace": "N", "objects": {"name": "o"}}                 | "objects" must be a list
            {"namespace": "N", "objects": [{"name": "o"}, "p"]}          | "objects[1]" must be an object
            {"namespace": "N", "objects": [{"description": "d"}]}        | "objects[0].name" is required and must be a non-empty string
            {"namespace": "N", "tags": [{"name": "ok"}, {"name": null}]} | "tags[1].name" is required and must be a non-empty string
            {"namespace": "N", "resource_type_associations": [{"prefix": "p_"}]} | "resource_type_associations[0].name" is required and must be a non-empty string
            {"namespace": "N", "resource_type_associations": [{"name": "R", "prefix": 1}]} | "resource_type_associations[0].prefix" must be a string
            {"namespace": "N\\u0000"}                                    | "namespace" contains NUL (U+0000)
            {"namespace": "N", "description": "\\ud800"}                 | "description" contains an unpaired surrogate U+D800
            {"namespace": "N", "display_name": "\\ud83d\\ude00"}         | "display_name" contains U+1F600, outside the Basic Multilingual Plane
            {"namespace": "N", "properties": {"": {"type": "string"}}}   | "properties" has an empty property name
            {"namespace": "N", "properties": {"p": "string"}}            | "properties.p" must be an object (a property definition)
            {"namespace": "N", "objects": [{"name": "o", "properties": []}]} | "objects[0].properties" must be an object of property definitions
            """)
    void definitionsUpstreamWouldCrashOnOrNoDatabaseStoresAreRefusedNamingTheMember(String json, String problem)
            throws IOException {
        Path file = write("bad.json", json);

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(DefinitionFileException.class)
                .hasMessage(file + ": " + problem);
    }

    @Test
    void namesLongerThanTheirColumnsAreRefused() throws IOException {
        String longName = "n".repeat(81);
        Path namespace = write("ns.json", "{\"namespace\": \"" + longName + "\"}");
        Path property = write("prop.json", "{\"namespace\": \"N\", \"properties\": {\"" + longName + "\": {}}}");
        Path fits = write("fits.json", "{\"namespace\": \"" + "\u00e9".repeat(80) + "\"}");

        assertThatThrownBy(() -> reader.read(namespace)).hasMessage(namespace + ": \"namespace\" is longer than 80 characters");
        assertThatThrownBy(() -> reader.read(property))
                .hasMessage(property + ": \"properties." + longName + "\" is longer than 80 characters");
        assertThat(reader.read(fits).namespace()).hasSize(80);
    }

    @Test
    void readsEveryDefinitionDebianShips() throws IOException {
        Path shipped = Path.of("/etc/glance/metadefs");
        Assumptions.assumeTrue(Files.isDirectory(shipped), "Debian's glance-common is not installed");
        try (Stream<Path> files = Files.list(shipped)) {
            List<NamespaceDefinition> all = files.filter(f -> f.toString().endsWith(".json")).map(reader::read).toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(30);
            assertThat(all).extracting(NamespaceDefinition::namespace).contains("OS::Compute::CPUPinning");
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
