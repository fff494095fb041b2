package org.glancej.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A list of options from a resource, one {@code section option [origin] [renamed:section/option]} per line.
 * A section {@code store:TYPE} holds the options of one store type, {@code store:*} those of every store: where
 * they are read depends on the configuration (see {@link OptionAudit}).
 */
final class OptionList {
    static final String ANY_STORE = "*";

    /**
     * @param origin the project that reads the option upstream ({@code glance.api}, {@code oslo.log}, ...)
     * @param renamedTo for an old spelling, {@code section/option} of the current one; empty otherwise
     */
    record Entry(String section, String option, String origin, String renamedTo) {
        boolean ofGlance() {
            return origin.isEmpty() || origin.startsWith("glance.");
        }
    }

    private final Map<String, Map<String, Entry>> sections;

    private OptionList(Map<String, Map<String, Entry>> sections) {
        this.sections = sections;
    }

    static OptionList resource(String name) {
        try (InputStream in = OptionList.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OptionList parse(Iterable<String> lines) {
        Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            String origin = f.length > 2 ? f[2] : "";
            String renamed = f.length > 3 && f[3].startsWith("renamed:") ? f[3].substring("renamed:".length()) : "";
            sections.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], new Entry(f[0], f[1], origin, renamed));
        }
        return new OptionList(sections);
    }

    Optional<Entry> get(String section, String option) {
        return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(option));
    }

    boolean has(String section, String option) {
        return get(section, option).isPresent();
    }

    boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /** The store types having this option ({@value #ANY_STORE} for every store); empty if no store has it. */
    Set<String> storeTypesOf(String option) {
        Set<String> types = new TreeSet<>();
        sections.forEach((section, options) -> {
            if (section.startsWith("store:") && options.containsKey(option)) {
                types.add(section.substring("store:".length()));
            }
        });
        return types;
    }

    /** Whether a store of one of {@code types} has the option, counting the options of every store. */
    boolean storeOption(Set<String> types, String option) {
        return has("store:" + ANY_STORE, option) || types.stream().anyMatch(type -> has("store:" + type, option));
    }

    /** The sections (store sections excluded) that have an option of this name. */
    Set<String> sectionsWith(String option) {
        Set<String> found = new TreeSet<>();
        sections.forEach((section, options) -> {
            if (!section.startsWith("store:") && options.containsKey(option)) {
                found.add(section);
            }
        });
        return found;
    }

    Set<String> sectionNames() {
        return sections.keySet();
    }

    Set<String> optionNames(String section) {
        return sections.getOrDefault(section, Map.of()).keySet();
    }
}
