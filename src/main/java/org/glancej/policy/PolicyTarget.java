package org.glancej.policy;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.glancej.auth.RequestContext;

/**
 * The object of an operation as check strings see it through {@code %(key)s}. Keys are flat (a dotted
 * {@code %(a.b)s} names the key "a.b"); a key that is absent fails the check that names it, while a key
 * present with a null value reads as Python's {@code None}. Values are strings, booleans, numbers, null,
 * or lists and maps of those.
 *
 * <p>The factories build the targets upstream Glance builds, so that its default rules and operators'
 * policy files mean the same here:
 * <ul>
 * <li>{@link #image} for an existing image, with keys {@code id}/{@code image_id}, {@code owner} and its
 *     alias {@code project_id}, {@code member}/{@code member_id}, {@code visibility}, then any further
 *     attributes and extra properties the caller adds;
 * <li>{@link #newImage} for {@code add_image};
 * <li>{@link #project} for project-wide operations ({@code get_images}, metadef listing);
 * <li>{@link #namespace} for a metadef namespace or a resource inside it;
 * <li>{@link #empty} for tasks, cache and discovery operations.
 * </ul>
 */
public final class PolicyTarget {
    private static final PolicyTarget EMPTY = new PolicyTarget(Map.of());

    private final Map<String, Object> values;

    private PolicyTarget(Map<String, Object> values) {
        this.values = values;
    }

    public static PolicyTarget empty() {
        return EMPTY;
    }

    /** A target holding exactly these keys; null values are kept (as Python's None). */
    public static PolicyTarget of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(requireNonNull(key, "target key is null"), checked(key, value)));
        return new PolicyTarget(Collections.unmodifiableMap(copy));
    }

    /** {@code {project_id}}: the caller's project, for operations on no particular resource. */
    public static PolicyTarget project(String projectId) {
        return of(Collections.singletonMap("project_id", projectId));
    }

    /**
     * The image an {@code add_image} request proposes: {@code project_id} and {@code owner} are the owner
     * the request asks for or else the caller's project; {@code visibility} the requested one or else
     * {@code private} (upstream's target default, although a created image defaults to shared).
     */
    public static PolicyTarget newImage(String requestedOwner, String requestedVisibility, RequestContext ctx) {
        String owner = requestedOwner != null ? requestedOwner : ctx.projectId();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("project_id", owner);
        values.put("owner", owner);
        values.put("visibility", requestedVisibility != null ? requestedVisibility : "private");
        return of(values);
    }

    /**
     * An existing image as {@code ctx} found it. {@code member_id} is the caller's project when the image is
     * shared and the caller is not its owner (upstream only finds such an image for a member, whatever the
     * membership status), else null. Add other attributes and extra properties with the returned builder.
     */
    public static ImageTargetBuilder image(String imageId, String owner, String visibility, RequestContext ctx) {
        String member = "shared".equals(visibility) && !Objects.equals(ctx.projectId(), owner) ? ctx.projectId() : null;
        return new ImageTargetBuilder(imageId, owner, visibility, member);
    }

    /** A metadef namespace, or an object, property, tag or resource type association inside it. */
    public static PolicyTarget namespace(String owner, String visibility) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("project_id", owner);
        values.put("visibility", visibility);
        return of(values);
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** The value of a key the target {@link #contains}; null stands for Python's None. */
    public Object value(String key) {
        return values.get(key);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    private static Object checked(String key, Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Number n -> n;
            case List<?> list -> List.copyOf(list.stream().map(v -> checked(key, v)).toList());
            case Map<?, ?> map -> of(stringKeys(map)).asMap();
            default -> throw new IllegalArgumentException(
                    "policy target value for '" + key + "' must be a string, boolean, number, list or map: " + value);
        };
    }

    private static Map<String, ?> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** Adds the further image attributes and extra properties an operator's policy may name. */
    public static final class ImageTargetBuilder {
        private static final Set<String> FIXED_KEYS =
                Set.of("id", "image_id", "owner", "project_id", "member", "member_id", "visibility");
        private final Map<String, Object> base = new LinkedHashMap<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private ImageTargetBuilder(String imageId, String owner, String visibility, String member) {
            base.put("id", imageId);
            base.put("image_id", imageId);
            base.put("owner", owner);
            base.put("project_id", owner);
            base.put("member", member);
            base.put("member_id", member);
            base.put("visibility", visibility);
        }

        /** A base attribute under upstream's name: name, status, protected, os_hidden, size, min_disk, ... */
        public ImageTargetBuilder attribute(String name, Object value) {
            if (FIXED_KEYS.contains(name)) {
                throw new IllegalArgumentException("image target key '" + name + "' is set from the image itself");
            }
            base.put(requireNonNull(name, "name is null"), value);
            return this;
        }

        /** Extra properties; a base attribute of the same name wins, as in upstream's ImageTarget. */
        public ImageTargetBuilder properties(Map<String, String> extra) {
            properties.putAll(extra);
            return this;
        }

        public PolicyTarget build() {
            Map<String, Object> values = new LinkedHashMap<>(properties);
            values.putAll(base);
            return of(values);
        }
    }
}
