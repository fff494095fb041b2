package org.glancej.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.glancej.cli.GlanceManageTest.GlanceManageMainRunner;
import org.glancej.cli.GlanceManageTest.Result;
import org.glancej.db.Database;
import org.glancej.db.Dialect;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.glancej.metadefs.MetadefDatabase;
import org.glancej.metadefs.MetadefObject;
import org.glancej.metadefs.MetadefTag;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.ResourceType;
import org.glancej.metadefs.ResourceTypeAssociation;
import org.glancej.metadefs.files.DefinitionReader;
import org.glancej.metadefs.files.NamespaceDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** glance-manage db load_metadefs / export_metadefs / unload_metadefs on each database, definitions written here. */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
class MetadefLoadTest {
    private static final String COMPUTE = """
            {
                "namespace": "Test::Compute",
                "display_name": "Compute test",
                "description": "Caf\\u00e9 properties",
                "visibility": "public",
                "protected": true,
                "resource_type_associations": [
                    {"name": "OS::Glance::Image", "prefix": "hw_"},
                    {"name": "OS::Cinder::Volume", "prefix": "hw_", "properties_target": "image"}
                ],
                "properties": {
                    "cpu_policy": {"title": "CPU policy", "type": "string", "enum": ["shared", "dedicated"]},
                    "cores": {"title": "Cores", "type": "integer", "minimum": 1}
                },
                "objects": [
                    {"name": "sizes", "description": "Sizes", "properties": {"ram": {"title": "RAM", "type": "integer"}}}
                ],
                "tags": [{"name": "fast"}, {"name": "slow"}]
            }
            """;
    private static final String BARE = "{\"namespace\": \"Test::Bare\", \"display_name\": \"Bare\"}";

    @Parameter
    TestBackend backend;

    @TempDir
    Path tempDir;

    private FreshDatabase fresh;
    private Path configFile;
    private Path defs;

    @BeforeEach
    void setUp() throws Exception {
        fresh = backend.create(tempDir);
        defs = Files.createDirectory(tempDir.resolve("defs"));
        configFile = tempDir.resolve("glance-api.conf");
        Files.writeString(configFile, "[DEFAULT]\nmetadata_source_path = " + defs + "/\n[database]\nconnection = "
                + fresh.connection() + "\n");
        assertThat(manage("db_sync").status()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fresh != null) {
            fresh.close();
        }
    }

    @Test
    void loadsTheDefinitionsAsUpstreamsLoaderWritesThem() throws Exception {
        Files.writeString(defs.resolve("compute.json"), COMPUTE);
        Files.writeString(defs.resolve("bare.json"), BARE);

        Result result = manage("db", "load_metadefs");

        assertThat(result).isEqualTo(new Result(0, "File " + defs.resolve("bare.json") + " loaded to database.\n"
                + "File " + defs.resolve("compute.json") + " loaded to database.\nMetadata loading finished\n", ""));
        try (Database database = fresh.open()) {
            MetadefDatabase metadefs = new MetadefDatabase(database.dataSource(), database.dialect());
            Namespace compute = metadefs.read(t -> t.namespaces().find("Test::Compute")).orElseThrow();
            assertThat(compute).extracting(Namespace::displayName, Namespace::description, Namespace::visibility,
                    Namespace::isProtected, Namespace::owner).containsExactly("Compute test", "Café properties",
                    "public", true, "admin");
            List<ResourceTypeAssociation> associations = metadefs.read(t -> t.resourceTypes().associations(compute.id()));
            assertThat(associations).extracting(
                    ResourceTypeAssociation::name, ResourceTypeAssociation::prefix, ResourceTypeAssociation::propertiesTarget)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("OS::Glance::Image", "hw_", null),
                            org.assertj.core.groups.Tuple.tuple("OS::Cinder::Volume", "hw_", "image"));
            assertThat(metadefs.read(t -> t.properties().find(compute.id(), "cpu_policy")).orElseThrow().schema())
                    .hasToString("{\"title\":\"CPU policy\",\"type\":\"string\",\"enum\":[\"shared\",\"dedicated\"]}");
            MetadefObject sizes = metadefs.read(t -> t.objects().find(compute.id(), "sizes")).orElseThrow();
            assertThat(sizes.description()).isEqualTo("Sizes");
            assertThat(sizes.properties()).hasToString("{\"ram\":{\"title\":\"RAM\",\"type\":\"integer\"}}");
            List<MetadefTag> tags = metadefs.read(t -> t.tags().list(compute.id()));
            assertThat(tags).extracting(MetadefTag::name).containsExactly("fast", "slow");
            List<ResourceType> types = metadefs.read(t -> t.resourceTypes().all());
            assertThat(types).extracting(ResourceType::name).containsExactly("OS::Glance::Image", "OS::Cinder::Volume");
            assertThat(types).allMatch(ResourceType::isProtected);
            Namespace bare = metadefs.read(t -> t.namespaces().find("Test::Bare")).orElseThrow();
            assertThat(bare.isProtected()).isFalse();
        }
        // as upstream's loader: created_at set, updated_at empty, objects without required
        assertThat(rows("SELECT COUNT(*) FROM metadef_namespaces WHERE created_at IS NOT NULL AND updated_at IS NULL"))
                .containsExactly("2");
        assertThat(rows("SELECT COUNT(*) FROM metadef_properties WHERE updated_at IS NULL")).containsExactly("2");
        assertThat(rows("SELECT COUNT(*) FROM metadef_objects WHERE updated_at IS NULL AND required IS NULL"))
                .containsExactly("1");
    }

    @Test
    void aSecondLoadSkipsMergeAddsPreferNewRewritesOverwriteReplaces() throws Exception {
        Files.writeString(defs.resolve("compute.json"), COMPUTE);
        assertThat(manage("db", "load_metadefs").status()).isZero();
        Path update = tempDir.resolve("update.json");
        Files.writeString(update, """
                {"namespace": "Test::Compute", "display_name": "Renamed", "visibility": "private",
                 "properties": {"cores": {"title": "vCPUs", "type": "integer"}, "extra": {"title": "X", "type": "string"}},
                 "tags": [{"name": "new"}]}
                """);

        assertThat(manage("db", "load_metadefs", "--path", update.toString()).out())
                .startsWith("Skipping namespace Test::Compute. It already exists in the database.\n");
        assertThat(state()).containsExactly("Compute test public", "cores Cores", "cpu_policy CPU policy", "tags fast,slow");

        assertThat(manage("db", "load_metadefs", "--path", update.toString(), "--merge").status()).isZero();
        assertThat(state()).containsExactly("Compute test public", "cores Cores", "cpu_policy CPU policy",
                "extra X", "tags fast,slow,new");

        assertThat(manage("db", "load_metadefs", "--path", update.toString(), "--merge", "--prefer_new").status()).isZero();
        assertThat(state()).containsExactly("Renamed private", "cores vCPUs", "cpu_policy CPU policy", "extra X",
                "tags fast,slow,new");

        // upstream's legacy spelling: positional PATH MERGE PREFER_NEW OVERWRITE, any value meaning yes
        Result overwrite = manage("db_load_metadefs", update.toString(), "yes", "", "yes");
        assertThat(overwrite.out()).startsWith("Overwriting namespace Test::Compute\n");
        assertThat(state()).containsExactly("Renamed private", "cores vCPUs", "extra X", "tags new");
        assertThat(rows("SELECT COUNT(*) FROM metadef_namespace_resource_types")).containsExactly("0");
    }

    @Test
    void optionsUpstreamRefusesAreRefusedAndNothingIsLoaded() throws Exception {
        Files.writeString(defs.resolve("compute.json"), COMPUTE);

        Result result = manage("db", "load_metadefs", "--prefer_new");

        assertThat(result).isEqualTo(new Result(1, "", "ERROR: To use --prefer_new or --overwrite you need to combine"
                + " of these options with --merge option.\n"));
        assertThat(rows("SELECT COUNT(*) FROM metadef_namespaces")).containsExactly("0");
    }

    @Test
    void aBrokenFileIsNamedTheOthersLoadAndTheStatusIsOne() throws Exception {
        Files.writeString(defs.resolve("a.json"), BARE);
        Files.writeString(defs.resolve("b.json"), "{\"namespace\": \"Test::Broken\", \"tags\": [{\"name\": ");
        Files.writeString(defs.resolve("c.json"), COMPUTE);

        Result result = manage("db", "load_metadefs");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("ERROR: " + defs.resolve("b.json") + ": not valid JSON at line 1");
        assertThat(rows("SELECT namespace FROM metadef_namespaces ORDER BY namespace"))
                .containsExactly("Test::Bare", "Test::Compute");
    }

    @Test
    void namesDifferingOnlyInCaseAreTwoNamespacesExceptOnMariaDbWhereTheFileIsRefused() throws Exception {
        Files.writeString(defs.resolve("a.json"), BARE);
        Files.writeString(defs.resolve("b.json"), "{\"namespace\": \"TEST::BARE\", \"tags\": [{\"name\": \"t\"}]}");

        Result result = manage("db", "load_metadefs");

        if (fresh.dialect() == Dialect.MYSQL) {
            assertThat(result.status()).isEqualTo(1);
            assertThat(result.err()).startsWith("ERROR: " + defs.resolve("b.json") + ": not loaded: ");
            assertThat(rows("SELECT namespace FROM metadef_namespaces")).containsExactly("Test::Bare");
            assertThat(rows("SELECT COUNT(*) FROM metadef_tags")).containsExactly("0");
        } else {
            assertThat(result.status()).isZero();
            assertThat(rows("SELECT namespace FROM metadef_namespaces ORDER BY namespace"))
                    .containsExactly("TEST::BARE", "Test::Bare");
        }
    }

    @Test
    void exportWritesFilesThatLoadBackAndUnloadEmptiesTheTables() throws Exception {
        Files.writeString(defs.resolve("compute.json"), COMPUTE);
        Files.writeString(defs.resolve("bare.json"), BARE);
        assertThat(manage("db", "load_metadefs").status()).isZero();
        Path out = Files.createDirectory(tempDir.resolve("out"));

        Result export = manage("db", "export_metadefs", "--path", out.toString());

        assertThat(export.status()).isZero();
        assertThat(export.out()).contains("Namespace Test::Compute saved in " + out.resolve("Computetest.json") + "\n");
        DefinitionReader reader = new DefinitionReader();
        NamespaceDefinition original = reader.read(defs.resolve("compute.json"));
        NamespaceDefinition exported = reader.read(out.resolve("Computetest.json"));
        assertThat(exported).usingRecursiveComparison().ignoringFields("properties").isEqualTo(original);
        assertThat(exported.properties()).containsOnlyKeys("cpu_policy", "cores");
        assertThat(reader.read(out.resolve("Bare.json")).namespace()).isEqualTo("Test::Bare");
        // upstream's legacy spelling, path positional; without a path, metadata_source_path
        Path legacy = Files.createDirectory(tempDir.resolve("legacy"));
        assertThat(manage("db_export_metadefs", legacy.toString()).status()).isZero();
        assertThat(reader.read(legacy.resolve("Computetest.json"))).isEqualTo(exported);
        assertThat(manage("db", "export_metadefs").status()).isZero();
        assertThat(reader.read(defs.resolve("Computetest.json"))).isEqualTo(exported);

        assertThat(manage("db_unload_metadefs")).isEqualTo(new Result(0, "Metadata definitions removed from the database.\n", ""));
        for (String table : List.of("metadef_namespaces", "metadef_resource_types", "metadef_properties",
                "metadef_objects", "metadef_tags", "metadef_namespace_resource_types")) {
            assertThat(rows("SELECT COUNT(*) FROM " + table)).as(table).containsExactly("0");
        }

        assertThat(manage("db", "load_metadefs", out.toString()).status()).isZero();
        assertThat(rows("SELECT namespace FROM metadef_namespaces ORDER BY namespace"))
                .containsExactly("Test::Bare", "Test::Compute");
    }

    /** The namespace's display name and visibility, its properties' titles, its tags. */
    private List<String> state() throws Exception {
        List<String> lines = new ArrayList<>(rows("SELECT display_name, visibility FROM metadef_namespaces"));
        try (Database database = fresh.open()) {
            MetadefDatabase metadefs = new MetadefDatabase(database.dataSource(), database.dialect());
            Namespace ns = metadefs.read(t -> t.namespaces().find("Test::Compute")).orElseThrow();
            metadefs.read(t -> t.properties().list(ns.id())).stream().sorted((a, b) -> a.name().compareTo(b.name()))
                    .forEach(p -> lines.add(p.name() + " " + p.schema().path("title").asText()));
            lines.add("tags " + String.join(",", metadefs.read(t -> t.tags().list(ns.id())).stream().map(t -> t.name()).toList()));
        }
        return lines;
    }

    private List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = fresh.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    private Result manage(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config-file";
        all[1] = configFile.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return GlanceManageMainRunner.run(tempDir, all);
    }
}
