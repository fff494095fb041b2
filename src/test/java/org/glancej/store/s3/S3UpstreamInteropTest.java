package org.glancej.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.glancej.store.ImageStore.StoredData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream's s3 driver (Debian's python3-glance-store with boto3) and this store on one bucket: each reads what
 * the other wrote, single PUT and multipart, through the locations each records. Skips where glance_store is
 * not installed.
 */
class S3UpstreamInteropTest {
    private static final long MIB = S3TestServer.MIB;

    private S3TestServer server;
    private S3Store store;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        server = S3TestServer.require();
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import glance_store._drivers.s3, boto3")
                .redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "upstream glance_store with boto3 is not installed");
        store = S3StoreFactory.create(server.smallPartsConfig());
    }

    @AfterEach
    void cleanUp() {
        if (store != null) {
            ids.forEach(id -> store.delete(store.uploadLocation(id).orElseThrow()));
            store.close();
        }
    }

    @Test
    void upstreamReadsWhatThisStoreWrote() throws Exception {
        for (long size : new long[] {3 * MIB + 5, 12 * MIB + 7}) { // one PUT, then three parts
            String id = UUID.randomUUID().toString();
            ids.add(id);
            byte[] data = pattern((int) size);
            StoredData stored = store.add(id, new ByteArrayInputStream(data), OptionalLong.of(size));

            assertThat(upstream("read", stored.locationUrl())).isEqualTo(size + " " + md5(data));
        }
    }

    @Test
    void thisStoreReadsAndDeletesWhatUpstreamWrote() throws Exception {
        for (long size : new long[] {1000, 12 * MIB + 7}) { // upstream's single PUT, then its multipart upload
            String id = UUID.randomUUID().toString();
            ids.add(id);
            String[] written = upstream("write", id, Long.toString(size)).split(" ");
            String location = written[0];

            assertThat(location).isEqualTo(store.uploadLocation(id).orElseThrow());
            assertThat(store.owns(location)).isTrue();
            assertThat(store.size(location)).isEqualTo(size);
            try (InputStream in = store.get(location, 0)) {
                assertThat(md5(in.readAllBytes())).isEqualTo(written[1]);
            }
            try (InputStream in = store.get(location, size - 10)) {
                byte[] tail = pattern((int) size);
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(tail, tail.length - 10, tail.length));
            }
        }
    }

    /** Runs upstream_s3.py; answers its output line. */
    private String upstream(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("UPSTREAM_S3_LARGE_MIB", "5");
        builder.environment().put("UPSTREAM_S3_CHUNK_MIB", "5");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().reduce((first, second) -> second).orElse("");
    }

    private static Path script() throws URISyntaxException {
        return Path.of(S3UpstreamInteropTest.class.getResource("upstream_s3.py").toURI());
    }

    /** The bytes i % 251, as upstream_s3.py makes them. */
    private static byte[] pattern(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i % 251);
        }
        return data;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
