package org.glancej.store.swift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Swift proxy of {@code scripts/swift.sh} killed or frozen ({@code SIGSTOP}) in the middle of a large-object
 * upload: the store fails it as unavailable, quickly or after the read timeout, and once the proxy is back the
 * removal the service retries ({@code delete} of the upload location) leaves nothing, without a new store.
 */
class SwiftStoreFaultTest {
    private static final long MIB = SwiftTestServer.MIB;
    private SwiftTestServer server;
    private SwiftStore store;

    @BeforeEach
    void connect() {
        server = SwiftTestServer.require();
        SwiftStoreConfig config = SwiftStoreConfig.from(server.section("")).with(MIB, MIB, Duration.ofSeconds(3));
        store = SwiftStoreFactory.create("swift", config, HttpClient.newHttpClient());
    }

    /** 6 MiB of data that waits, after 2.5 MiB (two segments written), until {@code resume} is counted down. */
    private static InputStream pausingData(CountDownLatch paused, CountDownLatch resume) {
        return new InputStream() {
            private long served;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served >= 6 * MIB) {
                    return -1;
                }
                if (served >= 5 * MIB / 2 && paused.getCount() > 0) {
                    paused.countDown();
                    try {
                        resume.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                int n = (int) Math.min(Math.min(len, 64 * 1024), 6 * MIB - served);
                served += n;
                return n;
            }
        };
    }

    @Test
    void aKilledProxyFailsTheUploadAndTheRetriedRemovalLeavesNothingOnceItIsBack() throws Exception {
        String id = UUID.randomUUID().toString();
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        var upload = Thread.ofVirtual().start(() -> { });
        StoreException[] failure = new StoreException[1];
        try {
            upload = Thread.ofVirtual().start(() -> {
                try {
                    store.add(id, pausingData(paused, resume), OptionalLong.empty());
                } catch (StoreException e) {
                    failure[0] = e;
                }
            });
            paused.await();
            assertThat(server.objects(id)).contains(id + "-00001", id + "-00002");
            new ProcessBuilder("kill", "-9", server.swiftSh("pid", "proxy")).start().waitFor();
            long start = System.nanoTime();
            resume.countDown();
            upload.join(Duration.ofSeconds(20));
            assertThat(failure[0]).isNotNull();
            assertThat(failure[0].reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            resume.countDown();
            server.swiftSh("start");
        }

        store.delete(store.uploadLocation(id).orElseThrow());

        assertThat(server.objects(id)).isEmpty();
        byte[] data = new byte[(int) (2 * MIB)];
        store.add(id, new ByteArrayInputStream(data), OptionalLong.of(data.length));
        assertThat(store.size(store.uploadLocation(id).orElseThrow())).isEqualTo(data.length);
        store.delete(store.uploadLocation(id).orElseThrow());
    }

    @Test
    void aFrozenProxyFailsTheUploadAfterTheReadTimeoutAndASlowClientDoesNot() throws Exception {
        String id = UUID.randomUUID().toString();
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        String proxy = null;
        StoreException[] failure = new StoreException[1];
        try {
            Thread upload = Thread.ofVirtual().start(() -> {
                try {
                    store.add(id, pausingData(paused, resume), OptionalLong.empty());
                } catch (StoreException e) {
                    failure[0] = e;
                }
            });
            paused.await();
            Thread.sleep(4000); // a client slower than the read timeout: not Swift's fault
            proxy = server.swiftSh("pid", "proxy");
            new ProcessBuilder("kill", "-STOP", proxy).start().waitFor();
            long start = System.nanoTime();
            resume.countDown();
            upload.join(Duration.ofSeconds(30));
            assertThat(failure[0]).isNotNull();
            assertThat(failure[0].reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(failure[0].getMessage()).contains("no progress for 3 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(15));
        } finally {
            resume.countDown();
            if (proxy != null) {
                new ProcessBuilder("kill", "-CONT", proxy).start().waitFor();
            }
        }

        // a segment PUT the proxy held while frozen can land just after it resumes, after a delete listed the
        // segments (a one-off removal would leave it behind): the removal is repeated until nothing is left
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            try {
                store.delete(store.uploadLocation(id).orElseThrow());
            } catch (StoreException e) {
                assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            }
            Thread.sleep(200);
        } while (!server.objects(id).isEmpty() && System.nanoTime() < deadline);

        assertThat(server.objects(id)).isEmpty();
    }

    @Test
    void aStoreBuiltWhileSwiftIsDownWorksWhenItIsBack() throws Exception {
        SwiftStore early;
        try {
            new ProcessBuilder("kill", "-9", server.swiftSh("pid", "proxy")).start().waitFor();
            early = SwiftStoreFactory.create("swift", SwiftStoreConfig.from(server.section("")),
                    HttpClient.newHttpClient());
            assertThat(early.capabilities().writable()).isTrue();
            assertThat(early.unavailable()).isPresent();
            assertThatThrownBy(() -> early.add(UUID.randomUUID().toString(), new ByteArrayInputStream(new byte[1])))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        } finally {
            server.swiftSh("start");
        }
        String id = UUID.randomUUID().toString();
        var stored = early.add(id, new ByteArrayInputStream(new byte[10]));
        assertThat(early.unavailable()).isEmpty();
        assertThat(early.size(stored.locationUrl())).isEqualTo(10);
        early.delete(stored.locationUrl());
    }
}
