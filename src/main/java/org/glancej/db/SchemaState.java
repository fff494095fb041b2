package org.glancej.db;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What a database holds, judged by upstream's {@code alembic_version} table and the Glance tables present. */
public record SchemaState(Kind kind, List<String> revisions) {

    public enum Kind {
        /** No Glance tables and no revision: ready for the schema to be created. */
        EMPTY,
        /** At {@link AlembicRevisions#HEAD}. */
        CURRENT,
        /** At an upstream revision before the head. */
        OLDER,
        /** At a revision of a later upstream release. */
        NEWER,
        /** At a revision nobody we know wrote. */
        UNKNOWN,
        /** Glance tables without a revision: a failed creation or a pre-alembic database. */
        UNVERSIONED
    }

    public SchemaState {
        requireNonNull(kind, "kind is null");
        revisions = List.copyOf(revisions);
    }

    static SchemaState of(List<String> revisions, boolean hasGlanceTables) {
        if (revisions.isEmpty()) {
            return new SchemaState(hasGlanceTables ? Kind.UNVERSIONED : Kind.EMPTY, revisions);
        }
        // during upstream's expand/contract upgrades both branch heads are recorded; the contract head decides
        if (revisions.contains(AlembicRevisions.HEAD)) {
            return new SchemaState(Kind.CURRENT, revisions);
        }
        if (revisions.stream().anyMatch(AlembicRevisions.NEWER::contains)) {
            return new SchemaState(Kind.NEWER, revisions);
        }
        if (revisions.stream().allMatch(AlembicRevisions.OLDER::contains)) {
            return new SchemaState(Kind.OLDER, revisions);
        }
        return new SchemaState(Kind.UNKNOWN, revisions);
    }

    /** One sentence for operators: where the database is and what to do about it. */
    public String describe() {
        String at = String.join(", ", revisions);
        return switch (kind) {
            case EMPTY -> "the database has no Glance schema yet";
            case CURRENT -> "the database schema is at revision " + at;
            case OLDER -> "the database schema is at upstream Glance revision " + at + ", older than "
                    + AlembicRevisions.HEAD + "; upgrading older schemas is not supported yet: upgrade it with"
                    + " upstream glance-manage db_sync (Zed or later) first";
            case NEWER -> "the database schema is at revision " + at + " of a later upstream Glance release;"
                    + " this service supports " + AlembicRevisions.HEAD + " only";
            case UNKNOWN -> "the database records unknown schema revision(s) " + at + "; expected "
                    + AlembicRevisions.HEAD;
            case UNVERSIONED -> "the database has Glance tables but no alembic_version revision (an interrupted"
                    + " creation or a pre-alembic schema); restore it or drop its tables and run db_sync again";
        };
    }
}
