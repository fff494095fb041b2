package org.glancej.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseBodyStreamTest {
    private final AtomicLong requested = new AtomicLong();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private ResponseBodyStream subscribed() {
        ResponseBodyStream stream = new ResponseBodyStream(Duration.ofSeconds(1), "the S3 store at http://s3.example");
        stream.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet(n);
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
        return stream;
    }

    private static List<ByteBuffer> piece(String text) {
        return List.of(ByteBuffer.wrap(text.getBytes()));
    }

    @Test
    void readsFillFromEveryPieceThatArrivedAndTheEndComesAfterThem() throws IOException {
        ResponseBodyStream stream = subscribed();
        stream.onNext(piece("abc"));
        stream.onNext(List.of(ByteBuffer.wrap("de".getBytes()), ByteBuffer.wrap("f".getBytes())));
        stream.onComplete();

        byte[] buffer = new byte[100];
        assertThat(stream.read(buffer, 0, 100)).isEqualTo(6);
        assertThat(new String(buffer, 0, 6)).isEqualTo("abcdef");
        assertThat(stream.read(buffer, 0, 100)).isEqualTo(-1);
        assertThat(requested.get()).isEqualTo(32 + 2); // the window, then one more per piece taken
    }

    @Test
    void aFailureAfterDataComesAtTheNextRead() throws IOException {
        ResponseBodyStream stream = subscribed();
        stream.onNext(piece("abc"));
        stream.onError(new IOException("connection reset"));

        assertThat(stream.readNBytes(3)).isEqualTo("abc".getBytes());
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @Test
    void silenceLongerThanTheTimeoutFailsAndDropsTheConnection() {
        ResponseBodyStream stream = subscribed();
        assertThatThrownBy(stream::read).isInstanceOf(java.net.SocketTimeoutException.class)
                .hasMessageContaining("http://s3.example sent nothing for 1 s");
        assertThat(cancelled).isTrue();
    }

    @Test
    void closingBeforeTheEndDropsTheConnection() {
        ResponseBodyStream stream = subscribed();
        stream.onNext(piece("abc"));
        stream.close();
        assertThat(cancelled).isTrue();
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class);
    }
}
