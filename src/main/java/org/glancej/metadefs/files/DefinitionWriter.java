package org.glancej.metadefs.files;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.metadefs.files.NamespaceDefinition.ObjectDefinition;
import org.glancej.metadefs.files.NamespaceDefinition.ResourceTypeAssociation;

/**
 * Writes a namespace as a definition file in upstream's format, members in upstream's export order, indented as
 * the shipped files are. Besides upstream's members it writes {@code owner}, which upstream's loader reads but its
 * export leaves out, so that loading an export gives back the same owners.
 */
public final class DefinitionWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n")));

    /** The file's document. */
    public ObjectNode document(NamespaceDefinition namespace) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("namespace", namespace.namespace());
        root.put("display_name", namespace.displayName());
        root.put("description", namespace.description());
        root.put("visibility", namespace.visibility());
        root.put("protected", namespace.isProtected());
        root.put("owner", namespace.owner());
        ArrayNode associations = root.putArray("resource_type_associations");
        for (ResourceTypeAssociation association : namespace.resourceTypeAssociations()) {
            associations.addObject().put("name", association.name()).put("prefix", association.prefix())
                    .put("properties_target", association.propertiesTarget());
        }
        ObjectNode properties = root.putObject("properties");
        namespace.properties().forEach((name, schema) -> properties.set(name, parse(schema)));
        ArrayNode objects = root.putArray("objects");
        for (ObjectDefinition object : namespace.objects()) {
            objects.addObject().put("name", object.name()).put("description", object.description())
                    .set("properties", parse(object.propertiesJson()));
        }
        ArrayNode tags = root.putArray("tags");
        namespace.tags().forEach(tag -> tags.addObject().put("name", tag));
        return root;
    }

    /** Writes (or replaces) {@code file} with the namespace's document. */
    public void write(NamespaceDefinition namespace, Path file) throws IOException {
        Files.writeString(file, PRETTY.writeValueAsString(document(namespace)) + "\n", StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            // the database holds what a loader or the API wrote as JSON; anything else is a corrupt row
            throw new UncheckedIOException("stored definition is not JSON: " + json, e);
        }
    }
}
