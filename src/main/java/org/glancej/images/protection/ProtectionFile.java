package org.glancej.images.protection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.glancej.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the sections of a protection file into rules, refusing what upstream refuses at startup: a section
 * whose name does not compile as a regular expression, a missing operation, {@code @} together with {@code !}
 * (roles format), several policies for one operation (policies format). As upstream since 2025, sections whose
 * name starts with {@code os_glance} are dropped and an all-permitting {@code os_glance.*} rule goes first, so
 * Glance's own bookkeeping properties (import state) stay writable whatever the file says.
 */
final class ProtectionFile {
    private static final Logger LOG = LoggerFactory.getLogger(ProtectionFile.class);
    private static final String RESERVED = "os_glance";

    private ProtectionFile() {}

    static List<ProtectionRule> rules(String source, String text, boolean policies) {
        List<ProtectionRule> rules = new ArrayList<>();
        Map<PropertyOperation, List<String>> everyone = new EnumMap<>(PropertyOperation.class);
        Arrays.stream(PropertyOperation.values()).forEach(op -> everyone.put(op, List.of("@")));
        rules.add(new ProtectionRule(RESERVED + ".*", Pattern.compile(RESERVED + ".*"), everyone));
        for (IniSections.Section section : IniSections.parse(source, text)) {
            if (section.name().startsWith(RESERVED)) {
                LOG.warn("{}: ignoring section [{}]: the {} namespace is reserved for Glance", source, section.name(),
                        RESERVED);
                continue;
            }
            Map<PropertyOperation, List<String>> permissions = new EnumMap<>(PropertyOperation.class);
            for (PropertyOperation op : PropertyOperation.values()) {
                permissions.put(op, permissions(source, section, op, policies));
            }
            rules.add(new ProtectionRule(section.name(), compile(source, section.name()), permissions));
        }
        return List.copyOf(rules);
    }

    private static List<String> permissions(String source, IniSections.Section section, PropertyOperation op,
            boolean policies) {
        String value = section.options().get(op.optionName());
        if (value == null) {
            throw invalid(source, section, "the " + op.optionName() + " operation is missing");
        }
        if (value.isEmpty()) {
            LOG.warn("{}: [{}] {} is empty: nobody may {} these properties", source, section.name(), op.optionName(),
                    op.optionName());
            return List.of();
        }
        if (policies) {
            if (value.contains(",")) {
                throw invalid(source, section, op.optionName() + " = " + value
                        + ": one policy per operation (combine them in the policy file)");
            }
            return List.of(value);
        }
        List<String> roles = Arrays.stream(value.split(",", -1)).map(r -> r.strip().toLowerCase(Locale.ROOT)).toList();
        if (roles.contains("@") && roles.contains("!")) {
            throw invalid(source, section, op.optionName() + " = " + value + ": '@' and '!' exclude each other");
        }
        return roles;
    }

    /** Java reads the usual Python patterns alike; Python-only syntax such as {@code (?P<name>)} fails here. */
    private static Pattern compile(String source, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(source + ": section [" + regex + "] is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    private static ConfigException invalid(String source, IniSections.Section section, String why) {
        return new ConfigException(source + ": invalid property protection rule [" + section.name() + "]: " + why);
    }
}
