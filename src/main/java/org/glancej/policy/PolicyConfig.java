package org.glancej.policy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;

/**
 * {@code [oslo_policy]}: where operators' rule overrides are and how the defaults apply.
 *
 * @param policyFile {@code policy_file} (default {@code policy.yaml}) as found; empty when the default
 *        name is found nowhere, which means no overrides
 * @param policyDirs the {@code policy_dirs} (default {@code policy.d}) that exist; their files, in name
 *        order, override the policy file
 * @param enforceNewDefaults {@code enforce_new_defaults} (default true); false also accepts each rule's
 *        legacy default
 * @param enforceScope {@code enforce_scope} (default true); false lets tokens of the wrong scope through
 *        to the rule itself
 * @param defaultRule {@code policy_default_rule} (default {@code default}): what {@code rule:NAME} means
 *        when no rule has that name
 */
public record PolicyConfig(Optional<Path> policyFile, List<Path> policyDirs, boolean enforceNewDefaults,
        boolean enforceScope, String defaultRule) {

    private static final String SECTION = "oslo_policy";

    public PolicyConfig {
        requireNonNull(policyFile, "policyFile is null");
        policyDirs = List.copyOf(policyDirs);
        requireNonNull(defaultRule, "defaultRule is null");
    }

    /** The built-in defaults only. */
    public static PolicyConfig defaults() {
        return new PolicyConfig(Optional.empty(), List.of(), true, true, "default");
    }

    public static PolicyConfig from(ConfigFile conf) {
        String home = System.getProperty("user.home");
        return from(conf, List.of(Path.of(home, ".glance"), Path.of(home), Path.of("/etc/glance"), Path.of("/etc")));
    }

    /**
     * Relative names are looked up as oslo.config's {@code find_file} does: beside the configuration
     * files (the last one first), then in the standard directories.
     */
    static PolicyConfig from(ConfigFile conf, List<Path> standardDirs) {
        List<Path> searchDirs = new ArrayList<>();
        conf.sources().reversed().forEach(source -> searchDirs.add(source.toAbsolutePath().getParent()));
        searchDirs.addAll(standardDirs);

        Optional<String> configured = conf.raw(SECTION, "policy_file").filter(name -> !name.isBlank());
        String name = configured.orElse("policy.yaml").strip();
        Optional<Path> policyFile = find(name, searchDirs).filter(Files::isRegularFile);
        if (policyFile.isEmpty() && configured.isPresent()) {
            throw new ConfigException("[oslo_policy] policy_file = " + name + ": no such file"
                    + (Path.of(name).isAbsolute() ? "" : " beside the configuration files or in " + standardDirs));
        }
        List<String> dirNames = conf.all(SECTION, "policy_dirs");
        List<Path> policyDirs = (dirNames.isEmpty() ? List.of("policy.d") : dirNames).stream()
                .map(String::strip)
                .filter(dir -> !dir.isEmpty())
                .flatMap(dir -> find(dir, searchDirs).filter(Files::isDirectory).stream())
                .toList();
        return new PolicyConfig(policyFile, policyDirs,
                conf.bool(SECTION, "enforce_new_defaults", true),
                conf.bool(SECTION, "enforce_scope", true),
                conf.string(SECTION, "policy_default_rule", "default").strip());
    }

    private static Optional<Path> find(String name, List<Path> searchDirs) {
        Path path = Path.of(name.startsWith("~") ? System.getProperty("user.home") + name.substring(1) : name);
        if (path.isAbsolute()) {
            return Files.exists(path) ? Optional.of(path) : Optional.empty();
        }
        return searchDirs.stream().map(dir -> dir.resolve(path)).filter(Files::exists).findFirst();
    }
}
