package org.glancej.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Upstream options this service does not implement and refuses to start with, because ignoring them would put or
 * keep image data somewhere else than the operator meant, or weaken security. Kept short on purpose: every other
 * unimplemented option only warns (OptionAudit). Options a feature's own config already refuses are not repeated
 * here: store types not available ({@code StoresConfig}), {@code filesystem_store_datadirs}
 * ({@code FileStoreFactory}), {@code http_proxy_information} ({@code HttpStoreConfig}), the caching
 * {@code [paste_deploy] flavor}s ({@code AuthConfig}), the {@code [oslo_limit]} client certificate
 * options ({@code OsloLimitConfig}).
 */
final class RefusedOptions {
    private RefusedOptions() {}

    /** @param refuses whether a given value would be ignored to harmful effect (values equal to the default are not) */
    record Rule(String section, String option, Predicate<String> refuses, String why) {}

    static final List<Rule> RULES = List.of(
            // Zed encrypts location URLs in the database with this key (and decrypts what it reads): ignored, we
            // would store credential-bearing URLs in clear and could not read the locations upstream nodes wrote.
            new Rule("DEFAULT", "metadata_encryption_key", value -> !value.isBlank(),
                    "location URLs encrypted with it in the database cannot be read or written by this service"),
            // upstream keeps a deleted image's data (pending_delete) for glance-scrubber and can restore it:
            // ignored, the data would be deleted at once, irreversibly.
            new Rule("DEFAULT", "delayed_delete", value -> !isFalse(value),
                    "delayed deletion (pending_delete, glance-scrubber) is not available; deleted images' data would"
                            + " be removed at once instead of kept"));

    static Optional<Rule> match(String section, String option, String value) {
        return RULES.stream()
                .filter(rule -> rule.section().equals(section) && rule.option().equals(option))
                .filter(rule -> rule.refuses().test(value))
                .findFirst();
    }

    private static boolean isFalse(String value) {
        return List.of("", "false", "0", "off", "no").contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
