package org.glancej.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.junit.jupiter.api.Test;

class UnifiedLimitsTest {
    private static final long MIB = 1L << 20;
    private static final RequestContext CALLER = RequestContext.project("u1", "proj", List.of("member"), false);

    /** Fixed usage per resource, for whichever owner is asked (recorded). */
    private record FixedUsage(long storedBytes, long stagedBytes, long images, long uploading, List<String> owners)
            implements QuotaUsage {
        FixedUsage(long storedBytes, long stagedBytes, long images, long uploading) {
            this(storedBytes, stagedBytes, images, uploading, new ArrayList<>());
        }

        @Override
        public long storedBytes(String owner, String excludedImageId) {
            owners.add(owner);
            return storedBytes;
        }

        @Override
        public long stagedBytes(String owner) {
            owners.add(owner);
            return stagedBytes;
        }

        @Override
        public long imageCount(String owner) {
            owners.add(owner);
            return images;
        }

        @Override
        public long uploadingCount(String owner) {
            owners.add(owner);
            return uploading;
        }
    }

    /** Limits from a map, 0 for anything missing (as oslo.limit), recording the projects asked about. */
    private static final class MapLimits implements ResourceLimits {
        final Map<String, Long> limits;
        final List<String> projects = new ArrayList<>();

        MapLimits(Map<String, Long> limits) {
            this.limits = limits;
        }

        @Override
        public Map<String, Long> limits(String projectId, List<String> resourceNames) {
            projects.add(projectId);
            Map<String, Long> result = new LinkedHashMap<>();
            resourceNames.forEach(name -> result.put(name, limits.getOrDefault(name, 0L)));
            return result;
        }
    }

    private static void assertOverLimit(Runnable call, String expectedBody) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GlanceException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.REQUEST_ENTITY_TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo("The request returned a 413 Request Entity Too Large. This generally"
                    + " means that rate limiting or a quota threshold was breached.\n\nThe response body:\n"
                    + expectedBody);
        });
    }

    @Test
    void imageCountAllowsCreatingUpToTheLimit() {
        MapLimits limits = new MapLimits(Map.of("image_count_total", 3L));
        FixedUsage usage = new FixedUsage(0, 0, 2, 0);

        assertThatCode(() -> UnifiedLimits.enabled(limits, usage).enforceImageCountTotal(CALLER))
                .doesNotThrowAnyException();
        assertOverLimit(() -> UnifiedLimits.enabled(limits, new FixedUsage(0, 0, 3, 0)).enforceImageCountTotal(CALLER),
                "Project proj is over a limit for [Resource image_count_total is over limit of 3 due to current"
                        + " usage 3 and delta 1]");
        assertThat(limits.projects).contains("proj");
        assertThat(usage.owners()).containsOnly("proj");
    }

    @Test
    void sizeTotalIsInWholeMibAndAllowsReachingTheLimit() {
        MapLimits limits = new MapLimits(Map.of("image_size_total", 10L));
        UnifiedLimits atLimit = UnifiedLimits.enabled(limits, new FixedUsage(8 * MIB + MIB - 1, 0, 0, 0));

        assertThatCode(() -> atLimit.enforceImageSizeTotal(CALLER, 2)).doesNotThrowAnyException();
        assertOverLimit(() -> atLimit.enforceImageSizeTotal(CALLER, 3), "Project proj is over a limit for [Resource"
                + " image_size_total is over limit of 10 due to current usage 8 and delta 3]");
    }

    @Test
    void overshootingProjectsAreStoppedEvenWithoutDelta() {
        UnifiedLimits over = UnifiedLimits.enabled(new MapLimits(Map.of("image_size_total", 10L,
                "image_stage_total", 1L, "image_count_uploading", 2L)), new FixedUsage(11 * MIB, 2 * MIB, 0, 3));

        assertOverLimit(() -> over.enforceImageSizeTotal(CALLER, 0), "Project proj is over a limit for [Resource"
                + " image_size_total is over limit of 10 due to current usage 11 and delta 0]");
        assertOverLimit(() -> over.enforceImageStageTotal(CALLER, 0), "Project proj is over a limit for [Resource"
                + " image_stage_total is over limit of 1 due to current usage 2 and delta 0]");
        assertOverLimit(() -> over.enforceImageCountUploading(CALLER), "Project proj is over a limit for [Resource"
                + " image_count_uploading is over limit of 2 due to current usage 3 and delta 0]");
    }

    @Test
    void uploadingCountAtTheLimitPassesBecauseTheImageAlreadyCounts() {
        UnifiedLimits limits = UnifiedLimits.enabled(new MapLimits(Map.of("image_count_uploading", 2L)),
                new FixedUsage(0, 0, 0, 2));

        assertThatCode(() -> limits.enforceImageCountUploading(CALLER)).doesNotThrowAnyException();
    }

    @Test
    void unregisteredResourceHasLimitZero() {
        UnifiedLimits limits = UnifiedLimits.enabled(new MapLimits(Map.of()), new FixedUsage(0, 0, 0, 0));

        assertThatCode(() -> limits.enforceImageSizeTotal(CALLER, 0)).doesNotThrowAnyException();
        assertOverLimit(() -> limits.enforceImageCountTotal(CALLER), "Project proj is over a limit for [Resource"
                + " image_count_total is over limit of 0 due to current usage 0 and delta 1]");
    }

    @Test
    void minusOneMeansNoLimit() {
        UnifiedLimits limits = UnifiedLimits.enabled(new MapLimits(Map.of("image_count_total", -1L)),
                new FixedUsage(0, 0, 1_000_000, 0));

        assertThatCode(() -> limits.enforceImageCountTotal(CALLER)).doesNotThrowAnyException();
    }

    @Test
    void withoutProjectOnlyRegisteredLimitsApplyAndThePythonNoneIsPrinted() {
        MapLimits registered = new MapLimits(Map.of("image_count_total", 0L));
        RequestContext ownerless = RequestContext.unauthenticatedAdmin();

        assertOverLimit(() -> UnifiedLimits.enabled(registered, new FixedUsage(0, 0, 0, 0))
                .enforceImageCountTotal(ownerless), "Project None is over a limit for [Resource image_count_total is"
                + " over limit of 0 due to current usage 0 and delta 1]");
        assertThat(registered.projects).containsExactly((String) null);
    }

    @Test
    void disabledLimitsCheckNothingAndReportNothing() {
        UnifiedLimits disabled = UnifiedLimits.disabled();

        assertThatCode(() -> {
            disabled.enforceImageCountTotal(CALLER);
            disabled.enforceImageSizeTotal(CALLER, Long.MAX_VALUE / 2);
            disabled.enforceImageStageTotal(CALLER, Long.MAX_VALUE / 2);
            disabled.enforceImageCountUploading(CALLER);
        }).doesNotThrowAnyException();
        assertThat(disabled.usageDocument(CALLER)).isEqualTo(Map.of("usage", Map.of()));
    }

    @Test
    void usageDocumentListsTheFourResourcesInUpstreamsOrder() {
        UnifiedLimits limits = UnifiedLimits.enabled(new MapLimits(Map.of("image_size_total", 1000L,
                "image_stage_total", 500L, "image_count_total", 100L, "image_count_uploading", 10L)),
                new FixedUsage(5 * MIB + 7, 3 * MIB, 4, 1));

        Map<String, Object> document = limits.usageDocument(CALLER);

        assertThat(document).containsOnlyKeys("usage");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> usage = (Map<String, Map<String, Long>>) document.get("usage");
        assertThat(usage.keySet())
                .containsExactly("image_size_total", "image_stage_total", "image_count_total", "image_count_uploading");
        assertThat(usage.get("image_size_total")).containsExactly(Map.entry("usage", 5L), Map.entry("limit", 1000L));
        assertThat(usage.get("image_stage_total")).containsExactly(Map.entry("usage", 3L), Map.entry("limit", 500L));
        assertThat(usage.get("image_count_total")).containsExactly(Map.entry("usage", 4L), Map.entry("limit", 100L));
        assertThat(usage.get("image_count_uploading")).containsExactly(Map.entry("usage", 1L), Map.entry("limit", 10L));
    }
}
