package org.glancej.metadefs.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.http.PythonStyleJson;
import org.glancej.metadefs.files.NamespaceDefinition.ObjectDefinition;
import org.glancej.metadefs.files.NamespaceDefinition.ResourceTypeAssociation;

/**
 * Reads one definition file into a {@link NamespaceDefinition}. It accepts what upstream's loader accepts (every
 * member but the names optional, unknown members ignored, property definitions taken as they are) and refuses,
 * naming the file and the member, what upstream's would crash on, the database could not store or the API could
 * not read back: a missing name, a member of the wrong JSON type (a property definition that is no JSON object
 * among them), a value longer than its column.
 */
public final class DefinitionReader {
    private static final ObjectReader JSON = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The namespace a file defines; throws {@link DefinitionFileException} naming the file and what is wrong. */
    public NamespaceDefinition read(Path file) {
        JsonNode root = parse(file);
        Members members = new Members(file);
        if (!root.isObject()) {
            throw new DefinitionFileException(file, "not a namespace definition: the document is not a JSON object");
        }
        Members.Item namespace = members.root(root);
        return new NamespaceDefinition(
                namespace.name("namespace", 80),
                namespace.text("display_name", 80),
                namespace.text("description", Integer.MAX_VALUE),
                namespace.text("visibility", 32),
                namespace.bool("protected"),
                root.has("owner") ? namespace.name("owner", 255) : NamespaceDefinition.DEFAULT_OWNER,
                associations(members, root),
                properties(members, root),
                objects(members, root),
                tags(members, root));
    }

    private static JsonNode parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DefinitionFileException(file, "cannot read: " + e.getMessage(), e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw new DefinitionFileException(file, "not valid JSON: the file is not UTF-8 text", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new DefinitionFileException(file, "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DefinitionFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static List<ResourceTypeAssociation> associations(Members members, JsonNode root) {
        List<ResourceTypeAssociation> result = new ArrayList<>();
        for (Members.Item item : members.objectList(root, "resource_type_associations")) {
            result.add(new ResourceTypeAssociation(
                    item.name("name", 80), item.text("prefix", 80), item.text("properties_target", 80)));
        }
        return result;
    }

    private static Map<String, String> properties(Members members, JsonNode root) {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode properties = root.path("properties");
        if (properties.isMissingNode() || properties.isNull()) {
            return result;
        }
        if (!properties.isObject()) {
            throw members.wrong("properties", "must be an object of property definitions");
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            members.checkName("properties", property.getKey(), 80);
            if (!property.getValue().isObject()) {
                throw members.wrong("properties." + property.getKey(), "must be an object (a property definition)");
            }
            result.put(property.getKey(), jsonText(property.getValue()));
        }
        return result;
    }

    private static List<ObjectDefinition> objects(Members members, JsonNode root) {
        List<ObjectDefinition> result = new ArrayList<>();
        for (Members.Item item : members.objectList(root, "objects")) {
            JsonNode properties = item.node().get("properties");
            if (properties != null && !properties.isNull() && !properties.isObject()) {
                throw members.wrong(item.path() + "properties", "must be an object of property definitions");
            }
            result.add(new ObjectDefinition(
                    item.name("name", 80), item.text("description", Integer.MAX_VALUE), jsonText(properties)));
        }
        return result;
    }

    private static List<String> tags(Members members, JsonNode root) {
        return members.objectList(root, "tags").stream().map(tag -> tag.name("name", 80)).toList();
    }

    /** The JSON text upstream stores for a definition: Python's json.dumps of it ("null" for none). */
    private static String jsonText(JsonNode value) {
        return new String(PythonStyleJson.asciiBytes(value == null ? NullNode.getInstance() : value), StandardCharsets.UTF_8);
    }
}
