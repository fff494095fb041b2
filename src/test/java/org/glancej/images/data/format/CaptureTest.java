package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaptureTest {

    @Test
    void tailKeepsTheLastBytesWhateverTheChunking() {
        Random random = new Random(5);
        byte[] data = new byte[20_000];
        random.nextBytes(data);
        for (int round = 0; round < 200; round++) {
            TailBuffer tail = new TailBuffer(1536);
            int end = random.nextInt(data.length);
            for (int pos = 0; pos < end; ) {
                int size = Math.min(end - pos, 1 + random.nextInt(round % 2 == 0 ? 9 : 4000));
                tail.write(data, pos, size);
                pos += size;
            }
            ByteWindow snapshot = tail.snapshot();
            int kept = Math.min(end, 1536);
            assertThat(snapshot.offset()).isEqualTo(end - kept);
            assertThat(snapshot.copy(0, snapshot.filled())).isEqualTo(Arrays.copyOfRange(data, end - kept, end));
        }
    }

    @Test
    void windowFillsAcrossChunksAndIgnoresBytesBeforeAndAfter() {
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        ByteWindow window = ByteWindow.capturing(30, 20);
        for (int pos = 0; pos < data.length; pos += 7) {
            window.offer(data, pos, Math.min(7, data.length - pos), pos);
        }
        assertThat(window.isComplete()).isTrue();
        assertThat(window.u8(0)).isEqualTo(30);
        assertThat(window.le16(0)).isEqualTo(30 | 31 << 8);
        assertThat(window.be32(16)).isEqualTo(0x2e2f3031L);
    }

    @Test
    void windowWhoseStartAlreadyWentByIsMissed() {
        ByteWindow window = ByteWindow.capturing(10, 5);
        window.offer(new byte[8], 0, 8, 12);

        assertThat(window.isSettled()).isTrue();
        assertThat(window.isComplete()).isFalse();
        assertThat(window.has(0, 1)).isFalse();
    }

    @Test
    void windowBackfillsFromAnEarlierCapture() {
        byte[] data = new byte[64];
        Arrays.fill(data, (byte) 7);
        ByteWindow head = ByteWindow.capturing(0, 40);
        head.offer(data, 0, 64, 0);
        ByteWindow later = ByteWindow.capturing(32, 16);

        later.backfillFrom(head);
        later.missIfBehind(40);
        later.offer(data, 40, 24, 40);

        assertThat(later.isComplete()).isTrue();
    }
}
