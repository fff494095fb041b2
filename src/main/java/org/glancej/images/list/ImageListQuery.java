package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.images.ImagesConfig;

/**
 * A validated {@code GET /v2/images} request.
 *
 * @param limit page size after applying {@code limit_param_default} and {@code api_limit_max}; may be 0
 * @param marker id of the last image of the previous page
 * @param order the total order: requested keys, then upstream's {@code created_at} and {@code id}
 *     tie-breakers, ending at {@code id} (keys after {@code id} cannot matter and are dropped)
 * @param visibility the {@code visibility} parameter: absent, {@code all}, or one of the four visibilities
 * @param memberStatus membership status a shared image must have for a regular user to see it
 *     ({@code accepted}, {@code pending}, {@code rejected} or {@code all})
 * @param filters conditions AND-ed together; always includes {@code os_hidden}
 * @param params the request's query parameters in order, repeats included, for the paging links
 */
public record ImageListQuery(
        int limit,
        Optional<String> marker,
        List<SortOrder> order,
        Optional<VisibilityParam> visibility,
        String memberStatus,
        List<ListFilter> filters,
        List<Map.Entry<String, String>> params) {

    /** The {@code visibility} parameter's values; {@code EMPTY} is {@code visibility=}, which upstream lets through and which matches nothing. */
    public enum VisibilityParam { ALL, PUBLIC, PRIVATE, SHARED, COMMUNITY, EMPTY }

    public ImageListQuery {
        requireNonNull(marker, "marker is null");
        order = List.copyOf(order);
        requireNonNull(visibility, "visibility is null");
        requireNonNull(memberStatus, "memberStatus is null");
        filters = List.copyOf(filters);
        params = List.copyOf(params);
    }

    /**
     * Validates the query parameters as upstream does, throwing {@code GlanceException} (400) with
     * upstream's message for the first problem found.
     *
     * @param params decoded query parameters, in request order (an insertion-ordered map), repeats as lists
     */
    public static ImageListQuery parse(Map<String, List<String>> params, ImagesConfig config) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        params.forEach((name, values) -> values.forEach(value -> entries.add(Map.entry(name, value))));
        return new ImageListQueryParser(entries, config).parse();
    }

    /** The {@code first} link: this request without {@code marker}. */
    public String firstLink() {
        String query = encodedParamsWithoutMarker();
        return query.isEmpty() ? "/v2/images" : "/v2/images?" + query;
    }

    /**
     * The {@code next} link, present when the page came back full (as upstream, this may lead to an empty
     * last page): this request's parameters, every repeat kept, with {@code marker} set to the page's last id.
     */
    public Optional<String> nextLink(List<String> pageIds) {
        if (pageIds.isEmpty() || pageIds.size() != limit) {
            return Optional.empty();
        }
        String query = encodedParamsWithoutMarker();
        String marker = "marker=" + PythonText.quotePlus(pageIds.getLast());
        return Optional.of("/v2/images?" + (query.isEmpty() ? marker : query + "&" + marker));
    }

    private String encodedParamsWithoutMarker() {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> param : params) {
            if (param.getKey().equals("marker")) {
                continue;
            }
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(PythonText.quotePlus(param.getKey())).append('=').append(PythonText.quotePlus(param.getValue()));
        }
        return query.toString();
    }
}
