package org.glancej.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.db.testing.DatabaseTestSupport;
import org.glancej.images.list.ImageListQuery;
import org.glancej.images.list.ListScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageVisibility}'s SQL form, as the list query runs it on each database, selects exactly the images its
 * Java form accepts: over every visibility, owner (the requester's, another project's, none), membership of the
 * requesting projects (accepted, pending, rejected, deleted, deleted then re-added) and deleted image, for
 * anonymous, admin, owner, member and unrelated requesters.
 */
class ImageVisibilityAgreementTest extends DatabaseTestSupport {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final int LIMIT = 1000;
    private static final ImagesConfig CONFIG = new ImagesConfig(25, LIMIT, 1L << 40, false, "sha512",
            ImagesConfig.DEFAULT_DISK_FORMATS, ImagesConfig.DEFAULT_CONTAINER_FORMATS);
    private static final List<String> OWNERS = Arrays.asList("p1", "p2", null);
    private static final List<String> MEMBER_PROJECTS = List.of("p1", "m");
    private static final List<String> MEMBER_STATUSES = List.of("accepted", "pending", "rejected", "all");
    private static final List<String> VISIBILITY_PARAMS =
            List.of("", "all", "public", "private", "shared", "community");
    /** The default order walks an index and another does not: the membership test is spelled differently. */
    private static final List<String> SORTS = List.of("", "name:asc");

    record Requester(String name, boolean admin, String project) {
        ListScope scope() {
            return new ListScope(admin, project);
        }

        ImageVisibility rule() {
            return ImageVisibility.of(admin, project);
        }
    }

    private static final List<Requester> REQUESTERS = List.of(
            new Requester("anonymous", false, null),
            new Requester("unauthenticated admin", true, null),
            new Requester("admin of p2", true, "p2"),
            new Requester("owner p1", false, "p1"),
            new Requester("member m", false, "m"),
            new Requester("stranger p3", false, "p3"));

    /** One project's membership rows for one image. */
    enum Membership { NONE, ACCEPTED, PENDING, REJECTED, DELETED, DELETED_THEN_PENDING }

    /** A matrix image, labelled with what makes it differ, and whether its row is deleted. */
    record Case(Image image, String label, boolean deleted) {
    }

    private ImageDao dao;
    private List<Case> cases;
    private Map<String, String> labels;

    @BeforeEach
    void seedMatrix() {
        dao = new ImageDao(database.dataSource(), database.dialect());
        cases = new ArrayList<>();
        Map<String, Map<String, Membership>> memberships = new LinkedHashMap<>();
        int n = 0;
        for (boolean deleted : List.of(false, true)) {
            for (Visibility visibility : Visibility.values()) {
                for (String owner : OWNERS) {
                    for (Membership ofP1 : Membership.values()) {
                        for (Membership ofM : Membership.values()) {
                            String id = new UUID(0x5eeL, n++).toString();
                            Image image = new Image(id, "v", ImageStatus.ACTIVE, visibility, false, false, null,
                                    null, null, owner, null, null, "raw", "bare", 0, 0, T0, T0, Map.of(), List.of(),
                                    List.of());
                            String label = visibility.wire() + " owner=" + owner + " p1:" + ofP1 + " m:" + ofM
                                    + (deleted ? " deleted" : "");
                            cases.add(new Case(image, label, deleted));
                            memberships.put(id, Map.of("p1", ofP1, "m", ofM));
                        }
                    }
                }
            }
        }
        cases.forEach(c -> dao.insert(c.image()));
        database.inTransaction(c -> {
            try (PreparedStatement member = c.prepareStatement("INSERT INTO image_members (image_id, member,"
                    + " can_share, status, created_at, deleted_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement delete = c.prepareStatement(
                            "UPDATE images SET deleted = ?, deleted_at = ?, status = 'deleted' WHERE id = ?")) {
                for (Case image : cases) {
                    for (String project : MEMBER_PROJECTS) {
                        Membership membership = memberships.get(image.image().id()).get(project);
                        for (Object[] row : rows(membership)) {
                            member.setString(1, image.image().id());
                            member.setString(2, project);
                            member.setBoolean(3, false);
                            member.setString(4, (String) row[0]);
                            database.dialect().setTimestamp(member, 5, T0);
                            database.dialect().setTimestamp(member, 6, (Boolean) row[1] ? T0 : null);
                            member.setBoolean(7, (Boolean) row[1]);
                            member.addBatch();
                        }
                    }
                    if (image.deleted()) {
                        // the image row alone: its memberships stay live, which must not make it visible
                        delete.setBoolean(1, true);
                        database.dialect().setTimestamp(delete, 2, T0);
                        delete.setString(3, image.image().id());
                        delete.addBatch();
                    }
                }
                member.executeBatch();
                delete.executeBatch();
            }
            return null;
        });
        labels = cases.stream().collect(Collectors.toMap(c -> c.image().id(), Case::label));
    }

    /** (status, deleted) of each membership row. */
    private static List<Object[]> rows(Membership membership) {
        return switch (membership) {
            case NONE -> List.of();
            case ACCEPTED -> List.<Object[]>of(new Object[] {"accepted", false});
            case PENDING -> List.<Object[]>of(new Object[] {"pending", false});
            case REJECTED -> List.<Object[]>of(new Object[] {"rejected", false});
            case DELETED -> List.<Object[]>of(new Object[] {"accepted", true});
            case DELETED_THEN_PENDING -> List.of(new Object[] {"accepted", true}, new Object[] {"pending", false});
        };
    }

    @Test
    void listsSelectExactlyTheImagesTheJavaRuleAccepts() {
        List<Image> live = liveImages();
        ImageVisibility.Memberships memberships = memberships();
        for (Requester requester : REQUESTERS) {
            ImageVisibility rule = requester.rule();
            for (String memberStatus : MEMBER_STATUSES) {
                for (String visibility : VISIBILITY_PARAMS) {
                    for (String sort : SORTS) {
                        ImageListQuery query = query(memberStatus, visibility, sort);
                        List<String> listed = dao.list(query, requester.scope()).stream().map(Image::id).toList();
                        assertThat(listed).hasSizeLessThan(LIMIT);
                        List<String> accepted = live.stream()
                                .filter(image -> rule.lists(image, memberStatus, memberships))
                                .filter(image -> visibility.isEmpty() ? rule.listsByDefault(image)
                                        : visibility.equals("all") || image.visibility().wire().equals(visibility))
                                .map(Image::id)
                                .toList();
                        assertAgree(listed, accepted, String.format("%s listing with member_status=%s visibility=%s"
                                + " sort=%s", requester.name(), memberStatus, visibility, sort));
                    }
                }
            }
        }
    }

    @Test
    void aMarkerIsVisibleExactlyWhenTheJavaRuleSeesItsImage() {
        ImageVisibility.Memberships memberships = memberships();
        for (Requester requester : REQUESTERS) {
            List<String> visibleMarkers = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (Image image : liveImages()) {
                if (markerVisible(requester, image.id())) {
                    visibleMarkers.add(image.id());
                }
                if (requester.rule().sees(image, memberships)) {
                    seen.add(image.id());
                }
            }
            assertAgree(visibleMarkers, seen, requester.name() + " paging from each image");
        }
    }

    /** The matrix holds the cases where the rules part ways, so agreement above is not agreement on nothing. */
    @Test
    void theMatrixHoldsTheCasesWhereUpstreamsRulesDiffer() {
        Requester member = REQUESTERS.get(4);
        Requester anonymous = REQUESTERS.getFirst();
        String pending = id("shared owner=p2 p1:NONE m:PENDING");
        String deletedMembership = id("shared owner=p2 p1:NONE m:DELETED");
        String readded = id("shared owner=p2 p1:NONE m:DELETED_THEN_PENDING");
        String ownerless = id("private owner=null p1:NONE m:NONE");
        String community = id("community owner=p2 p1:NONE m:NONE");
        String deletedImage = id("public owner=p2 p1:NONE m:NONE deleted");

        assertThat(markerVisible(member, pending)).isTrue();
        assertThat(markerVisible(member, readded)).isTrue();
        assertThat(markerVisible(member, deletedMembership)).isFalse();
        assertThat(listedIds(member, query("accepted", "", ""))).doesNotContain(pending, readded, community);
        assertThat(listedIds(member, query("pending", "", ""))).contains(pending, readded);
        assertThat(listedIds(member, query("accepted", "community", ""))).contains(community);
        assertThat(listedIds(member, query("all", "shared", ""))).contains(pending, readded)
                .doesNotContain(deletedMembership);
        assertThat(markerVisible(anonymous, ownerless)).isTrue();
        assertThat(listedIds(anonymous, query("all", "all", ""))).doesNotContain(ownerless, pending);
        assertThat(listedIds(REQUESTERS.get(1), query("all", "all", ""))).contains(ownerless, pending)
                .doesNotContain(deletedImage);
    }

    private boolean markerVisible(Requester requester, String id) {
        try {
            dao.list(ImageListQuery.parse(Map.of("marker", List.of(id), "limit", List.of("0")), CONFIG),
                    requester.scope());
            return true;
        } catch (GlanceException e) {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.FORBIDDEN);
            return false;
        }
    }

    private Set<String> listedIds(Requester requester, ImageListQuery query) {
        return dao.list(query, requester.scope()).stream().map(Image::id).collect(Collectors.toSet());
    }

    private static ImageListQuery query(String memberStatus, String visibility, String sort) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("limit", List.of(String.valueOf(LIMIT)));
        params.put("member_status", List.of(memberStatus));
        if (!visibility.isEmpty()) {
            params.put("visibility", List.of(visibility));
        }
        if (!sort.isEmpty()) {
            params.put("sort", List.of(sort));
        }
        return ImageListQuery.parse(params, CONFIG);
    }

    /** The live images as the service loads them. */
    private List<Image> liveImages() {
        List<Image> live = dao.loadAll(cases.stream().filter(c -> !c.deleted()).map(c -> c.image().id()).toList());
        assertThat(live).hasSize(cases.size() / 2);
        return live;
    }

    /** The DAO lookup the service passes to the Java form, remembered: the rows do not change during a test. */
    private ImageVisibility.Memberships memberships() {
        Map<List<Object>, Boolean> answers = new HashMap<>();
        return (imageId, project, status) -> answers.computeIfAbsent(List.of(imageId, project, status),
                key -> dao.isMember(imageId, project, status));
    }

    /** Both differences, by label, so that a failure names the cases where the two forms part. */
    private void assertAgree(List<String> bySql, List<String> byJava, String what) {
        assertThat(bySql).as("%s: no image twice", what).doesNotHaveDuplicates();
        assertThat(labelsOf(bySql, byJava)).as("%s: selected by the SQL form only", what).isEmpty();
        assertThat(labelsOf(byJava, bySql)).as("%s: accepted by the Java form only", what).isEmpty();
    }

    private List<String> labelsOf(List<String> ids, List<String> except) {
        Set<String> excluded = Set.copyOf(except);
        return ids.stream().filter(id -> !excluded.contains(id)).map(labels::get).sorted().toList();
    }

    private String id(String label) {
        return cases.stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow().image().id();
    }
}
