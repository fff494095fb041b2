package org.glancej.metadefs.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's merge semantics, on a repository in memory (the database side is MetadefLoadDatabaseTest's). */
class DefinitionLoaderTest {
    private static final String ORIGINAL = """
            {"namespace": "Test::Merge", "display_name": "Old", "visibility": "public", "protected": true,
             "resource_type_associations": [{"name": "OS::Glance::Image", "prefix": "old_"}],
             "properties": {"kept": {"type": "string"}, "changed": {"type": "string"}},
             "objects": [{"name": "obj", "description": "old object"}],
             "tags": [{"name": "t-old"}]}
            """;
    private static final String UPDATED = """
            {"namespace": "Test::Merge", "display_name": "New", "visibility": "private", "protected": false,
             "resource_type_associations": [{"name": "OS::Glance::Image", "prefix": "new_"}, {"name": "OS::Nova::Flavor"}],
             "properties": {"changed": {"type": "integer"}, "added": {"type": "boolean"}},
             "objects": [{"name": "obj", "description": "new object"}],
             "tags": [{"name": "t-old"}, {"name": "t-new"}]}
            """;

    @TempDir
    Path dir;

    private final InMemoryDefinitions db = new InMemoryDefinitions();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private DefinitionLoader loader;

    @BeforeEach
    void setUp() {
        loader = new DefinitionLoader(db, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void loadsEveryJsonFileOfTheDirectoryOneTransactionEach() throws IOException {
        write("a.json", ORIGINAL);
        write("b.json", "{\"namespace\": \"Test::Other\", \"tags\": [{\"name\": \"x\"}]}");
        write("notes.txt", "not a definition");
        Files.createDirectory(dir.resolve("sub.json"));

        assertThat(loader.load(dir, LoadOptions.DEFAULT)).isZero();

        assertThat(db.namespaces).containsOnlyKeys("Test::Merge", "Test::Other");
        assertThat(db.transactions).isEqualTo(2);
        assertThat(db.resourceTypes).containsOnlyKeys("OS::Glance::Image");
        assertThat(db.properties).containsOnlyKeys("Test::Merge/kept", "Test::Merge/changed");
        assertThat(db.tags).containsOnlyKeys("Test::Merge/t-old", "Test::Other/x");
        assertThat(out()).isEqualTo("File " + dir.resolve("a.json") + " loaded to database.\n"
                + "File " + dir.resolve("b.json") + " loaded to database.\nMetadata loading finished\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void byDefaultANamespaceAlreadyThereIsSkippedWhole() throws IOException {
        load(ORIGINAL, LoadOptions.DEFAULT);

        Path file = write("updated.json", UPDATED);
        assertThat(loader.load(file, LoadOptions.DEFAULT)).isZero();

        assertThat(db.namespaces.get("Test::Merge").value().displayName()).isEqualTo("Old");
        assertThat(db.properties).containsOnlyKeys("Test::Merge/kept", "Test::Merge/changed");
        assertThat(out()).endsWith("Skipping namespace Test::Merge. It already exists in the database.\n"
                + "Metadata loading finished\n");
    }

    @Test
    void mergeAddsWhatIsNewAndKeepsWhatIsThere() throws IOException {
        load(ORIGINAL, LoadOptions.DEFAULT);

        load(UPDATED, new LoadOptions(true, false, false));

        assertThat(db.namespaces.get("Test::Merge")).extracting(r -> r.value().displayName(), r -> r.rewrites())
                .containsExactly("Old", 0);
        assertThat(db.properties).containsOnlyKeys("Test::Merge/kept", "Test::Merge/changed", "Test::Merge/added");
        assertThat(db.properties.get("Test::Merge/changed").value()).isEqualTo("{\"type\": \"string\"}");
        assertThat(db.associations.get("Test::Merge/OS::Glance::Image").value().prefix()).isEqualTo("old_");
        assertThat(db.associations).containsKey("Test::Merge/OS::Nova::Flavor");
        assertThat(db.resourceTypes).containsOnlyKeys("OS::Glance::Image", "OS::Nova::Flavor");
        assertThat(db.objects.get("Test::Merge/obj").value().description()).isEqualTo("old object");
        assertThat(db.tags).containsOnlyKeys("Test::Merge/t-old", "Test::Merge/t-new");
        assertThat(db.tags.get("Test::Merge/t-old").rewrites()).isZero();
    }

    @Test
    void mergePreferringNewRewritesWhatTheFileNamesAndKeepsTheRest() throws IOException {
        load(ORIGINAL, LoadOptions.DEFAULT);

        load(UPDATED, new LoadOptions(true, true, false));

        NamespaceDefinition ns = db.namespaces.get("Test::Merge").value();
        assertThat(ns.displayName()).isEqualTo("New");
        assertThat(ns.visibility()).isEqualTo("private");
        assertThat(ns.isProtected()).isFalse();
        assertThat(db.properties).containsOnlyKeys("Test::Merge/kept", "Test::Merge/changed", "Test::Merge/added");
        assertThat(db.properties.get("Test::Merge/changed").value()).isEqualTo("{\"type\": \"integer\"}");
        assertThat(db.associations.get("Test::Merge/OS::Glance::Image").value().prefix()).isEqualTo("new_");
        assertThat(db.objects.get("Test::Merge/obj").value().description()).isEqualTo("new object");
        // upstream touches a tag and a resource type it finds again (updated_at)
        assertThat(db.tags.get("Test::Merge/t-old").rewrites()).isEqualTo(1);
        assertThat(db.resourceTypes.get("OS::Glance::Image").rewrites()).isEqualTo(1);
    }

    @Test
    void mergeOverwritingReplacesTheNamespaceWithTheFile() throws IOException {
        load(ORIGINAL, LoadOptions.DEFAULT);

        load(UPDATED, new LoadOptions(true, false, true));

        assertThat(db.namespaces.get("Test::Merge").value().displayName()).isEqualTo("New");
        assertThat(db.properties).containsOnlyKeys("Test::Merge/changed", "Test::Merge/added");
        assertThat(db.properties.get("Test::Merge/changed").value()).isEqualTo("{\"type\": \"integer\"}");
        assertThat(db.tags.get("Test::Merge/t-old").rewrites()).isZero();
        assertThat(out()).contains("Overwriting namespace Test::Merge\n");
    }

    @Test
    void optionCombinationsUpstreamRefusesAreRefusedBeforeAnyFileIsRead() throws IOException {
        Path file = write("a.json", ORIGINAL);

        assertThat(loader.load(file, new LoadOptions(false, true, false))).isEqualTo(1);
        assertThat(loader.load(file, new LoadOptions(false, false, true))).isEqualTo(1);
        assertThat(loader.load(file, new LoadOptions(true, true, true))).isEqualTo(1);

        assertThat(db.namespaces).isEmpty();
        assertThat(err()).isEqualTo("""
                ERROR: To use --prefer_new or --overwrite you need to combine of these options with --merge option.
                ERROR: To use --prefer_new or --overwrite you need to combine of these options with --merge option.
                ERROR: Please provide no more than one option from this list: --prefer_new, --overwrite
                """);
    }

    @Test
    void aBrokenFileIsNamedAndTheOthersStillLoad() throws IOException {
        write("a.json", "{\"namespace\": \"Test::A\"}");
        Path broken = write("b.json", "{\"namespace\": ");
        write("c.json", "{\"namespace\": \"Test::C\", \"objects\": [{}]}");
        write("d.json", "{\"namespace\": \"Test::D\"}");

        assertThat(loader.load(dir, LoadOptions.DEFAULT)).isEqualTo(1);

        assertThat(db.namespaces).containsOnlyKeys("Test::A", "Test::D");
        assertThat(err()).startsWith("ERROR: " + broken + ": not valid JSON at line 1")
                .contains("ERROR: " + dir.resolve("c.json") + ": \"objects[0].name\" is required");
        assertThat(out()).endsWith("Metadata loading finished\n");
    }

    @Test
    void aDirectoryWithoutDefinitionsOrAMissingPathIsAnError() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        assertThat(loader.load(empty, LoadOptions.DEFAULT)).isEqualTo(1);
        assertThat(loader.load(dir.resolve("missing"), LoadOptions.DEFAULT)).isEqualTo(1);

        assertThat(err()).startsWith("ERROR: Json schema files not found in " + empty + ". Aborting.\n")
                .contains("ERROR: cannot read definition files in " + dir.resolve("missing"));
    }

    @Test
    void laterDuplicatesInOneFileWinOnlyWhenPreferringNew() throws IOException {
        String twice = "{\"namespace\": \"Test::Twice\", \"objects\": [{\"name\": \"o\", \"description\": \"first\"},"
                + " {\"name\": \"o\", \"description\": \"second\"}]}";

        load(twice, LoadOptions.DEFAULT);
        assertThat(db.objects.get("Test::Twice/o").value().description()).isEqualTo("first");

        load(twice, new LoadOptions(true, true, false));
        assertThat(db.objects.get("Test::Twice/o").value().description()).isEqualTo("second");
    }

    private void load(String json, LoadOptions options) throws IOException {
        assertThat(loader.load(write("def.json", json), options)).isZero();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
