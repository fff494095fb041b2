package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** One condition every listed image must meet (all filters of a query are AND-ed). */
public sealed interface ListFilter {

    /** Text column equal to one of the values ({@code eq} is a one-element list; an empty list matches nothing). */
    record AnyOf(ImageColumn column, List<String> values) implements ListFilter {
        public AnyOf {
            requireNonNull(column, "column is null");
            values = List.copyOf(values);
        }
    }

    /** Integer column compared with a bound ({@code size_min}, {@code size_max}, {@code min_ram=...}). */
    record IntegerCompare(ImageColumn column, Operator operator, long value) implements ListFilter {
        public IntegerCompare {
            requireNonNull(column, "column is null");
            requireNonNull(operator, "operator is null");
        }
    }

    /** Timestamp column compared with an instant ({@code created_at=gt:...}). */
    record TimestampCompare(ImageColumn column, Operator operator, Instant utc) implements ListFilter {
        public TimestampCompare {
            requireNonNull(column, "column is null");
            requireNonNull(operator, "operator is null");
            requireNonNull(utc, "utc is null");
        }
    }

    record BooleanEquals(ImageColumn column, boolean value) implements ListFilter {
        public BooleanEquals {
            requireNonNull(column, "column is null");
        }
    }

    /** A live (not deleted) tag with this value. */
    record HasTag(String value) implements ListFilter {
        public HasTag {
            requireNonNull(value, "value is null");
        }
    }

    /** A live extra property with exactly this name and value. */
    record HasProperty(String name, String value) implements ListFilter {
        public HasProperty {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }
    }

    /** A filter no image can pass, e.g. {@code size=abc} or {@code visibility=} (empty). */
    record MatchesNothing(String reason) implements ListFilter {
    }

    enum Operator {
        EQ("="), NEQ("<>"), GT(">"), GTE(">="), LT("<"), LTE("<=");

        private final String sql;

        Operator(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }
}
