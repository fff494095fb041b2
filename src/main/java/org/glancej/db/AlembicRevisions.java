package org.glancej.db;

import java.util.List;

/**
 * Upstream Glance's alembic revision names, the only schema version marker upstream's tools understand.
 * We create the schema of {@link #HEAD} directly; the other names exist to explain what we find.
 */
public final class AlembicRevisions {
    private AlembicRevisions() {}

    /** Head of the contract branch in Zed (25.x), which {@code glance-manage db version} prints after db_sync. */
    public static final String HEAD = "wallaby_contract01";

    /** Revisions before {@link #HEAD}, oldest first; both branches of the expand/contract split. */
    static final List<String> OLDER = List.of(
            "liberty", "mitaka01", "mitaka02",
            "ocata_expand01", "ocata_contract01", "pike_expand01", "pike_contract01",
            "queens_expand01", "queens_contract01", "rocky_expand01", "rocky_expand02",
            "rocky_contract01", "rocky_contract02", "train_expand01", "train_contract01",
            "ussuri_expand01", "ussuri_contract01", "wallaby_expand01");

    /** Revisions that later upstream releases add on top of {@link #HEAD}. */
    static final List<String> NEWER = List.of(
            "xena_expand01", "xena_contract01", "yoga_expand01", "yoga_contract01",
            "zed_expand01", "zed_contract01", "2023_1_expand01", "2023_1_contract01",
            "2024_1_expand01", "2024_1_contract01");
}
