/**
 * {@code GET /v2/images}: upstream's query parameters and the SQL that selects one page of image ids.
 *
 * <pre>{@code
 * ImageListQuery query = ImageListQuery.parse(params, imagesConfig);     // 400s with upstream's messages
 * List<String> ids = new ImagePageReader(database.dialect())
 *         .pageIds(connection, query, new ListScope(isAdmin, projectId)); // 400/403 for a bad marker
 * // load the images for ids, keeping their order; then links:
 * query.firstLink();                 // "/v2/images?..." without marker
 * query.nextLink(ids);               // present when the page is full
 * }</pre>
 *
 * <p>Nulls sort in each database's native order, as upstream's plain {@code ORDER BY} has them: first ascending
 * on MariaDB/MySQL and SQLite, last ascending on PostgreSQL. Paging deliberately differs from upstream, whose
 * marker condition replaces a null marker value by a default and skips images: ours returns every image once.
 *
 * <p>Timestamps are bound and read only through {@link org.glancej.db.Dialect#setTimestamp} and
 * {@link org.glancej.db.Dialect#getTimestamp}; planner-steering SQL lives in {@code PlannerHints}.
 */
package org.glancej.images.list;
