package org.glancej.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import org.glancej.store.ImageStore.StoredData;
import org.junit.jupiter.api.Assumptions;

/**
 * The store-level throughput runs the object-store tests share: add a large image with its size announced and
 * not, read it back, remove it, and print the rates. They run only when asked, as they take the shared servers
 * for a while.
 */
public final class StoreThroughput {
    private final String label;

    public StoreThroughput(String label) {
        this.label = label;
    }

    /** The size in bytes from a MiB count in {@code variable}; the test is skipped when it is not set. */
    public static long sizeFrom(String variable) {
        String mib = System.getenv(variable);
        Assumptions.assumeTrue(mib != null && !mib.isBlank(), variable + " not set");
        return Long.parseLong(mib.strip()) << 20;
    }

    /** Adds, reads {@code gets} times and deletes; {@code afterDelete} lets the server free the space. */
    public void addAndGet(ImageStore store, long size, int gets, Cleanup afterDelete) throws Exception {
        for (OptionalLong announced : new OptionalLong[] {OptionalLong.of(size), OptionalLong.empty()}) {
            long start = System.nanoTime();
            StoredData stored = store.add(UUID.randomUUID().toString(), new GeneratedData(size), announced);
            report("add, size " + (announced.isPresent() ? "announced" : "unknown"), size, start);
            assertThat(stored.bytesWritten()).isEqualTo(size);
            try {
                for (int i = 0; i < gets; i++) {
                    start = System.nanoTime();
                    long read = 0;
                    byte[] buffer = new byte[256 << 10];
                    try (InputStream in = store.get(stored.locationUrl(), 0)) {
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            read += n;
                        }
                    }
                    report("get", size, start);
                    assertThat(read).isEqualTo(size);
                }
            } finally {
                store.delete(stored.locationUrl());
                afterDelete.run();
            }
        }
    }

    /** What the server needs after a delete to free the space. */
    @FunctionalInterface
    public interface Cleanup {
        void run() throws Exception;
    }

    public void report(String what, long size, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%s %s of %d MiB: %.1f s, %.0f MiB/s (heap in use %d MiB)%n", label, what, size >> 20,
                seconds, (size >> 20) / seconds, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** Incompressible-looking bytes without the cost of a random generator per byte. */
    public static final class GeneratedData extends InputStream {
        private static final byte[] BLOCK = new byte[1 << 20];

        static {
            new Random(42).nextBytes(BLOCK);
        }

        private final long size;
        private long served;

        public GeneratedData(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return served < size ? BLOCK[(int) (served++ % BLOCK.length)] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= size) {
                return -1;
            }
            int at = (int) (served % BLOCK.length);
            int n = (int) Math.min(Math.min(len, BLOCK.length - at), size - served);
            System.arraycopy(BLOCK, at, b, off, n);
            served += n;
            return n;
        }
    }
}
