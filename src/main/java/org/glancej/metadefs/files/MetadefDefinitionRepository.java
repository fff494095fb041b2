package org.glancej.metadefs.files;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.glancej.http.PythonStyleJson;
import org.glancej.metadefs.MetadefDatabase;
import org.glancej.metadefs.MetadefObject;
import org.glancej.metadefs.MetadefProperty;
import org.glancej.metadefs.MetadefTables;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.ResourceType;

/** Definitions in the metadef tables, through the metadefs data layer. */
public final class MetadefDefinitionRepository implements DefinitionRepository {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MetadefDatabase metadefs;
    private final Clock clock;

    public MetadefDefinitionRepository(MetadefDatabase metadefs, Clock clock) {
        this.metadefs = requireNonNull(metadefs, "metadefs is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public <T> T inTransaction(Function<DefinitionTarget, T> work) {
        return metadefs.inTransaction(tables -> {
            try {
                return work.apply(new MetadefDefinitionTarget(tables, clock));
            } catch (MetadefDefinitionTarget.SqlFailure e) {
                throw e.getCause(); // the data layer reports it as every database failure is reported
            }
        });
    }

    @Override
    public List<NamespaceDefinition> readAll() {
        return metadefs.read(tables -> {
            List<NamespaceDefinition> all = new ArrayList<>();
            for (Namespace ns : tables.namespaces().all()) {
                all.add(definition(tables, ns));
            }
            return all;
        });
    }

    @Override
    public void deleteAll() {
        metadefs.inTransaction(tables -> {
            for (Namespace ns : tables.namespaces().all()) {
                tables.namespaces().delete(ns.id());
            }
            for (ResourceType type : tables.resourceTypes().all()) {
                tables.resourceTypes().delete(type.id());
            }
            return null;
        });
    }

    private static NamespaceDefinition definition(MetadefTables tables, Namespace ns) throws SQLException {
        List<NamespaceDefinition.ResourceTypeAssociation> associations = tables.resourceTypes().associations(ns.id())
                .stream().map(a -> new NamespaceDefinition.ResourceTypeAssociation(a.name(), a.prefix(), a.propertiesTarget()))
                .toList();
        Map<String, String> properties = new LinkedHashMap<>();
        for (MetadefProperty property : tables.properties().list(ns.id())) {
            properties.put(property.name(), jsonText(property.schema()));
        }
        List<NamespaceDefinition.ObjectDefinition> objects = new ArrayList<>();
        for (MetadefObject object : tables.objects().list(ns.id())) {
            objects.add(new NamespaceDefinition.ObjectDefinition(object.name(), object.description(),
                    jsonText(object.properties())));
        }
        List<String> tags = tables.tags().list(ns.id()).stream().map(t -> t.name()).toList();
        return new NamespaceDefinition(ns.name(), ns.displayName(), ns.description(), ns.visibility(),
                ns.isProtected(), ns.owner() == null ? NamespaceDefinition.DEFAULT_OWNER : ns.owner(),
                associations, properties, objects, tags);
    }

    static String jsonText(JsonNode node) {
        return new String(PythonStyleJson.asciiBytes(node), StandardCharsets.UTF_8);
    }

    /** A definition's JSON text as the object the data layer stores; JSON null (no properties) is empty. */
    static ObjectNode jsonObject(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node instanceof ObjectNode object ? object : MAPPER.createObjectNode();
        } catch (IOException e) {
            // the reader wrote this text from a parsed document
            throw new UncheckedIOException(e);
        }
    }
}
