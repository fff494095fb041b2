package org.glancej.images;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.images.data.digest.HashAlgorithm;
import org.glancej.images.data.format.FormatEnforcement;

/** Options that shape the images API: paging, size cap, formats and their enforcement, hashing, direct URLs. */
public record ImagesConfig(
        int limitParamDefault,
        int apiLimitMax,
        long imageSizeCap,
        boolean showImageDirectUrl,
        String hashingAlgorithm,
        List<String> diskFormats,
        List<String> containerFormats,
        FormatEnforcement formatEnforcement) {

    public static final List<String> DEFAULT_DISK_FORMATS =
            List.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop");
    public static final List<String> DEFAULT_CONTAINER_FORMATS =
            List.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed");

    public ImagesConfig {
        diskFormats = List.copyOf(diskFormats);
        containerFormats = List.copyOf(containerFormats);
        Objects.requireNonNull(formatEnforcement, "formatEnforcement is null");
    }

    /** With upstream's default format enforcement. */
    public ImagesConfig(int limitParamDefault, int apiLimitMax, long imageSizeCap, boolean showImageDirectUrl,
            String hashingAlgorithm, List<String> diskFormats, List<String> containerFormats) {
        this(limitParamDefault, apiLimitMax, imageSizeCap, showImageDirectUrl, hashingAlgorithm, diskFormats,
                containerFormats, FormatEnforcement.DEFAULT);
    }

    public static ImagesConfig from(ConfigFile conf) {
        int limitDefault = conf.integer("DEFAULT", "limit_param_default", 25, 1, Integer.MAX_VALUE);
        int limitMax = conf.integer("DEFAULT", "api_limit_max", 1000, 1, Integer.MAX_VALUE);
        String algorithm = conf.string("DEFAULT", "hashing_algorithm", "sha512").strip().toLowerCase(Locale.ROOT);
        if (HashAlgorithm.fromPython(algorithm).isEmpty()) {
            throw new ConfigException("invalid value for [DEFAULT] hashing_algorithm = " + algorithm
                    + ": must be one of " + Arrays.stream(HashAlgorithm.values()).map(HashAlgorithm::pythonName).toList());
        }
        return new ImagesConfig(
                limitDefault,
                limitMax,
                conf.longValue("DEFAULT", "image_size_cap", 1L << 40, 0, Long.MAX_VALUE),
                conf.bool("DEFAULT", "show_image_direct_url", false),
                algorithm,
                nonEmpty(conf, "disk_formats", DEFAULT_DISK_FORMATS),
                nonEmpty(conf, "container_formats", DEFAULT_CONTAINER_FORMATS),
                FormatEnforcement.from(conf));
    }

    private static List<String> nonEmpty(ConfigFile conf, String option, List<String> defaults) {
        List<String> values = conf.list("image_format", option, defaults);
        if (values.isEmpty()) {
            throw new ConfigException("invalid value for [image_format] " + option + " = : must not be empty");
        }
        return values;
    }
}
