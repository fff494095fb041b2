package org.glancej.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.glancej.config.ConfigFile;

/**
 * Where one store reads its options: {@code [glance_store]} for the legacy single-store form, or the section
 * named by the store's id under {@code enabled_backends}, falling back to {@code [backend_defaults]} for
 * options that section does not set (as glance_store 5 does).
 *
 * @param conf the whole configuration
 * @param section the section the store's options are in
 * @param storeId the store's id (its type in the legacy form)
 * @param fallback a section consulted for options {@code section} lacks, or null
 */
public record StoreSection(ConfigFile conf, String section, String storeId, String fallback) {
    public static final String BACKEND_DEFAULTS = "backend_defaults";

    public StoreSection {
        requireNonNull(conf, "conf is null");
        requireNonNull(section, "section is null");
        requireNonNull(storeId, "storeId is null");
    }

    /** The section an option is read from: the store's own unless only the fallback sets it. */
    public String sectionOf(String option) {
        if (fallback != null && conf.raw(section, option).isEmpty() && conf.raw(fallback, option).isPresent()) {
            return fallback;
        }
        return section;
    }

    public String string(String option, String defaultValue) {
        return conf.string(sectionOf(option), option, defaultValue);
    }

    public int integer(String option, int defaultValue, int min, int max) {
        return conf.integer(sectionOf(option), option, defaultValue, min, max);
    }

    public long longValue(String option, long defaultValue, long min, long max) {
        return conf.longValue(sectionOf(option), option, defaultValue, min, max);
    }

    public boolean bool(String option, boolean defaultValue) {
        return conf.bool(sectionOf(option), option, defaultValue);
    }

    public List<String> list(String option, List<String> defaultValue) {
        return conf.list(sectionOf(option), option, defaultValue);
    }

    public String choice(String option, String defaultValue, List<String> choices) {
        return conf.choice(sectionOf(option), option, defaultValue, choices);
    }
}
