package org.glancej.images.protection;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;

/**
 * {@code [DEFAULT] property_protection_file} and {@code property_protection_rule_format}. Without a file (the
 * default) properties are unprotected. A relative name is looked up as oslo.config's {@code find_file} does:
 * beside the configuration files (the last one's directory first), then in {@code ~/.glance}, {@code ~},
 * {@code /etc/glance} and {@code /etc}; a file that cannot be found stops the service from starting.
 */
public record PropertyProtectionConfig(Optional<Path> file, RuleFormat format) {

    /** How the file names who may do an operation. */
    public enum RuleFormat {
        /** Comma-separated role names. */
        ROLES,
        /** One rule name of the policy file. */
        POLICIES
    }

    public PropertyProtectionConfig {
        requireNonNull(file, "file is null");
        requireNonNull(format, "format is null");
    }

    public static PropertyProtectionConfig from(ConfigFile conf) {
        String format =
                conf.choice("DEFAULT", "property_protection_rule_format", "roles", List.of("roles", "policies"));
        String name = conf.string("DEFAULT", "property_protection_file", "").strip();
        Optional<Path> file = name.isEmpty() ? Optional.empty() : Optional.of(find(name, conf.sources()));
        return new PropertyProtectionConfig(file, format.equals("roles") ? RuleFormat.ROLES : RuleFormat.POLICIES);
    }

    private static Path find(String name, List<Path> configFiles) {
        List<Path> dirs = new ArrayList<>();
        for (Path configFile : configFiles.reversed()) {
            Path parent = configFile.toAbsolutePath().getParent();
            if (parent != null) {
                dirs.add(parent);
            }
        }
        Path home = Path.of(System.getProperty("user.home"));
        dirs.addAll(List.of(home.resolve(".glance"), home, Path.of("/etc/glance"), Path.of("/etc")));
        for (Path dir : dirs) {
            Path candidate = dir.resolve(name); // an absolute name resolves to itself
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new ConfigException("invalid value for [DEFAULT] property_protection_file = " + name
                + ": no such file beside the configuration files or in ~/.glance, ~, /etc/glance, /etc");
    }
}
