package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.glancej.images.data.format.QemuSamples.Sample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated, corrupted and random input never escapes as an exception nor grows the retained memory. */
class RobustnessTest {
    private static final long MEMORY_BOUND = FormatInspector.MAX_RETAINED + FormatInspector.TAIL_SIZE;

    @TempDir
    static Path dir;

    private static List<byte[]> images;

    @BeforeAll
    static void makeImages() throws Exception {
        images = new ArrayList<>(QemuSamples.all(dir).stream().map(Sample::bytes).toList());
        images.add(QemuImg.create(dir, "a.qed", "qed", "1G"));
        images.add(VmdkSafetyTest.withFooter(dir));
        images.add(PartitionSamples.iso(40));
        images.add(PartitionSamples.disk(PartitionSamples.protectiveMbr(), 8192));
    }

    @Test
    void emptyStreamIsRawOfSizeZero() {
        InspectionResult result = FormatInspector.create().finish();

        assertThat(result).isEqualTo(InspectionResult.of("raw", 0, List.of()));
    }

    @Test
    void everyPrefixOfEveryImageIsInspectedWithoutInternalErrors() {
        int[] cuts = {1, 3, 4, 7, 8, 50, 64, 71, 72, 100, 103, 104, 511, 512, 513, 600, 1536, 4096, 32768, 34815,
                34816, 65535, 65536, 65537, 196608, 200000, 262144, 300000, 1 << 20, 3 << 20};
        for (byte[] image : images) {
            for (int cut : cuts) {
                if (cut < image.length) {
                    assertClean(Feed.WHOLE.inspect(Arrays.copyOf(image, cut)));
                }
            }
            assertClean(Feed.WHOLE.inspect(Arrays.copyOf(image, image.length - 1)));
        }
    }

    @Test
    void randomCorruptionOfHeadersNeverBreaksTheInspector() {
        Random random = new Random(1234);
        for (byte[] image : images) {
            for (int round = 0; round < 200; round++) {
                byte[] corrupt = image.clone();
                int flips = 1 + random.nextInt(16);
                for (int i = 0; i < flips; i++) {
                    int region = random.nextInt(3);
                    int limit = Math.min(corrupt.length, region == 0 ? 4096 : region == 1 ? 320 * 1024 : corrupt.length);
                    int at = region == 2 ? Math.max(0, corrupt.length - 1 - random.nextInt(Math.min(1536, corrupt.length)))
                            : random.nextInt(limit);
                    corrupt[at] = (byte) random.nextInt(256);
                }
                assertBounded(corrupt);
            }
        }
    }

    @Test
    void randomGarbageWithEachMagicIsHandled() {
        Random random = new Random(99);
        List<byte[]> magics = List.of(new byte[] {'Q', 'F', 'I', (byte) 0xfb}, bytes("KDMV"), bytes("COWD"),
                bytes("conectix"), bytes("vhdxfile"), new byte[] {'Q', 'E', 'D', 0},
                new byte[] {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe}, bytes("version=1\n"), new byte[0]);
        for (byte[] magic : magics) {
            for (int size : new int[] {4, 100, 600, 70_000, 300_000}) {
                byte[] data = new byte[Math.max(size, magic.length)];
                random.nextBytes(data);
                System.arraycopy(magic, 0, data, 0, magic.length);
                assertBounded(data);
            }
        }
    }

    @Test
    void oneByteWritesGiveTheSameAnswer() {
        for (byte[] image : images.subList(1, 6)) {
            FormatInspector inspector = FormatInspector.create();
            for (int i = 0; i < image.length; i++) {
                inspector.update(image, i, 1);
            }
            assertThat(inspector.finish()).isEqualTo(Feed.WHOLE.inspect(image));
        }
    }

    @Test
    void misuseFailsWithDocumentedExceptions() {
        FormatInspector inspector = FormatInspector.create();
        assertThatThrownBy(() -> inspector.update(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> inspector.update(new byte[4], -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        InspectionResult first = inspector.finish();

        assertThat(inspector.finish()).isSameAs(first);
        assertThatThrownBy(() -> inspector.update(new byte[4], 0, 4)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fullWindowsCostOnlyTheTailCopy() {
        FormatInspector inspector = FormatInspector.create();
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < 64; i++) {
            inspector.update(chunk, 0, chunk.length);
        }
        assertThat(inspector.retainedBytes()).isEqualTo(FormatInspector.HEAD_SIZE + FormatInspector.TAIL_SIZE);
        assertThat(inspector.finish().virtualSize()).hasValue(64L << 20);
    }

    private static void assertBounded(byte[] data) {
        for (Feed feed : List.of(Feed.WHOLE, Feed.CHUNKS_64K)) {
            FormatInspector inspector = FormatInspector.create();
            if (feed == Feed.WHOLE) {
                inspector.update(data, 0, data.length);
            } else {
                for (int pos = 0; pos < data.length; pos += 65536) {
                    inspector.update(data, pos, Math.min(65536, data.length - pos));
                }
            }
            assertClean(inspector.finish());
            assertThat(inspector.retainedBytes()).isLessThanOrEqualTo(MEMORY_BOUND);
        }
    }

    private static void assertClean(InspectionResult result) {
        assertThat(result.safetyViolations()).noneMatch(v -> v.contains("inspection failed"));
        assertThat(result.virtualSize().orElse(0)).isNotNegative();
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
