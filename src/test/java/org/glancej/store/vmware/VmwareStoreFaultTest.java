package org.glancej.store.vmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.UUID;
import org.glancej.config.ConfigFile;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vmware store against a simulator of the test's own that the test freezes (SIGSTOP by pid): no login is tried
 * again for a while after one was refused, and reads or writes the server stops serving fail after the call timeout
 * instead of hanging.
 */
class VmwareStoreFaultTest {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration BACKOFF = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Vcsim.Own vcsim;

    @BeforeEach
    void start() throws Exception {
        vcsim = new Vcsim.Own(dir, false);
    }

    @AfterEach
    void stop() throws Exception {
        if (vcsim != null) { // none when the simulator is not configured (the test skips)
            vcsim.thaw();
            vcsim.close();
        }
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private VmwareStore store(String password, Clock clock) {
        StoreSection options = new StoreSection(ConfigFile.parse(vcsim.options("glance_store", password)),
                "glance_store", "vmware", null);
        return VmwareStoreFactory.create(options, VmwareStoreConfig.from(options).withTimeouts(CALL_TIMEOUT, BACKOFF),
                clock);
    }

    /** {@code size} bytes made up as they are read; {@code at} runs once when {@code trigger} bytes were given. */
    private static InputStream generated(long size, long trigger, Runnable at) {
        return new InputStream() {
            private long given;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (given >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - given);
                if (given < trigger && given + n >= trigger) {
                    at.run();
                }
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) ((given + i) * 31);
                }
                given += n;
                return n;
            }
        };
    }

    private static void unchecked(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aRefusedLoginIsNotTriedAgainBeforeItsBackoffWhichDoublesWhileRefused() throws Exception {
        TestClock clock = new TestClock();
        try (VmwareStore refused = store("not-the-password", clock)) {
            assertThat(refused.unavailable()).hasValueSatisfying(why -> assertThat(why).contains("refused the login"));

            // frozen, the server would make any login wait out the call timeout: a quick answer tried none
            vcsim.freeze();
            long start = System.nanoTime();
            assertThatThrownBy(() -> refused.add(UUID.randomUUID().toString(), InputStream.nullInputStream()))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("refused the login of user glance")
                                .contains("no login is tried again for 10 s");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CALL_TIMEOUT);
            vcsim.thaw();

            clock.advance(BACKOFF.plusSeconds(1));
            assertThatThrownBy(() -> refused.add(UUID.randomUUID().toString(), InputStream.nullInputStream()))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.getMessage())
                            .contains("refused the login of user glance").doesNotContain("no login is tried"));
            assertThatThrownBy(() -> refused.add(UUID.randomUUID().toString(), InputStream.nullInputStream()))
                    .hasMessageContaining("no login is tried again for 20 s");
        }
    }

    @Test
    void aDownloadTheServerStopsSendingFailsAfterTheCallTimeout() throws Exception {
        try (VmwareStore store = store("own-password", Clock.systemUTC())) {
            long size = 256L << 20; // far more than the socket buffers hold
            StoredData stored = store.add(UUID.randomUUID().toString(), generated(size, -1, () -> {}),
                    OptionalLong.of(size));
            try (InputStream in = store.get(stored.locationUrl(), 0)) {
                in.readNBytes(1 << 20);
                vcsim.freeze();
                long start = System.nanoTime();
                IOException failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                    byte[] buffer = new byte[1 << 16];
                    try {
                        while (in.read(buffer) >= 0) {
                            // what the socket buffers still held
                        }
                    } catch (IOException e) {
                        return e;
                    }
                    return null;
                });
                assertThat(failure).isNotNull();
                assertThat(failure.getMessage()).contains("sent nothing for 3 s");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            } finally {
                vcsim.thaw();
            }
            store.delete(stored.locationUrl());
        }
    }

    @Test
    void anUploadTheServerStopsTakingFailsAfterTheCallTimeout() throws Exception {
        try (VmwareStore store = store("own-password", Clock.systemUTC())) {
            long size = 256L << 20;
            String id = UUID.randomUUID().toString();
            long start = System.nanoTime();
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> store.add(id,
                        generated(size, 8L << 20, () -> unchecked(vcsim::freeze)), OptionalLong.of(size)))
                        .isInstanceOfSatisfying(StoreException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                            assertThat(e.getMessage()).contains("did not answer in time");
                        }));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
            } finally {
                vcsim.thaw();
            }
        }
    }
}
