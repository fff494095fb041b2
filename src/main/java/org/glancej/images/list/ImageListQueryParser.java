package org.glancej.images.list;

import static org.glancej.common.GlanceException.badRequest;

import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glancej.common.PythonSpace;
import org.glancej.images.ImageIds;
import org.glancej.images.ImagesConfig;
import org.glancej.images.list.ImageListQuery.VisibilityParam;
import org.glancej.images.list.ListFilter.Operator;

/**
 * Upstream's list-parameter rules, checked in upstream's order so that a request with several problems
 * gets the same message. Where upstream reads one value of a repeated parameter, so do we: the first for
 * {@code limit}, {@code marker}, {@code member_status} and {@code sort}; the last for filters.
 */
final class ImageListQueryParser {
    private static final List<String> SORT_KEYS = List.of(
            "name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at");
    private static final Set<String> MEMBER_STATUSES = Set.of("pending", "accepted", "rejected", "all");
    private static final Set<String> VISIBILITIES = Set.of("community", "public", "private", "shared", "all");
    /** Consumed before filters are read; everything else is a filter. */
    private static final Set<String> NOT_FILTERS = Set.of(
            "limit", "marker", "member_status", "tag", "sort", "sort_key", "sort_dir");
    /** Read before the generic filters, or (deleted) overridden by upstream. */
    private static final Set<String> SPECIAL_FILTERS = Set.of(
            "visibility", "changes-since", "os_hidden", "protected", "deleted");
    private static final Set<ImageColumn> RANGE_COLUMNS =
            Set.of(ImageColumn.SIZE, ImageColumn.VIRTUAL_SIZE, ImageColumn.MIN_DISK, ImageColumn.MIN_RAM);
    private static final Set<ImageColumn> OPERATOR_COLUMNS = Set.of(
            ImageColumn.NAME, ImageColumn.ID, ImageColumn.STATUS, ImageColumn.CONTAINER_FORMAT,
            ImageColumn.DISK_FORMAT);
    private static final Set<String> TIME_OPERATORS = Set.of("gt", "gte", "eq", "neq", "lt", "lte");

    private final List<Map.Entry<String, String>> params;
    private final ImagesConfig config;
    /** Filter name → last value, in order of first appearance (Python's dict of a MultiDict). */
    private final Map<String, String> filters = new LinkedHashMap<>();

    ImageListQueryParser(List<Map.Entry<String, String>> params, ImagesConfig config) {
        this.params = params;
        this.config = config;
        for (Map.Entry<String, String> param : params) {
            if (!NOT_FILTERS.contains(param.getKey())) {
                filters.put(param.getKey(), param.getValue());
            }
        }
    }

    ImageListQuery parse() {
        Optional<VisibilityParam> visibility = visibility();
        if (filters.containsKey("changes-since")) {
            throw badRequest("The \"changes-since\" filter is no longer available on v2.");
        }
        String memberStatus = first("member_status").orElse("accepted");
        if (!MEMBER_STATUSES.contains(memberStatus)) {
            throw badRequest("Invalid status: " + memberStatus);
        }
        int limit = Math.min(config.apiLimitMax(), first("limit").map(this::limit).orElse(config.limitParamDefault()));
        List<SortOrder> order = order();

        List<ListFilter> conditions = new ArrayList<>();
        conditions.add(new ListFilter.BooleanEquals(ImageColumn.OS_HIDDEN, osHidden()));
        protectedFilter().ifPresent(conditions::add);
        filters.forEach((name, value) -> {
            if (!SPECIAL_FILTERS.contains(name)) {
                conditions.add(filter(name, value));
            }
        });
        for (Map.Entry<String, String> param : params) {
            if (param.getKey().equals("tag")) {
                conditions.add(new ListFilter.HasTag(PythonSpace.strip(param.getValue())));
            }
        }
        return new ImageListQuery(limit, first("marker").map(ImageIds::canonical), order, visibility, memberStatus, conditions, params);
    }

    private Optional<VisibilityParam> visibility() {
        String value = filters.get("visibility");
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            return Optional.of(VisibilityParam.EMPTY);
        }
        if (!VISIBILITIES.contains(value)) {
            throw badRequest("Invalid visibility value: " + value);
        }
        return Optional.of(VisibilityParam.valueOf(value.toUpperCase(Locale.ROOT)));
    }

    private int limit(String value) {
        BigInteger limit = PythonText.parseInt(value)
                .orElseThrow(() -> badRequest("limit param must be an integer"));
        if (limit.signum() < 0) {
            throw badRequest("limit param must be positive");
        }
        return limit.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValueExact();
    }

    private List<SortOrder> order() {
        List<String> keys = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        Optional<String> sort = first("sort");
        if (sort.isPresent()) {
            if (first("sort_key").isPresent() || first("sort_dir").isPresent()) {
                throw badRequest("Old and new sorting syntax cannot be combined");
            }
            for (String part : PythonSpace.strip(sort.get()).split(",", -1)) {
                int colon = part.indexOf(':');
                String key = colon < 0 ? part : part.substring(0, colon);
                String dir = colon < 0 ? "" : part.substring(colon + 1);
                keys.add(sortKey(PythonSpace.strip(key)));
                dirs.add(sortDir(PythonSpace.strip(dir.isEmpty() ? "desc" : dir)));
            }
        } else {
            all("sort_key").forEach(key -> keys.add(sortKey(PythonSpace.strip(key))));
            all("sort_dir").forEach(dir -> dirs.add(sortDir(PythonSpace.strip(dir))));
            if (dirs.size() > 1 && dirs.size() != keys.size()) {
                throw badRequest("Number of sort dirs does not match the number of sort keys");
            }
        }
        if (keys.isEmpty()) {
            keys.add("created_at");
        }
        // One direction applies to every key and to the tie-breakers; otherwise tie-breakers are desc.
        String defaultDir = dirs.size() == 1 ? dirs.getFirst() : "desc";
        keys.add("created_at");
        keys.add("id");
        List<SortOrder> order = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            ImageColumn column = ImageColumn.fromName(keys.get(i)).orElseThrow();
            if (order.stream().anyMatch(o -> o.column() == column)) {
                continue; // a repeated key cannot change the order
            }
            String dir = dirs.size() > 1 && i < dirs.size() ? dirs.get(i) : defaultDir;
            order.add(new SortOrder(column, dir.equals("desc")));
            if (column == ImageColumn.ID) {
                break; // ids are unique: nothing after them matters
            }
        }
        return order;
    }

    private static String sortKey(String key) {
        if (!SORT_KEYS.contains(key)) {
            throw badRequest("Invalid sort key: " + key + ". It must be one of the following: "
                    + String.join(", ", SORT_KEYS) + ".");
        }
        return key;
    }

    private static String sortDir(String dir) {
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw badRequest("Invalid sort direction: " + dir);
        }
        return dir;
    }

    private boolean osHidden() {
        String value = filters.getOrDefault("os_hidden", "false").toLowerCase(Locale.ROOT);
        return booleanFilter("os_hidden", value);
    }

    private Optional<ListFilter> protectedFilter() {
        String value = filters.get("protected");
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(new ListFilter.BooleanEquals(ImageColumn.PROTECTED, booleanFilter("protected", value)));
    }

    private static boolean booleanFilter(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw badRequest("Invalid value '" + value + "' for '" + name + "' filter."
                    + " Valid values are 'true' or 'false'.");
        }
        return value.equals("true");
    }

    private static ListFilter filter(String name, String value) {
        if (name.endsWith("_min") || name.endsWith("_max")) {
            return rangeFilter(name, value);
        }
        Optional<ImageColumn> column = ImageColumn.fromName(name);
        if (name.equals("deleted_at")) {
            return new ListFilter.MatchesNothing("deleted_at is null on every listed image");
        }
        if (column.isEmpty()) {
            return new ListFilter.HasProperty(name, value);
        }
        ImageColumn c = column.get();
        if (c.kind() == ImageColumn.Kind.TIMESTAMP) {
            return timestampFilter(c, value);
        }
        if (OPERATOR_COLUMNS.contains(c)) {
            return operatorFilter(c, value);
        }
        if (c.kind() == ImageColumn.Kind.INTEGER) {
            return PythonText.parseInt(value)
                    .<ListFilter>map(n -> new ListFilter.IntegerCompare(c, Operator.EQ, PythonText.clampToLong(n)))
                    .orElseGet(() -> new ListFilter.MatchesNothing(name + " is not an integer"));
        }
        return new ListFilter.AnyOf(c, List.of(value));
    }

    /**
     * {@code size_min}, {@code size_max} and the like. Upstream treats every {@code *_min}/{@code *_max}
     * name as a range on a column (a 500 when there is no such column); an extra property whose name
     * ends that way is filtered on instead.
     */
    private static ListFilter rangeFilter(String name, String value) {
        BigInteger bound = PythonText.parseInt(value)
                .orElseThrow(() -> badRequest("Unable to filter on a range with a non-numeric value."));
        Optional<ImageColumn> column = ImageColumn.fromName(name.substring(0, name.length() - 4))
                .filter(RANGE_COLUMNS::contains);
        if (column.isEmpty()) {
            return new ListFilter.HasProperty(name, value);
        }
        Operator operator = name.endsWith("_min") ? Operator.GTE : Operator.LTE;
        return new ListFilter.IntegerCompare(column.get(), operator, PythonText.clampToLong(bound));
    }

    private static ListFilter timestampFilter(ImageColumn column, String expression) {
        FilterValues.OperatorAndValue split = FilterValues.splitOperator(expression);
        var utc = IsoTimestamp.parseUtc(split.value()).orElseThrow(() -> badRequest(
                "Bad \"" + column.sqlName() + "\" query filter format. Use ISO 8601 DateTime notation."));
        if (!TIME_OPERATORS.contains(split.operator())) {
            throw badRequest("Unable to filter on a unknown operator.");
        }
        return new ListFilter.TimestampCompare(
                column, Operator.valueOf(split.operator().toUpperCase(Locale.ROOT)), utc.toInstant(ZoneOffset.UTC));
    }

    private static ListFilter operatorFilter(ImageColumn column, String expression) {
        FilterValues.OperatorAndValue split = FilterValues.splitOperator(expression);
        List<String> values = switch (split.operator()) {
            case "eq" -> List.of(split.value());
            case "in" -> FilterValues.splitInList(split.value());
            default -> throw badRequest("Unable to filter by unknown operator '" + split.operator() + "'.");
        };
        // ids are stored in one letter case; an id given in another names the same image
        return new ListFilter.AnyOf(column, column == ImageColumn.ID
                ? values.stream().map(ImageIds::canonical).toList()
                : values);
    }

    private Optional<String> first(String name) {
        return params.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).findFirst();
    }

    private List<String> all(String name) {
        return params.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }
}
