package org.glancej.metadefs.files;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One namespace as a definition file describes it (upstream's {@code etc/metadefs/*.json} format): the namespace
 * row's columns, its resource type associations, properties, objects and tag names. Fields a file leaves out are
 * null, as upstream stores them, except {@code owner}, which upstream's loader sets to {@code admin}.
 *
 * @param properties property name to its JSON-schema-like definition, as JSON text, in file order
 */
public record NamespaceDefinition(
        String namespace,
        String displayName,
        String description,
        String visibility,
        Boolean isProtected,
        String owner,
        List<ResourceTypeAssociation> resourceTypeAssociations,
        Map<String, String> properties,
        List<ObjectDefinition> objects,
        List<String> tags) {

    /** Upstream's loader gives every namespace it creates this owner unless the file names one. */
    public static final String DEFAULT_OWNER = "admin";

    public NamespaceDefinition {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(owner, "owner is null");
        resourceTypeAssociations = List.copyOf(resourceTypeAssociations);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        objects = List.copyOf(objects);
        tags = List.copyOf(tags);
    }

    /** A resource type this namespace applies to; {@code prefix} and {@code propertiesTarget} may be null. */
    public record ResourceTypeAssociation(String name, String prefix, String propertiesTarget) {
        public ResourceTypeAssociation {
            requireNonNull(name, "name is null");
        }
    }

    /**
     * An object of the namespace; {@code propertiesJson} is the JSON text of its {@code properties} member
     * ({@code null} when the file has none, as upstream stores it).
     */
    public record ObjectDefinition(String name, String description, String propertiesJson) {
        public ObjectDefinition {
            requireNonNull(name, "name is null");
            requireNonNull(propertiesJson, "propertiesJson is null");
        }
    }
}
