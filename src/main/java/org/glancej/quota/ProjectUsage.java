package org.glancej.quota;

/** One resource's limit and current consumption, as {@code GET /v2/info/usage} reports them. */
public record ProjectUsage(long limit, long usage) {}
