package org.glancej.store.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glancej.config.ConfigException;
import org.glancej.store.StoreSection;

/**
 * An S3 store's options, with glance_store's names and defaults. Sizes are in bytes here, MiB in the file.
 *
 * @param endpoint where requests go: {@code s3_store_host}, {@code http://} when it names no scheme
 * @param locationHost the host part of locations: {@code s3_store_host} without its scheme, as upstream writes it
 * @param region the signing region: {@code s3_store_region_name}, else the one upstream derives from an AWS host,
 *     else {@code us-east-1} (S3-compatible servers such as radosgw accept it)
 * @param locationConstraint the region a created bucket asks for, empty for the server's default
 * @param caBundle {@code s3_store_cacert}: a PEM file of CAs to trust for https, empty for the JDK's
 * @param connectTimeout how long opening a connection may take
 * @param readTimeout how long the server may stay silent: before it answers, and between pieces of a body
 */
record S3StoreConfig(URI endpoint, String locationHost, String accessKey, String secretKey, String bucket,
        String region, String locationConstraint, boolean createBucketOnPut, String bucketUrlFormat,
        long largeObjectSize, long chunkSize, int threadPools, String caBundle, Duration connectTimeout,
        Duration readTimeout) {
    static final long MIB = 1 << 20;
    static final int MIN_CHUNK_MIB = 5; // S3's smallest part but the last
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** Regions glance_store derives from an AWS host name when {@code s3_store_region_name} is empty. */
    private static final Map<String, String> AWS_REGIONS = Map.ofEntries(
            Map.entry("s3-us-east-1.amazonaws.com", "us-east-1"), Map.entry("s3-us-east-2.amazonaws.com", "us-east-2"),
            Map.entry("s3-us-west-1.amazonaws.com", "us-west-1"), Map.entry("s3-us-west-2.amazonaws.com", "us-west-2"),
            Map.entry("s3-ap-east-1.amazonaws.com", "ap-east-1"), Map.entry("s3-ap-south-1.amazonaws.com", "ap-south-1"),
            Map.entry("s3-ap-northeast-1.amazonaws.com", "ap-northeast-1"),
            Map.entry("s3-ap-northeast-2.amazonaws.com", "ap-northeast-2"),
            Map.entry("s3-ap-northeast-3.amazonaws.com", "ap-northeast-3"),
            Map.entry("s3-ap-southeast-1.amazonaws.com", "ap-southeast-1"),
            Map.entry("s3-ap-southeast-2.amazonaws.com", "ap-southeast-2"),
            Map.entry("s3-ca-central-1.amazonaws.com", "ca-central-1"),
            Map.entry("s3-cn-north-1.amazonaws.com.cn", "cn-north-1"),
            Map.entry("s3-cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
            Map.entry("s3-eu-central-1.amazonaws.com", "eu-central-1"), Map.entry("s3-eu-west-1.amazonaws.com", "eu-west-1"),
            Map.entry("s3-eu-west-2.amazonaws.com", "eu-west-2"), Map.entry("s3-eu-west-3.amazonaws.com", "eu-west-3"),
            Map.entry("s3-eu-north-1.amazonaws.com", "eu-north-1"), Map.entry("s3-sa-east-1.amazonaws.com", "sa-east-1"));

    S3StoreConfig {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(locationHost, "locationHost is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(region, "region is null");
        requireNonNull(locationConstraint, "locationConstraint is null");
        requireNonNull(bucketUrlFormat, "bucketUrlFormat is null");
        requireNonNull(caBundle, "caBundle is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
    }

    static S3StoreConfig from(StoreSection options) {
        String host = required(options, "s3_store_host");
        String access = required(options, "s3_store_access_key");
        String secret = required(options, "s3_store_secret_key");
        String bucket = required(options, "s3_store_bucket");
        String configuredRegion = options.string("s3_store_region_name", "").strip();
        long largeObjectMib = options.longValue("s3_store_large_object_size", 100, 0, Long.MAX_VALUE / MIB);
        int chunkMib = options.integer("s3_store_large_object_chunk_size", 10, MIN_CHUNK_MIB, 5 * 1024);
        String locationHost = withoutScheme(host);
        String derived = AWS_REGIONS.getOrDefault(locationHost.replaceFirst(":[0-9]+$", ""), "");
        String region = !configuredRegion.isEmpty() ? configuredRegion : derived;
        return new S3StoreConfig(endpoint(options, host), locationHost, access, secret, bucket,
                region.isEmpty() ? "us-east-1" : region, region,
                options.bool("s3_store_create_bucket_on_put", false),
                options.choice("s3_store_bucket_url_format", "auto", List.of("auto", "path", "virtual")),
                largeObjectMib * MIB, chunkMib * MIB,
                options.integer("s3_store_thread_pools", 10, 1, 1000),
                options.string("s3_store_cacert", "").strip(), CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    /** The same store with other thresholds and timeouts (tests exercise multipart with a few MiB). */
    S3StoreConfig with(long largeObjectSize, long chunkSize, Duration connectTimeout, Duration readTimeout) {
        return new S3StoreConfig(endpoint, locationHost, accessKey, secretKey, bucket, region, locationConstraint,
                createBucketOnPut, bucketUrlFormat, largeObjectSize, chunkSize, threadPools, caBundle, connectTimeout,
                readTimeout);
    }

    S3StoreConfig withBucket(String otherBucket, boolean create) {
        return new S3StoreConfig(endpoint, locationHost, accessKey, secretKey, otherBucket, region,
                locationConstraint, create, bucketUrlFormat, largeObjectSize, chunkSize, threadPools, caBundle,
                connectTimeout, readTimeout);
    }

    String scheme() {
        return endpoint.getScheme().equals("https") ? S3Location.HTTPS_SCHEME : "s3";
    }

    private static String required(StoreSection options, String option) {
        String value = options.string(option, "").strip();
        if (value.isEmpty()) {
            // the message names the option, never its value: two of them are secrets
            throw new ConfigException("[" + options.sectionOf(option) + "] " + option
                    + " must be set for the s3 store '" + options.storeId() + "'");
        }
        return value;
    }

    private static String withoutScheme(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        String rest = lower.startsWith("https://") ? host.substring(8) : lower.startsWith("http://") ? host.substring(7) : host;
        return rest.replaceAll("^/+|/+$", "");
    }

    private static URI endpoint(StoreSection options, String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        String full = lower.startsWith("http://") || lower.startsWith("https://") ? host : "http://" + host;
        try {
            URI uri = new URI(full.replaceAll("/+$", ""));
            if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(full, "expected [http[s]://]host[:port][/path]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ConfigException.badValue(options.sectionOf("s3_store_host"), "s3_store_host", host,
                    "expected [http[s]://]host[:port][/path]");
        }
    }

    @Override
    public String toString() {
        return "S3StoreConfig[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + "]";
    }
}
