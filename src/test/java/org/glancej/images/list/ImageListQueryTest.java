package org.glancej.images.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.list.ImageColumn.CONTAINER_FORMAT;
import static org.glancej.images.list.ImageColumn.CREATED_AT;
import static org.glancej.images.list.ImageColumn.ID;
import static org.glancej.images.list.ImageColumn.NAME;
import static org.glancej.images.list.ImageColumn.SIZE;
import static org.glancej.images.list.ImageColumn.STATUS;
import static org.glancej.images.list.ImageColumn.UPDATED_AT;
import static org.glancej.images.list.QueryStrings.parse;
import static org.glancej.images.list.SortOrder.asc;
import static org.glancej.images.list.SortOrder.desc;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.images.ImagesConfig;
import org.glancej.images.list.ImageListQuery.VisibilityParam;
import org.glancej.images.list.ListFilter.AnyOf;
import org.glancej.images.list.ListFilter.BooleanEquals;
import org.glancej.images.list.ListFilter.HasProperty;
import org.glancej.images.list.ListFilter.HasTag;
import org.glancej.images.list.ListFilter.IntegerCompare;
import org.glancej.images.list.ListFilter.MatchesNothing;
import org.glancej.images.list.ListFilter.Operator;
import org.glancej.images.list.ListFilter.TimestampCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageListQueryTest {
    private static final BooleanEquals NOT_HIDDEN = new BooleanEquals(ImageColumn.OS_HIDDEN, false);

    @Test
    void defaultsMatchUpstream() {
        ImageListQuery query = parse("");
        assertThat(query.limit()).isEqualTo(25);
        assertThat(query.marker()).isEmpty();
        assertThat(query.order()).containsExactly(desc(CREATED_AT), desc(ID));
        assertThat(query.visibility()).isEmpty();
        assertThat(query.memberStatus()).isEqualTo("accepted");
        assertThat(query.filters()).containsExactly(NOT_HIDDEN);
    }

    // --- limit and marker --------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "limit=10|10", "limit=0|0", "limit=5000|1000", "limit=99999999999999999999999|1000",
            "limit=%205%20|5", "limit=1_0|10", "limit=%2B7|7", "limit=-0|0", "limit=%D9%A3|3"})
    void limitIsPythonIntCappedByApiLimitMax(String query, int expected) {
        assertThat(parse(query).limit()).isEqualTo(expected);
    }

    @Test
    void defaultLimitIsAlsoCapped() {
        ImagesConfig config = new ImagesConfig(25, 10, 1, false, "sha512", List.of("raw"), List.of("bare"));
        assertThat(ImageListQuery.parse(Map.of(), config).limit()).isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "limit=abc|limit param must be an integer",
            "limit=|limit param must be an integer",
            "limit=5.0|limit param must be an integer",
            "limit=1__0|limit param must be an integer",
            "limit=_1|limit param must be an integer",
            "limit=-1|limit param must be positive"})
    void badLimits(String query, String message) {
        assertBadRequest(query, message);
    }

    @Test
    void firstLimitMarkerAndMemberStatusWin() {
        ImageListQuery query = parse("limit=5&limit=6&marker=a&marker=b&member_status=all&member_status=x");
        assertThat(query.limit()).isEqualTo(5);
        assertThat(query.marker()).contains("a");
        assertThat(query.memberStatus()).isEqualTo("all");
    }

    // --- sorting -----------------------------------------------------------------------------------------

    @Test
    void classicSortKeysWithOneDirectionApplyItEverywhereIncludingTieBreakers() {
        assertThat(parse("sort_key=name&sort_key=size&sort_dir=asc").order())
                .containsExactly(asc(NAME), asc(SIZE), asc(CREATED_AT), asc(ID));
    }

    @Test
    void classicSortKeysWithoutDirectionAreDescending() {
        assertThat(parse("sort_key=%20status%20").order()).containsExactly(desc(STATUS), desc(CREATED_AT), desc(ID));
    }

    @Test
    void classicSortDirectionsPairWithKeysAndTieBreakersAreDescending() {
        assertThat(parse("sort_key=name&sort_dir=asc&sort_key=size&sort_dir=asc").order())
                .containsExactly(asc(NAME), asc(SIZE), desc(CREATED_AT), desc(ID));
    }

    @Test
    void sortDirectionWithoutKeySortsCreatedAt() {
        assertThat(parse("sort_dir=asc").order()).containsExactly(asc(CREATED_AT), asc(ID));
    }

    @Test
    void newSortSyntax() {
        assertThat(parse("sort=name:asc,size").order())
                .containsExactly(asc(NAME), desc(SIZE), desc(CREATED_AT), desc(ID));
        assertThat(parse("sort=%20name%20:%20asc%20").order()).containsExactly(asc(NAME), asc(CREATED_AT), asc(ID));
        assertThat(parse("sort=updated_at:").order()).containsExactly(desc(UPDATED_AT), desc(CREATED_AT), desc(ID));
        // the whole value is stripped before splitting, so a blank last direction is an empty one
        assertThat(parse("sort=name:%20").order()).containsExactly(desc(NAME), desc(CREATED_AT), desc(ID));
    }

    @Test
    void keysAfterIdAndRepeatedKeysAreDropped() {
        assertThat(parse("sort=id:asc,name:desc").order()).containsExactly(asc(ID));
        assertThat(parse("sort=created_at:asc,name:desc,created_at:desc").order())
                .containsExactly(asc(CREATED_AT), desc(NAME), desc(ID));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sort_key=bogus|Invalid sort key: bogus. It must be one of the following: name, status, container_format,"
                    + " disk_format, size, id, created_at, updated_at.",
            "sort_key=owner|Invalid sort key: owner. It must be one of the following: name, status, container_format,"
                    + " disk_format, size, id, created_at, updated_at.",
            "sort=|Invalid sort key: . It must be one of the following: name, status, container_format,"
                    + " disk_format, size, id, created_at, updated_at.",
            "sort=name,|Invalid sort key: . It must be one of the following: name, status, container_format,"
                    + " disk_format, size, id, created_at, updated_at.",
            "sort_dir=up|Invalid sort direction: up",
            "sort=name:ASC|Invalid sort direction: ASC",
            "sort=name:asc:x|Invalid sort direction: asc:x",
            "sort=name:%20,size|'Invalid sort direction: '",
            "sort=name:up,bogus|Invalid sort direction: up",
            "sort_dir=asc&sort_dir=desc|Number of sort dirs does not match the number of sort keys",
            "sort_key=name&sort_dir=asc&sort_dir=desc|Number of sort dirs does not match the number of sort keys",
            "sort=name&sort_key=name|Old and new sorting syntax cannot be combined",
            "sort=name&sort_dir=asc|Old and new sorting syntax cannot be combined"})
    void badSorting(String query, String message) {
        assertBadRequest(query, message);
    }

    // --- visibility, membership, hidden, protected -------------------------------------------------------

    @Test
    void visibilityValues() {
        assertThat(parse("visibility=all").visibility()).contains(VisibilityParam.ALL);
        assertThat(parse("visibility=community").visibility()).contains(VisibilityParam.COMMUNITY);
        assertThat(parse("visibility=private&visibility=public").visibility()).contains(VisibilityParam.PUBLIC);
        assertThat(parse("visibility=").visibility()).contains(VisibilityParam.EMPTY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "visibility=bogus|Invalid visibility value: bogus",
            "visibility=Public|Invalid visibility value: Public",
            "visibility=public&visibility=x|Invalid visibility value: x",
            "member_status=x|Invalid status: x",
            "member_status=|'Invalid status: '",
            "os_hidden=yes|Invalid value 'yes' for 'os_hidden' filter. Valid values are 'true' or 'false'.",
            "os_hidden=|Invalid value '' for 'os_hidden' filter. Valid values are 'true' or 'false'.",
            "protected=True|Invalid value 'True' for 'protected' filter. Valid values are 'true' or 'false'.",
            "protected=|Invalid value '' for 'protected' filter. Valid values are 'true' or 'false'.",
            "changes-since=2020-01-01|The \"changes-since\" filter is no longer available on v2.",
            "changes-since=|The \"changes-since\" filter is no longer available on v2."})
    void badFlags(String query, String message) {
        assertBadRequest(query, message);
    }

    @Test
    void memberStatuses() {
        for (String status : List.of("accepted", "pending", "rejected", "all")) {
            assertThat(parse("member_status=" + status).memberStatus()).isEqualTo(status);
        }
    }

    @Test
    void osHiddenIsCaseInsensitiveAndProtectedIsNot() {
        assertThat(parse("os_hidden=TRUE").filters()).containsExactly(new BooleanEquals(ImageColumn.OS_HIDDEN, true));
        assertThat(parse("protected=false").filters())
                .containsExactly(NOT_HIDDEN, new BooleanEquals(ImageColumn.PROTECTED, false));
    }

    // --- filters -----------------------------------------------------------------------------------------

    @Test
    void exactFiltersAndInLists() {
        assertThat(filters("name=cirros")).containsExactly(new AnyOf(NAME, List.of("cirros")));
        assertThat(filters("status=in:saving,queued")).containsExactly(new AnyOf(STATUS, List.of("saving", "queued")));
        assertThat(filters("name=in:%22a,b%22,c")).containsExactly(new AnyOf(NAME, List.of("a,b", "c")));
        assertThat(filters("name=in:a,,b")).containsExactly(new AnyOf(NAME, List.of("a", "", "b")));
        assertThat(filters("name=in:")).containsExactly(new AnyOf(NAME, List.of()));
        assertThat(filters("name=eq:a:b")).containsExactly(new AnyOf(NAME, List.of("a:b")));
        assertThat(filters("container_format=eq:bare")).containsExactly(new AnyOf(CONTAINER_FORMAT, List.of("bare")));
        // a whole ISO 8601 timestamp has colons but no operator
        assertThat(filters("name=2020-01-01T10:00")).containsExactly(new AnyOf(NAME, List.of("2020-01-01T10:00")));
    }

    @Test
    void quotedInValuesKeepBackslashesVerbatim() {
        assertThat(filters("id=in:%22a%5C%22b%22,c")).containsExactly(new AnyOf(ID, List.of("a\\\"b", "c")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "name=foo:bar|Unable to filter by unknown operator 'foo'.",
            "status=neq:active|Unable to filter by unknown operator 'neq'.",
            "name=in:%22a|Invalid filter value \"a. The quote is not closed.",
            "name=in:a%22b%22|Invalid filter value a\"b\". There is no comma before opening quotation mark.",
            "name=in:%22a%22b|Invalid filter value \"a\"b. There is no comma after closing quotation mark.",
            "size_min=abc|Unable to filter on a range with a non-numeric value.",
            "size_max=1.5|Unable to filter on a range with a non-numeric value.",
            "size_min=|Unable to filter on a range with a non-numeric value.",
            "hw_cpu_max=abc|Unable to filter on a range with a non-numeric value.",
            "created_at=gt:bad|Bad \"created_at\" query filter format. Use ISO 8601 DateTime notation.",
            "created_at=|Bad \"created_at\" query filter format. Use ISO 8601 DateTime notation.",
            "updated_at=202001|Bad \"updated_at\" query filter format. Use ISO 8601 DateTime notation.",
            "created_at=gt:2020-13-01|Bad \"created_at\" query filter format. Use ISO 8601 DateTime notation.",
            "created_at=gt:2020-02-30|Bad \"created_at\" query filter format. Use ISO 8601 DateTime notation.",
            "created_at=gt:0000-01-01|Bad \"created_at\" query filter format. Use ISO 8601 DateTime notation.",
            "created_at=gt:2020-01-01T00:00:00%2B24:00|Bad \"created_at\" query filter format. Use ISO 8601 DateTime"
                    + " notation.",
            "created_at=foo:2020-01-01|Unable to filter on a unknown operator.",
            "created_at=in:2020-01-01|Unable to filter on a unknown operator."})
    void badFilters(String query, String message) {
        assertBadRequest(query, message);
    }

    @Test
    void sizeRangesAndNumericEquality() {
        assertThat(filters("size_min=%205%20&size_max=1_000")).containsExactly(
                new IntegerCompare(SIZE, Operator.GTE, 5), new IntegerCompare(SIZE, Operator.LTE, 1000));
        assertThat(filters("min_ram_min=512")).containsExactly(
                new IntegerCompare(ImageColumn.MIN_RAM, Operator.GTE, 512));
        assertThat(filters("size_min=99999999999999999999")).containsExactly(
                new IntegerCompare(SIZE, Operator.GTE, Long.MAX_VALUE));
        assertThat(filters("min_disk=3")).containsExactly(new IntegerCompare(ImageColumn.MIN_DISK, Operator.EQ, 3));
        assertThat(filters("size=abc")).singleElement().isInstanceOf(MatchesNothing.class);
    }

    @Test
    void rangeSuffixOnAPropertyFiltersTheProperty() {
        assertThat(filters("hw_cpu_max=4")).containsExactly(new HasProperty("hw_cpu_max", "4"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "created_at=gt:2020-01-01T00:00:00Z|GT|2020-01-01T00:00",
            "created_at=2020-01-01T10:00:00Z|EQ|2020-01-01T10:00",
            "created_at=2020-01-01T10:00:00Z%0A|EQ|2020-01-01T10:00",
            "created_at=2020|EQ|2020-01-01T00:00",
            "created_at=gte:2020-01|GTE|2020-01-01T00:00",
            "created_at=lt:2020-1-2|LT|2020-01-02T00:00",
            "created_at=lte:20200102T0304|LTE|2020-01-02T03:04",
            "created_at=neq:2020-01-01%2000|NEQ|2020-01-01T00:00",
            "created_at=gt:2020-01-01T00:00:00.1234567-05:30|GT|2020-01-01T05:30:00.123456",
            "created_at=gt:2020-01-01T00:00:00,5%2B01|GT|2019-12-31T23:00:00.5",
            "updated_at=eq:2020-06-01T12:00:00%2B02:00|EQ|2020-06-01T10:00"})
    void timestampFiltersAreNormalizedToUtc(String query, Operator operator, LocalDateTime utc) {
        ImageColumn column = query.startsWith("created_at") ? CREATED_AT : UPDATED_AT;
        assertThat(filters(query)).containsExactly(new TimestampCompare(column, operator, utc.toInstant(ZoneOffset.UTC)));
    }

    @Test
    void otherColumnsPropertiesAndTags() {
        assertThat(filters("owner=p1&checksum=abc&os_hash_value=def")).containsExactly(
                new AnyOf(ImageColumn.OWNER, List.of("p1")),
                new AnyOf(ImageColumn.CHECKSUM, List.of("abc")),
                new AnyOf(ImageColumn.OS_HASH_VALUE, List.of("def")));
        assertThat(filters("os_distro=ubuntu&hw_disk_bus=virtio&foo=1&foo=2")).containsExactly(
                new HasProperty("os_distro", "ubuntu"), new HasProperty("hw_disk_bus", "virtio"),
                new HasProperty("foo", "2"));
        assertThat(filters("tag=a&tag=%20b%20")).containsExactly(new HasTag("a"), new HasTag("b"));
        assertThat(filters("deleted=true")).isEmpty();
        assertThat(filters("deleted_at=2020")).singleElement().isInstanceOf(MatchesNothing.class);
    }

    @Test
    void errorsComeInUpstreamsOrder() {
        assertBadRequest("sort_key=bad&limit=x&visibility=bad", "Invalid visibility value: bad");
        assertBadRequest("sort_key=bad&limit=x&member_status=bad", "Invalid status: bad");
        assertBadRequest("sort_key=bad&limit=x", "limit param must be an integer");
        assertBadRequest("os_hidden=x&sort_key=bad", "Invalid sort key: bad. It must be one of the following: name,"
                + " status, container_format, disk_format, size, id, created_at, updated_at.");
        assertBadRequest("size_min=x&os_hidden=x", "Invalid value 'x' for 'os_hidden' filter. Valid values are 'true'"
                + " or 'false'.");
    }

    // --- links -------------------------------------------------------------------------------------------

    @Test
    void firstLinkDropsMarkerAndKeepsEverythingElse() {
        assertThat(parse("").firstLink()).isEqualTo("/v2/images");
        assertThat(parse("marker=abc").firstLink()).isEqualTo("/v2/images");
        assertThat(parse("limit=2&marker=abc&tag=x&tag=y").firstLink()).isEqualTo("/v2/images?limit=2&tag=x&tag=y");
    }

    @Test
    void linksEncodeLikePythonUrlencode() {
        ImageListQuery query = parse("name=a%20b%2Bc~*%C3%A9&limit=1");
        assertThat(query.firstLink()).isEqualTo("/v2/images?name=a+b%2Bc~%2A%C3%A9&limit=1");
        assertThat(query.nextLink(List.of("id 1"))).contains("/v2/images?name=a+b%2Bc~%2A%C3%A9&limit=1&marker=id+1");
    }

    @Test
    void nextLinkOnlyForFullPagesAndReplacesMarker() {
        ImageListQuery query = parse("marker=old&limit=2&sort=name:asc");
        assertThat(query.nextLink(List.of("a", "b"))).contains("/v2/images?limit=2&sort=name%3Aasc&marker=b");
        assertThat(query.nextLink(List.of("a"))).isEmpty();
        assertThat(parse("limit=0").nextLink(List.of())).isEmpty();
        assertThat(parse("").nextLink(List.of("x"))).isEmpty();
    }

    @Test
    void nextLinkRoundTripsThroughAClient() {
        ImageListQuery query = parse("tag=x&tag=y%26z&name=in:%22a,b%22&limit=1");
        String next = query.nextLink(List.of("last")).orElseThrow();
        ImageListQuery followed = ImageListQuery.parse(QueryStrings.decode(next), QueryStrings.CONFIG);
        assertThat(followed.marker()).contains("last");
        assertThat(followed.filters()).isEqualTo(query.filters());
        assertThat(followed.firstLink()).isEqualTo(query.firstLink());
    }

    private static List<ListFilter> filters(String query) {
        List<ListFilter> filters = parse(query).filters();
        assertThat(filters.getFirst()).isEqualTo(NOT_HIDDEN);
        return filters.subList(1, filters.size());
    }

    private static void assertBadRequest(String query, String message) {
        assertThatThrownBy(() -> parse(query))
                .isInstanceOfSatisfying(GlanceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }
}
