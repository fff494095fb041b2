package org.glancej.store.swift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentBufferTest {
    @TempDir
    Path dir;

    @Test
    void startupRemovesOnlyBuffersOlderThanAnyLiveUploadKeepsThem() throws Exception {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        Path leftOver = buffer("swift-segment-1.buf", now.minus(SegmentBuffer.LEFTOVER_AGE).minusSeconds(1));
        Path live = buffer("swift-segment-2.buf", now.minus(Duration.ofMinutes(5)));
        Path notOurs = buffer("other-file.buf", now.minus(Duration.ofDays(3)));

        assertThat(new SegmentBuffer(dir).sweepLeftovers(now)).isEqualTo(1);

        assertThat(leftOver).doesNotExist();
        assertThat(live).exists();
        assertThat(notOurs).exists();
    }

    @Test
    void aMissingDirectoryRemovesNothingAndDoesNotStopStartup() {
        assertThat(new SegmentBuffer(dir.resolve("gone")).sweepLeftovers(Instant.now())).isZero();
    }

    private Path buffer(String name, Instant modified) throws Exception {
        Path file = Files.write(dir.resolve(name), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
