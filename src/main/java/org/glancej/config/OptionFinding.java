package org.glancej.config;

import java.util.List;

/**
 * What the startup audit found about options set in the configuration files: one option, or for kinds reported
 * per section, all of that section's options of the kind.
 */
public record OptionFinding(Kind kind, String section, List<String> options, String message) {

    public enum Kind {
        /** An upstream option this service refuses to start with (see RefusedOptions). */
        REFUSED(true),
        /** An upstream Glance option this service does not implement yet: it has no effect. */
        NOT_IMPLEMENTED(true),
        /** A store option in {@code [glance_store]} while {@code enabled_backends} reads them per backend. */
        MISPLACED(true),
        /** Options of a library upstream uses and this service does not (oslo.messaging, keystonemiddleware, ...). */
        OTHER_LIBRARY(true),
        /** Options upstream ignores too in this configuration (stores not enabled, multi-store sections). */
        IGNORED_AS_UPSTREAM(false),
        /** An option this service reads whose value upstream Glance cannot read (a list without brackets). */
        UPSTREAM_UNREADABLE(true),
        /** An option neither upstream Glance nor this service has (a typo?). */
        UNKNOWN_OPTION(true),
        /** A section neither upstream Glance nor this service reads. */
        UNKNOWN_SECTION(true);

        private final boolean warning;

        Kind(boolean warning) {
            this.warning = warning;
        }

        /** Whether it is logged as a warning (the rest is logged for information). */
        public boolean warning() {
            return warning;
        }
    }

    public OptionFinding {
        options = List.copyOf(options);
    }
}
