package org.glancej.quota;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;

/**
 * Keystone unified limits ({@code [DEFAULT] use_keystone_limits}): the four per-project resources upstream
 * enforces, each checked as {@code usage + delta > limit} against the caller's project (the owner of what it
 * creates). They are soft limits, as upstream's: checked before an operation, never reserved, so one upload
 * may overshoot and concurrent requests may each pass. When disabled every check passes and the usage
 * report is empty.
 */
public final class UnifiedLimits {
    /** MiB stored across all the project's image locations. */
    public static final String IMAGE_SIZE_TOTAL = "image_size_total";
    /** MiB in staging (uploading, importing, being copied). */
    public static final String IMAGE_STAGE_TOTAL = "image_stage_total";
    public static final String IMAGE_COUNT_TOTAL = "image_count_total";
    public static final String IMAGE_COUNT_UPLOADING = "image_count_uploading";
    /** Upstream's order, kept in the usage report. */
    public static final List<String> RESOURCES =
            List.of(IMAGE_SIZE_TOTAL, IMAGE_STAGE_TOTAL, IMAGE_COUNT_TOTAL, IMAGE_COUNT_UPLOADING);
    private static final long MIB = 1L << 20;

    private final ResourceLimits limits;
    private final QuotaUsage usage;

    private UnifiedLimits(ResourceLimits limits, QuotaUsage usage) {
        this.limits = limits;
        this.usage = usage;
    }

    public static UnifiedLimits enabled(ResourceLimits limits, QuotaUsage usage) {
        return new UnifiedLimits(requireNonNull(limits, "limits is null"), requireNonNull(usage, "usage is null"));
    }

    public static UnifiedLimits disabled() {
        return new UnifiedLimits(null, null);
    }

    public boolean isEnabled() {
        return limits != null;
    }

    /** Before creating an image: one more image must fit. */
    public void enforceImageCountTotal(RequestContext ctx) {
        enforce(ctx, IMAGE_COUNT_TOTAL, 1);
    }

    /**
     * Before upload ({@code deltaMiB} = the announced size in whole MiB, 0 when unknown), before import (0: the
     * project must not be over already), and in a glance-direct import with the staged image's MiB.
     */
    public void enforceImageSizeTotal(RequestContext ctx, long deltaMiB) {
        enforce(ctx, IMAGE_SIZE_TOTAL, deltaMiB);
    }

    /**
     * Before staging (the announced size in whole MiB, 0 when unknown), and in copy-image, web-download and
     * glance-download imports with the image's MiB.
     */
    public void enforceImageStageTotal(RequestContext ctx, long deltaMiB) {
        enforce(ctx, IMAGE_STAGE_TOTAL, deltaMiB);
    }

    /** After the image entered saving / uploading (so it already counts): delta 0. */
    public void enforceImageCountUploading(RequestContext ctx) {
        enforce(ctx, IMAGE_COUNT_UPLOADING, 0);
    }

    /** Limit and usage of each resource for the caller's project, in {@link #RESOURCES} order; empty when disabled. */
    public Map<String, ProjectUsage> usage(RequestContext ctx) {
        Map<String, ProjectUsage> report = new LinkedHashMap<>();
        if (!isEnabled()) {
            return report;
        }
        Map<String, Long> resolved = limits.limits(ctx.projectId(), RESOURCES);
        for (String resource : RESOURCES) {
            report.put(resource, new ProjectUsage(resolved.get(resource), current(resource, ctx.projectId())));
        }
        return report;
    }

    /** The body of {@code GET /v2/info/usage}: {@code {"usage": {"image_size_total": {"usage": U, "limit": L}}}}. */
    public Map<String, Object> usageDocument(RequestContext ctx) {
        Map<String, Object> resources = new LinkedHashMap<>();
        usage(ctx).forEach((name, u) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("usage", u.usage());
            entry.put("limit", u.limit());
            resources.put(name, entry);
        });
        return Map.of("usage", resources);
    }

    private void enforce(RequestContext ctx, String resource, long delta) {
        if (!isEnabled()) {
            return;
        }
        String project = ctx.projectId();
        long limit = limits.limits(project, List.of(resource)).get(resource);
        long current = current(resource, project);
        // Keystone documents -1 as "no limit"; oslo.limit would count every use as over it
        if (limit >= 0 && current + delta > limit) {
            // oslo.limit's ProjectOverLimit text inside Glance's LimitExceeded text; Python prints null as None
            String over = "Project " + (project == null ? "None" : project) + " is over a limit for [Resource "
                    + resource + " is over limit of " + limit + " due to current usage " + current + " and delta "
                    + delta + "]";
            throw new GlanceException(ErrorKind.REQUEST_ENTITY_TOO_LARGE, "The request returned a 413 Request Entity"
                    + " Too Large. This generally means that rate limiting or a quota threshold was breached.\n\n"
                    + "The response body:\n" + over);
        }
    }

    private long current(String resource, String owner) {
        return switch (resource) {
            case IMAGE_SIZE_TOTAL -> usage.storedBytes(owner, null) / MIB;
            case IMAGE_STAGE_TOTAL -> usage.stagedBytes(owner) / MIB;
            case IMAGE_COUNT_TOTAL -> usage.imageCount(owner);
            case IMAGE_COUNT_UPLOADING -> usage.uploadingCount(owner);
            default -> throw new IllegalArgumentException("unknown resource " + resource);
        };
    }
}
