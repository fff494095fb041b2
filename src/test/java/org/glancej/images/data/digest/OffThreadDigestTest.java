package org.glancej.images.data.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffThreadDigestTest {

    @Test
    void sameDigestAsHashingInlineWhateverTheUpdateSizes() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 5];
        Random random = new Random(7);
        random.nextBytes(data);
        OffThreadDigest digest = new OffThreadDigest(Digests.jdkOnly().digest("sha512"));

        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, 1 + random.nextInt(300_000));
            digest.update(data, off, n);
            off += n;
        }

        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-512").digest(data));
    }

    @Test
    void emptyInputAndUseAfterEnd() throws Exception {
        OffThreadDigest digest = new OffThreadDigest(Digests.jdkOnly().digest("md5"));
        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("MD5").digest(new byte[0]));
        assertThatThrownBy(() -> digest.update(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void abandonedDigestStopsItsThread() throws Exception {
        OffThreadDigest digest = new OffThreadDigest(Digests.jdkOnly().digest("md5"));
        digest.update(new byte[1 << 20], 0, 1 << 20);
        digest.close();
        digest.close();
    }
}
