package org.glancej.imports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.http.Json;
import org.glancej.images.Image;
import org.glancej.images.ImageService;
import org.glancej.images.data.ImageDataService;
import org.glancej.images.request.ImageCreateRequest;
import org.glancej.images.request.ImageSchema;
import org.glancej.imports.source.ImportSourceException;
import org.glancej.imports.source.ImportSources;
import org.glancej.imports.source.SourceData;
import org.glancej.tasks.Task;
import org.glancej.tasks.TaskRunner;
import org.glancej.tasks.TaskService;

/**
 * A legacy {@code import} task ({@code POST /v2/tasks}) as upstream's base import flow runs it: a new image with
 * {@code input.image_properties}, its data read from {@code input.import_from} through the guarded reader (the
 * URL checked again, every redirect too) and uploaded to the default store through the upload path; the task's
 * result names the image. When the data cannot be had, the image made for it is deleted, as upstream reverts.
 */
public final class LegacyImportTask implements TaskService.LegacyImport {
    private static final List<String> REQUIRED_INPUT = List.of("import_from", "import_from_format", "image_properties");

    private final ImageService images;
    private final ImageDataService data;
    private final ImportSources sources;
    private final ImageSchema schema;

    public LegacyImportTask(ImageService images, ImageDataService data, ImportSources sources, ImageSchema schema) {
        this.images = requireNonNull(images, "images is null");
        this.data = requireNonNull(data, "data is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.schema = requireNonNull(schema, "schema is null");
    }

    @Override
    public TaskRunner.TaskWork workFor(Task task, RequestContext ctx) {
        return progress -> {
            JsonNode input = input(task);
            requireFields(input);
            JsonNode properties = input.path("image_properties");
            JsonNode body = properties.isObject() ? properties : JsonNodeFactory.instance.objectNode();
            Image image = images.create(ctx, authorize -> ImageCreateRequest.parse(body, schema, authorize)
                    .toNewImage());
            try (SourceData source = sources.openLegacyImportFrom(input.path("import_from").asText())) {
                progress.phase("downloading", source.size());
                data.upload(ctx, image.id(), progress.counting(source.stream()), OptionalLong.empty(),
                        OptionalLong.empty(), Optional.empty());
            } catch (IOException | RuntimeException e) {
                deleteQuietly(ctx, image.id());
                String why = ImportSourceException.in(e).map(Throwable::getMessage).orElse(null);
                if (why != null) {
                    throw GlanceException.badRequest(why);
                }
                throw e instanceof RuntimeException r ? r : GlanceException.badRequest(e.getMessage());
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.put("image_id", image.id());
            return result.toString();
        };
    }

    private void deleteQuietly(RequestContext ctx, String id) {
        try {
            images.delete(ctx, id);
        } catch (RuntimeException e) {
            // the task's failure says what went wrong; an image that cannot go now is the owner's to delete
        }
    }

    /** Upstream fails the task, not the request, when one of its three input fields is missing. */
    private static void requireFields(JsonNode input) {
        for (String field : REQUIRED_INPUT) {
            if (!input.has(field)) {
                throw GlanceException.badRequest("Input does not contain '" + field + "' field");
            }
        }
    }

    private static JsonNode input(Task task) {
        try {
            return Json.MAPPER.readTree(task.input() == null ? "{}" : task.input());
        } catch (IOException e) {
            throw GlanceException.badRequest("The task's input is not JSON.");
        }
    }
}
