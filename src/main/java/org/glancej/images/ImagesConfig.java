package org.glancej.images;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;

/** Options that shape the images API: paging, size cap, formats, hashing, direct URLs. */
public record ImagesConfig(
        int limitParamDefault,
        int apiLimitMax,
        long imageSizeCap,
        boolean showImageDirectUrl,
        String hashingAlgorithm,
        String hashingJcaName,
        List<String> diskFormats,
        List<String> containerFormats) {

    public static final List<String> DEFAULT_DISK_FORMATS =
            List.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop");
    public static final List<String> DEFAULT_CONTAINER_FORMATS =
            List.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed");

    /** Python hashlib names accepted by upstream's {@code hashing_algorithm}, with their JCA names. */
    private static final Map<String, String> HASH_ALGORITHMS = Map.ofEntries(
            Map.entry("sha1", "SHA-1"), Map.entry("sha224", "SHA-224"), Map.entry("sha256", "SHA-256"),
            Map.entry("sha384", "SHA-384"), Map.entry("sha512", "SHA-512"),
            Map.entry("sha512_224", "SHA-512/224"), Map.entry("sha512_256", "SHA-512/256"),
            Map.entry("sha3_224", "SHA3-224"), Map.entry("sha3_256", "SHA3-256"),
            Map.entry("sha3_384", "SHA3-384"), Map.entry("sha3_512", "SHA3-512"), Map.entry("md5", "MD5"));

    public ImagesConfig {
        diskFormats = List.copyOf(diskFormats);
        containerFormats = List.copyOf(containerFormats);
    }

    public static ImagesConfig from(ConfigFile conf) {
        int limitDefault = conf.integer("DEFAULT", "limit_param_default", 25, 1, Integer.MAX_VALUE);
        int limitMax = conf.integer("DEFAULT", "api_limit_max", 1000, 1, Integer.MAX_VALUE);
        String algorithm = conf.string("DEFAULT", "hashing_algorithm", "sha512").strip().toLowerCase(Locale.ROOT);
        String jca = HASH_ALGORITHMS.get(algorithm);
        if (jca == null) {
            throw new ConfigException("invalid value for [DEFAULT] hashing_algorithm = " + algorithm
                    + ": must be one of " + HASH_ALGORITHMS.keySet().stream().sorted().toList());
        }
        return new ImagesConfig(
                limitDefault,
                limitMax,
                conf.longValue("DEFAULT", "image_size_cap", 1L << 40, 0, Long.MAX_VALUE),
                conf.bool("DEFAULT", "show_image_direct_url", false),
                algorithm,
                jca,
                nonEmpty(conf, "disk_formats", DEFAULT_DISK_FORMATS),
                nonEmpty(conf, "container_formats", DEFAULT_CONTAINER_FORMATS));
    }

    private static List<String> nonEmpty(ConfigFile conf, String option, List<String> defaults) {
        List<String> values = conf.list("image_format", option, defaults);
        if (values.isEmpty()) {
            throw new ConfigException("invalid value for [image_format] " + option + " = : must not be empty");
        }
        return values;
    }
}
