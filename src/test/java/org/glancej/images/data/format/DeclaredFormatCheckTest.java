package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.config.ConfigFile;
import org.glancej.images.ImagesConfig;
import org.glancej.images.data.format.HostileImages.Case;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeclaredFormatCheckTest {
    private static final DeclaredFormatCheck STRICT = new DeclaredFormatCheck(FormatEnforcement.DEFAULT);
    private static final DeclaredFormatCheck LENIENT = new DeclaredFormatCheck(new FormatEnforcement(false, Set.of()));

    @TempDir
    static Path dir;
    private static List<Case> refused;
    private static List<Case> accepted;

    @BeforeAll
    static void makeSamples() throws Exception {
        refused = HostileImages.refused(dir);
        accepted = HostileImages.accepted(dir);
    }

    static List<Case> refused() {
        return refused;
    }

    static List<Case> accepted() {
        return accepted;
    }

    private static Long judge(DeclaredFormatCheck check, Case c) {
        return check.virtualSize(c.diskFormat(), "bare", Feed.CHUNKS_64K.inspect(c.bytes()), c.bytes().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void reproducedUploadsAreRefusedWith415(Case c) {
        assertThatThrownBy(() -> judge(STRICT, c))
                .isInstanceOfSatisfying(GlanceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_MEDIA_TYPE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void realImagesAreAcceptedAsTheirOwnFormat(Case c) {
        InspectionResult inspected = Feed.WHOLE.inspect(c.bytes());
        long expected = inspected.format().equals(c.diskFormat()) && inspected.virtualSize().isPresent()
                ? inspected.virtualSize().getAsLong()
                : c.bytes().length;
        assertThat(judge(STRICT, c)).isEqualTo(expected);
    }

    @Test
    void mismatchMessagesAreUpstreams() {
        Case qcow2AsRaw = refused.getFirst();
        assertThatThrownBy(() -> judge(STRICT, qcow2AsRaw))
                .hasMessage("Image disk_format raw does not match stream data qcow2");
        assertThatThrownBy(() -> judge(STRICT, new Case("empty", "qcow2", new byte[0])))
                .hasMessage("Image disk_format qcow2 does not match stream data raw");
    }

    @Test
    void withoutRequiredMatchMismatchesPassAsUpstreamLetsThem() throws Exception {
        byte[] random = HostileImages.random(1 << 20);
        byte[] qcow2 = QemuImg.create(dir, "lenient.qcow2", "qcow2", "1M");

        assertThat(LENIENT.virtualSize("qcow2", "bare", Feed.WHOLE.inspect(random), random.length)).isNull();
        assertThat(LENIENT.virtualSize("raw", "bare", Feed.WHOLE.inspect(qcow2), qcow2.length))
                .isEqualTo(qcow2.length);
    }

    @Test
    void withoutRequiredMatchSafetyChecksStillRefuse() throws Exception {
        QemuImg.create(dir, "base.raw", "raw", "1M");
        byte[] overlay = QemuImg.create(dir, "overlay.qcow2", "qcow2", "1M", "-b", "base.raw", "-F", "raw");

        assertThatThrownBy(() -> LENIENT.virtualSize("qcow2", "bare", Feed.WHOLE.inspect(overlay), overlay.length))
                .hasMessage("Image failed safety checks: qcow2: image has a backing file");
    }

    @Test
    void gptMbrCheckIsFatalUnlessListedAsNonfatal() {
        byte[] mbr = PartitionSamples.protectiveMbr();
        mbr[446 + 16 + 4] = (byte) 0x83;
        byte[] disk = PartitionSamples.disk(mbr, 4096);
        InspectionResult inspected = Feed.WHOLE.inspect(disk);

        assertThatThrownBy(() -> STRICT.virtualSize("raw", "bare", inspected, disk.length))
                .hasMessageContaining("Image failed safety checks");
        DeclaredFormatCheck relaxed = new DeclaredFormatCheck(new FormatEnforcement(true, Set.of("mbr")));
        assertThat(relaxed.virtualSize("raw", "bare", inspected, disk.length)).isEqualTo(4096L);
        assertThat(relaxed.virtualSize("gpt", "bare", inspected, disk.length)).isEqualTo(4096L);
    }

    @Test
    void hybridIsoIsNotAGptDisk() {
        byte[] hybrid = PartitionSamples.iso(64);
        System.arraycopy(PartitionSamples.protectiveMbr(), 0, hybrid, 0, 512);

        assertThatThrownBy(() -> STRICT.virtualSize("gpt", "bare", Feed.WHOLE.inspect(hybrid), hybrid.length))
                .hasMessage("Image disk_format gpt does not match stream data iso");
    }

    @Test
    void uninspectableFormatsMustNotCarryARecognisedFormat() throws Exception {
        byte[] qcow2 = QemuImg.create(dir, "ami.qcow2", "qcow2", "1M");

        assertThatThrownBy(() -> STRICT.virtualSize("ami", "bare", Feed.WHOLE.inspect(qcow2), qcow2.length))
                .hasMessage("Image disk_format ami does not match stream data qcow2");
        byte[] random = HostileImages.random(4096);
        assertThat(STRICT.virtualSize("ploop", "bare", Feed.WHOLE.inspect(random), 4096)).isNull();
    }

    @Test
    void onlyBareImagesAreMatchedAsUpstreamDoes() {
        byte[] tar = HostileImages.random(1 << 16);

        assertThat(STRICT.virtualSize("vmdk", "ova", Feed.WHOLE.inspect(tar), tar.length)).isNull();
    }

    @Test
    void optionsMapFromImageFormatSection() {
        assertThat(FormatEnforcement.from(ConfigFile.empty())).isEqualTo(FormatEnforcement.DEFAULT);
        assertThat(FormatEnforcement.from(ConfigFile.parse(
                "[image_format]\nrequire_image_format_match = false\ngpt_safety_checks_nonfatal = mbr,gptmbr\n")))
                .isEqualTo(new FormatEnforcement(false, Set.of("mbr", "gptmbr")));
        assertThat(ImagesConfig.from(ConfigFile.parse("[image_format]\nrequire_image_format_match = no\n"))
                .formatEnforcement()).isEqualTo(new FormatEnforcement(false, Set.of()));
        assertThat(ImagesConfig.from(ConfigFile.empty()).formatEnforcement()).isEqualTo(FormatEnforcement.DEFAULT);
    }
}
