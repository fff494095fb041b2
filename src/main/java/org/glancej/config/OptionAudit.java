package org.glancej.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.glancej.config.OptionFinding.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No option set in a configuration file is ignored silently: each one this service does not read is reported
 * at startup, against the inventory of upstream's options (upstream-options.txt, generated from Debian's full
 * sample) and the list of options this service reads (implemented-options.txt). Options of other libraries,
 * unknown sections and options upstream ignores too are reported in one line per section.
 */
public final class OptionAudit {
    private static final Logger LOG = LoggerFactory.getLogger(OptionAudit.class);

    private final OptionList upstream;
    private final OptionList implemented;

    OptionAudit(OptionList upstream, OptionList implemented) {
        this.upstream = upstream;
        this.implemented = implemented;
    }

    public static OptionAudit standard() {
        return new OptionAudit(OptionList.resource("/config/upstream-options.txt"),
                OptionList.resource("/config/implemented-options.txt"));
    }

    /** Logs every finding; refused options then stop startup with one message naming them all. */
    public void enforce(ConfigFile conf) {
        List<OptionFinding> findings = audit(conf);
        report(findings);
        List<String> refused = findings.stream().filter(f -> f.kind() == Kind.REFUSED).map(OptionFinding::message)
                .toList();
        if (!refused.isEmpty()) {
            throw new ConfigException("refusing to start: " + String.join("; ", refused));
        }
    }

    /** Logs findings other than refusals, one line each. */
    public void report(List<OptionFinding> findings) {
        for (OptionFinding finding : findings) {
            if (finding.kind() == Kind.REFUSED) {
                continue;
            }
            if (finding.kind().warning()) {
                LOG.warn(finding.message());
            } else {
                LOG.info(finding.message());
            }
        }
    }

    /** Whether the list of implemented options covers reading {@code option} from {@code section} of {@code conf}. */
    public boolean listsAsImplemented(ConfigFile conf, String section, String option) {
        StoreSections stores = StoreSections.of(conf);
        if (stores.isStoreSection(section) && implemented.storeOption(stores.typesIn(section), option)) {
            return true;
        }
        return implemented.has(section, option);
    }

    public List<OptionFinding> audit(ConfigFile conf) {
        StoreSections stores = StoreSections.of(conf);
        List<OptionFinding> findings = new ArrayList<>();
        Map<List<String>, Set<String>> grouped = new LinkedHashMap<>(); // [kind, section, why] -> options
        for (String section : conf.sections()) {
            for (String option : conf.options(section)) {
                String value = conf.raw(section, option).orElse("");
                OptionFinding one = classify(stores, section, option, value, grouped);
                if (one != null) {
                    findings.add(one);
                }
            }
        }
        grouped.forEach((key, options) -> findings.add(group(Kind.valueOf(key.get(0)), key.get(1), key.get(2), options)));
        return findings;
    }

    private OptionFinding classify(StoreSections stores, String section, String option, String value,
            Map<List<String>, Set<String>> grouped) {
        String name = "[" + section + "] " + option;
        var refusal = RefusedOptions.match(section, option, value);
        if (refusal.isPresent()) {
            return new OptionFinding(Kind.REFUSED, section, List.of(option),
                    name + " is set, which this service does not implement: " + refusal.get().why());
        }
        if (stores.isStoreSection(section) && !upstream.storeTypesOf(option).isEmpty()) {
            return classifyStoreOption(stores, section, option, grouped);
        }
        if (section.equals(StoreSections.GLANCE_STORE) && stores.multiStore()
                && !upstream.storeTypesOf(option).isEmpty()) {
            return new OptionFinding(Kind.MISPLACED, section, List.of(option), name + " has no effect: with [DEFAULT]"
                    + " enabled_backends, store options are read from each backend's section or [backend_defaults]");
        }
        if (implemented.has(section, option)) {
            return BracketedLists.unbracketed(section, option, value)
                    .map(why -> new OptionFinding(Kind.UPSTREAM_UNREADABLE, section, List.of(option), why))
                    .orElse(null);
        }
        var known = upstream.get(section, option);
        if (known.isPresent()) {
            if (!known.get().ofGlance()) {
                note(grouped, Kind.OTHER_LIBRARY, section, known.get().origin(), option);
                return null;
            }
            return notImplemented(section, option, name);
        }
        if (stores.isStoreSection(section) || upstream.hasSection(section) || implemented.hasSection(section)) {
            Set<String> elsewhere = upstream.sectionsWith(option);
            Set<String> storeTypes = upstream.storeTypesOf(option);
            String hint = !elsewhere.isEmpty() ? " (upstream reads it in " + bracketed(elsewhere) + ")"
                    : !storeTypes.isEmpty() ? " (a store option of " + storeTypes + ")" : "";
            return new OptionFinding(Kind.UNKNOWN_OPTION, section, List.of(option),
                    name + ": unknown option, neither upstream Glance nor this service has it" + hint + "; ignored");
        }
        if (StoreSections.BACKEND_DEFAULTS.equals(section) || StoreSections.RESERVED.contains(section)) {
            note(grouped, Kind.IGNORED_AS_UPSTREAM, section, "read only with [DEFAULT] enabled_backends", option);
            return null;
        }
        // a store section nothing names (a backend id misspelt, or a multi-store section in the legacy form)
        boolean storeOption = !upstream.storeTypesOf(option).isEmpty();
        note(grouped, Kind.UNKNOWN_SECTION, section, storeOption ? storeSectionHint(stores) : "", option);
        return null;
    }

    private static String storeSectionHint(StoreSections stores) {
        return stores.multiStore()
                ? "not a store named in [DEFAULT] enabled_backends " + stores.backendIds()
                : "without [DEFAULT] enabled_backends, store options are read from [glance_store] only";
    }

    /** A store option in a section holding store options, judged by the store types that section configures. */
    private OptionFinding classifyStoreOption(StoreSections stores, String section, String option,
            Map<List<String>, Set<String>> grouped) {
        Set<String> types = stores.typesIn(section);
        if (!stores.multiStore() && upstream.has("store:" + OptionList.ANY_STORE, option)) {
            note(grouped, Kind.IGNORED_AS_UPSTREAM, section, "read only with [DEFAULT] enabled_backends", option);
        } else if (!implemented.storeOption(types, option)) {
            if (upstream.storeOption(types, option)) {
                return notImplemented(section, option, "[" + section + "] " + option);
            }
            note(grouped, Kind.IGNORED_AS_UPSTREAM, section, "options of " + upstream.storeTypesOf(option)
                    + " stores, which this section does not configure", option);
        }
        return null;
    }

    private OptionFinding notImplemented(String section, String option, String name) {
        String renamed = upstream.get(section, option).map(OptionList.Entry::renamedTo).orElse("");
        String hint = "";
        if (!renamed.isEmpty()) {
            String[] to = renamed.split("/", 2);
            hint = "; it is the old name of [" + to[0] + "] " + to[1]
                    + (implemented.has(to[0], to[1]) ? ", which this service reads under that name only" : "");
        }
        return new OptionFinding(Kind.NOT_IMPLEMENTED, section, List.of(option),
                name + " is set but has no effect in this service (not implemented)" + hint);
    }

    private static void note(Map<List<String>, Set<String>> grouped, Kind kind, String section, String why,
            String option) {
        grouped.computeIfAbsent(List.of(kind.name(), section, why), k -> new TreeSet<>()).add(option);
    }

    private static OptionFinding group(Kind kind, String section, String why, Set<String> options) {
        String names = "[" + section + "] " + String.join(", ", options);
        String message = switch (kind) {
            case OTHER_LIBRARY -> names + ": set but without effect in this service (options of " + why
                    + ", which it does not use)";
            case UNKNOWN_SECTION -> "[" + section + "]: " + (why.isEmpty()
                    ? "unknown section, neither upstream Glance nor this service reads it" : why)
                    + "; its options " + String.join(", ", options) + " are ignored";
            default -> names + ": ignored, as upstream does (" + why + ")";
        };
        return new OptionFinding(kind, section, List.copyOf(options), message);
    }

    private static String bracketed(Set<String> sections) {
        return String.join(", ", sections.stream().map(s -> "[" + s + "]").toList());
    }
}
