package org.glancej.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The options of one or more {@code glance-api.conf}-style files, later files overriding earlier ones as
 * oslo.config does. Unknown sections and options are kept (OptionAudit reports them at startup); typed getters
 * reject bad values for the options we honour with a message naming section, option and value.
 */
public final class ConfigFile {
    private final Map<String, Map<String, List<String>>> sections;
    private final List<Path> sources;
    private final BiConsumer<String, String> reads;

    private ConfigFile(Map<String, Map<String, List<String>>> sections, List<Path> sources,
            BiConsumer<String, String> reads) {
        this.sections = sections;
        this.sources = List.copyOf(sources);
        this.reads = reads;
    }

    private ConfigFile(Map<String, Map<String, List<String>>> sections, List<Path> sources) {
        this(sections, sources, (section, option) -> {});
    }

    /**
     * The same options, telling {@code reads} the section and name of every option looked up (set or not); this
     * is how the list of options the service implements is checked against the code that reads them.
     */
    public ConfigFile observingReads(BiConsumer<String, String> reads) {
        return new ConfigFile(sections, sources, reads);
    }

    /** The sections the files contain, in file order. */
    public Set<String> sections() {
        return Collections.unmodifiableSet(sections.keySet());
    }

    /** The options set in a section, in file order; empty for a section the files do not contain. */
    public Set<String> options(String section) {
        return Collections.unmodifiableSet(sections.getOrDefault(section, Map.of()).keySet());
    }

    public static ConfigFile empty() {
        return new ConfigFile(Map.of(), List.of());
    }

    /** The files this configuration was read from, in order (companion files such as schema-image.json sit beside them). */
    public List<Path> sources() {
        return sources;
    }

    public static ConfigFile load(List<Path> files) {
        Map<String, Map<String, List<String>>> merged = new LinkedHashMap<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
            Map<String, Map<String, List<String>>> one = new LinkedHashMap<>();
            IniParser.parse(file.toString(), text, one);
            one.forEach((section, options) -> merged.computeIfAbsent(section, k -> new LinkedHashMap<>()).putAll(options));
        }
        return new ConfigFile(merged, files);
    }

    public static ConfigFile parse(String text) {
        Map<String, Map<String, List<String>>> parsed = new LinkedHashMap<>();
        IniParser.parse("<string>", text, parsed);
        return new ConfigFile(parsed, List.of());
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /** The last value given for the option, if any; an empty value counts as given. */
    public Optional<String> raw(String section, String option) {
        reads.accept(section, option);
        List<String> values = sections.getOrDefault(section, Map.of()).get(option);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    /** Every value given for a multi-valued option, in file order. */
    public List<String> all(String section, String option) {
        reads.accept(section, option);
        return List.copyOf(sections.getOrDefault(section, Map.of()).getOrDefault(option, List.of()));
    }

    public String string(String section, String option, String defaultValue) {
        return raw(section, option).orElse(defaultValue);
    }

    public int integer(String section, String option, int defaultValue, int min, int max) {
        long value = longValue(section, option, defaultValue, min, max);
        return (int) value;
    }

    public long longValue(String section, String option, long defaultValue, long min, long max) {
        Optional<String> raw = raw(section, option);
        if (raw.isEmpty() || raw.get().isEmpty()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.get().strip());
        } catch (NumberFormatException e) {
            throw ConfigException.badValue(section, option, raw.get(), "not an integer");
        }
        if (value < min || value > max) {
            throw ConfigException.badValue(section, option, raw.get(), "must be between " + min + " and " + max);
        }
        return value;
    }

    public boolean bool(String section, String option, boolean defaultValue) {
        Optional<String> raw = raw(section, option);
        if (raw.isEmpty() || raw.get().isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> throw ConfigException.badValue(section, option, raw.get(), "not a boolean");
        };
    }

    /** A comma-separated list, optionally wrapped in brackets; blank items are dropped. */
    public List<String> list(String section, String option, List<String> defaultValue) {
        Optional<String> raw = raw(section, option);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String value = raw.get().strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return List.copyOf(items);
    }

    /** One of a fixed set of choices. */
    public String choice(String section, String option, String defaultValue, List<String> choices) {
        String value = string(section, option, defaultValue);
        if (!choices.contains(value)) {
            throw ConfigException.badValue(section, option, value, "must be one of " + choices);
        }
        return value;
    }
}
