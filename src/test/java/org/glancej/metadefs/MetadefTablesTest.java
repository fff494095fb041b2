package org.glancej.metadefs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetadefTablesTest extends DatabaseTestSupport {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private MetadefDatabase metadefs;

    @BeforeEach
    void open() {
        metadefs = new MetadefDatabase(database.dataSource(), database.dialect());
    }

    @Test
    void namespaceRoundTripsEveryColumn() {
        Namespace ns = metadefs.inTransaction(t -> t.namespaces().insert(
                new NamespaceDraft("OS::Test", "Test", "a description", "public", true, "p1"), NOW));
        assertThat(ns).isEqualTo(new Namespace(ns.id(), "OS::Test", "Test", "a description", "public", true, "p1",
                NOW, NOW));
        Optional<Namespace> found = metadefs.read(t -> t.namespaces().find("OS::Test"));
        assertThat(found).contains(ns);
    }

    @Test
    void namesAreLookedUpExactlyOnEveryDatabase() {
        metadefs.inTransaction(t -> t.namespaces().insert(new NamespaceDraft("Name", null, null, null, false, "p1"),
                NOW));
        Optional<Namespace> upper = metadefs.read(t -> t.namespaces().find("NAME"));
        Optional<Namespace> padded = metadefs.read(t -> t.namespaces().find("Name "));
        Namespace exact = metadefs.read(t -> t.namespaces().find("Name")).orElseThrow();
        assertThat(upper).isEmpty();
        assertThat(padded).isEmpty();
        assertThat(exact.visibility()).isEqualTo("private");
    }

    @Test
    void updateRenamesAndRewritesEveryColumn() {
        Instant later = NOW.plus(1, ChronoUnit.HOURS);
        Namespace ns = metadefs.inTransaction(t -> t.namespaces().insert(
                new NamespaceDraft("a", "A", "d", "public", true, "p1"), NOW));
        Namespace renamed = metadefs.inTransaction(t -> t.namespaces().update(ns.id(),
                new NamespaceDraft("b", null, null, "private", false, "p2"), later));
        assertThat(renamed).isEqualTo(new Namespace(ns.id(), "b", null, null, "private", false, "p2", NOW, later));
        Optional<Namespace> old = metadefs.read(t -> t.namespaces().find("a"));
        assertThat(old).isEmpty();
    }

    @Test
    void deletingANamespaceDeletesEverythingInIt() {
        Namespace ns = metadefs.inTransaction(t -> {
            Namespace created = t.namespaces().insert(new NamespaceDraft("ns", null, null, null, false, "p1"), NOW);
            t.objects().insert(created.id(), "o", null, List.of(), JsonNodeFactory.instance.objectNode(), NOW);
            t.properties().insert(created.id(), "p", definition("P"), NOW);
            t.tags().insert(created.id(), "t", NOW);
            ResourceType rt = t.resourceTypes().insert("OS::Glance::Image", false, NOW);
            t.resourceTypes().associate(created.id(), rt.id(), "hw_", null, NOW);
            return created;
        });
        metadefs.inTransaction(t -> {
            t.namespaces().delete(ns.id());
            return null;
        });
        int left = metadefs.read(t -> t.namespaces().all().size() + t.objects().list(ns.id()).size()
                + t.properties().list(ns.id()).size() + t.tags().list(ns.id()).size()
                + t.resourceTypes().associations(ns.id()).size());
        assertThat(left).isZero();
        // resource types outlive their associations, as upstream keeps them
        List<ResourceType> types = metadefs.read(t -> t.resourceTypes().all());
        assertThat(types).extracting(ResourceType::name).containsExactly("OS::Glance::Image");
    }

    @Test
    void objectsKeepTheirRequiredListAndPropertyDefinitions() {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.set("cpu", definition("CPU").put("minimum", 1));
        MetadefObject object = metadefs.inTransaction(t -> {
            Namespace ns = t.namespaces().insert(new NamespaceDraft("ns", null, null, null, false, "p1"), NOW);
            return t.objects().insert(ns.id(), "limits", "CPU limits", List.of("cpu", "ram"), properties, NOW);
        });
        assertThat(object.required()).containsExactly("cpu", "ram");
        assertThat(object.properties()).isEqualTo(properties);
        assertThat(object.description()).isEqualTo("CPU limits");
    }

    @Test
    void propertiesTagsAndAssociationsRoundTrip() {
        metadefs.inTransaction(t -> {
            Namespace ns = t.namespaces().insert(new NamespaceDraft("ns", null, null, null, false, "p1"), NOW);
            MetadefProperty p = t.properties().insert(ns.id(), "hw_x", definition("X"), NOW);
            assertThat(t.properties().update(ns.id(), p.id(), "hw_y", definition("Y"), NOW).schema())
                    .isEqualTo(definition("Y"));
            MetadefTag tag = t.tags().insert(ns.id(), "one", NOW);
            assertThat(t.tags().rename(ns.id(), tag.id(), "two", NOW).name()).isEqualTo("two");
            ResourceType rt = t.resourceTypes().insert("OS::Nova::Flavor", false, NOW);
            t.resourceTypes().associate(ns.id(), rt.id(), "hw:", "image", NOW);
            assertThat(t.resourceTypes().associations(ns.id())).containsExactly(
                    new ResourceTypeAssociation("OS::Nova::Flavor", "hw:", "image", NOW, NOW));
            assertThat(t.resourceTypes().namespacesAssociatedWith(List.of("OS::Nova::Flavor")))
                    .containsExactly(ns.id());
            assertThat(t.resourceTypes().namespacesAssociatedWith(List.of("os::nova::flavor"))).isEmpty();
            return null;
        });
    }

    private static ObjectNode definition(String title) {
        return JsonNodeFactory.instance.objectNode().put("type", "integer").put("title", title);
    }

    @Test
    void rowsInsertedWithoutUpdatedAtReadBackWithout() {
        Namespace ns = metadefs.inTransaction(t -> t.namespaces().insert(
                new NamespaceDraft("loaded", null, null, "public", true, "admin"), NOW, null));
        MetadefTag tag = metadefs.inTransaction(t -> t.tags().insert(ns.id(), "t", NOW, null));
        assertThat(ns.updatedAt()).isNull();
        assertThat(tag.updatedAt()).isNull();
    }

    @Test
    void objectPropertiesStoredAsJsonNullReadAsNone() {
        Namespace ns = metadefs.inTransaction(t -> t.namespaces().insert(
                new NamespaceDraft("ns", null, null, null, false, "admin"), NOW));
        database.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO metadef_objects (namespace_id, name, json_schema,"
                    + " created_at) VALUES (?, 'bare', 'null', CURRENT_TIMESTAMP)")) {
                ps.setInt(1, ns.id());
                return ps.executeUpdate();
            }
        });
        MetadefObject bare = metadefs.read(t -> t.objects().find(ns.id(), "bare")).orElseThrow();
        assertThat(bare.properties().isEmpty()).isTrue();
        assertThat(bare.required()).isEmpty();
    }
}
