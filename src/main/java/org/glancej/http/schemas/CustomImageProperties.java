package org.glancej.http.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Operator-defined image properties that the image schema advertises next to the base ones, in the
 * format of upstream's {@code schema-image.json}: one JSON object mapping each property name to its
 * JSON-schema definition. Upstream looks the file up beside its configuration files (packaged Glance
 * installs {@code /etc/glance/schema-image.json}, so it is loaded by default); without it the image
 * schema has no custom properties.
 */
public record CustomImageProperties(ObjectNode definitions) {
    private static final String SHIPPED = "schema-image.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public CustomImageProperties {
        requireNonNull(definitions, "definitions is null");
        definitions.properties().forEach(entry -> {
            if (entry.getKey().isEmpty() || !entry.getValue().isObject()) {
                throw new IllegalArgumentException(
                        "custom image property '%s' must map a name to a JSON schema object".formatted(entry.getKey()));
            }
        });
        definitions = definitions.deepCopy();
    }

    /** No custom properties. */
    public static CustomImageProperties none() {
        return new CustomImageProperties(MAPPER.createObjectNode());
    }

    /** The content of upstream's shipped {@code etc/schema-image.json} (kernel_id, os_distro, ...). */
    public static CustomImageProperties shippedDefault() {
        try (InputStream in = CustomImageProperties.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SHIPPED + " is missing from the build");
            }
            return parse(in.readAllBytes(), "built-in " + SHIPPED);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Upstream's lookup: the first {@code schema-image.json} in the directories of the configuration
     * files, the last file's directory first. Where upstream would go on to {@code /etc/glance}, whose
     * packaged file is the shipped one, this falls back to {@link #shippedDefault()}.
     */
    public static CustomImageProperties find(List<Path> configFiles) {
        for (Path configFile : configFiles.reversed()) {
            Path candidate = configFile.toAbsolutePath().resolveSibling(SHIPPED);
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
        }
        return shippedDefault();
    }

    /** Reads an operator's {@code schema-image.json}. */
    public static CustomImageProperties load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read custom image properties from " + file, e);
        }
    }

    static CustomImageProperties parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " must hold a JSON object of property definitions");
        }
        return new CustomImageProperties((ObjectNode) root);
    }

    /** A copy of the definitions: callers cannot change this value. */
    @Override
    public ObjectNode definitions() {
        return definitions.deepCopy();
    }
}
