package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.glancej.images.data.format.QemuSamples.Sample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FormatInspectorQemuTest {
    @TempDir
    static Path dir;

    private static List<Sample> samples;

    @BeforeAll
    static void makeSamples() throws Exception {
        samples = QemuSamples.all(dir);
    }

    static Stream<Arguments> samplesFedEveryWay() {
        return samples.stream().flatMap(s -> Arrays.stream(Feed.values()).map(feed -> Arguments.of(s, feed)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("samplesFedEveryWay")
    void detectsFormatAndVirtualSizeAsQemuDoes(Sample sample, Feed feed) {
        InspectionResult result = feed.inspect(sample.bytes());

        assertThat(result.format()).isEqualTo(sample.format());
        assertThat(result.virtualSize()).hasValue(sample.qemuVirtualSize());
        assertThat(result.safetyViolations()).isEmpty();
    }
}
