package org.glancej.imports.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.glancej.images.data.format.DeclaredFormatCheck;
import org.glancej.images.data.format.FormatEnforcement;
import org.glancej.images.data.format.HostileImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real qemu-img; hostile samples must be refused before qemu-img ever opens them (a wrapper logs its calls). */
class ConversionPluginTest {
    private static final String ID = "5f1f4b0a-8a51-4f8e-9a5e-2b4c4d3e1a10";
    private static final List<String> VMDK_TYPES = List.of("streamOptimized", "monolithicSparse");

    @TempDir
    Path dir;
    private Path staging;
    private Path calls;
    private QemuImg logged;

    @BeforeEach
    void setUp() throws Exception {
        staging = Files.createDirectory(dir.resolve("staging"));
        calls = dir.resolve("calls.log");
        logged = new QemuImg(script("logged-qemu-img", "echo \"$1\" >> " + calls + "\nexec qemu-img \"$@\"\n")
                .toString());
    }

    private ConversionPlugin plugin(String outputFormat, List<String> vmdkTypes, QemuImg qemuImg) {
        return new ConversionPlugin(outputFormat, vmdkTypes, new DeclaredFormatCheck(FormatEnforcement.DEFAULT),
                qemuImg);
    }

    private ConversionPlugin toRaw() {
        return plugin("raw", VMDK_TYPES, logged);
    }

    private StagedImage staged(Path source, String diskFormat) throws Exception {
        return new StagedImage(ID, Samples.stage(staging, ID, source), diskFormat, "bare");
    }

    private StagedImage staged(byte[] bytes, String diskFormat) throws Exception {
        return new StagedImage(ID, Samples.stage(staging, ID, bytes), diskFormat, "bare");
    }

    @Test
    void qcow2BecomesRawInPlaceWithItsNewFormatAndSizes() throws Exception {
        Path raw = dir.resolve("disk.raw");
        Files.write(raw, Samples.randomDisk(3 << 20, 7));
        Path qcow2 = Samples.qemuConvert(dir, raw, "disk.qcow2", "qcow2");
        StagedImage image = staged(qcow2, "qcow2");

        ImageChanges changes = toRaw().apply(image, Samples.MEMBER, ImportProgress.NONE);

        assertThat(Files.readAllBytes(image.data())).isEqualTo(Files.readAllBytes(raw));
        assertThat(changes.diskFormat()).hasValue("raw");
        assertThat(changes.containerFormat()).hasValue("bare");
        assertThat(changes.size()).hasValue(3 << 20);
        assertThat(changes.virtualSize()).hasValue(3 << 20);
        assertThat(changes.dataReplaced()).isTrue();
        assertThat(Samples.listing(staging)).containsExactly(ID);
        assertThat(Files.readAllLines(calls)).containsExactly("info", "convert");
    }

    @Test
    void conversionReportsProgressOverTheVirtualSize() throws Exception {
        StagedImage image = staged(Samples.qemuCreate(dir, "disk.qcow2", "qcow2", "8M"), "qcow2");
        RecordedProgress progress = new RecordedProgress(false);

        toRaw().apply(image, Samples.MEMBER, progress);

        assertThat(progress.phases).containsExactly("converting");
        assertThat(progress.totals).containsExactly(java.util.OptionalLong.of(8 << 20));
        assertThat(progress.done).isEqualTo(8 << 20);
    }

    @Test
    void conversionStoppedByItsTaskLeavesNothing() throws Exception {
        Path source = Samples.qemuCreate(dir, "disk.qcow2", "qcow2", "8M");
        StagedImage image = staged(source, "qcow2");

        assertThatThrownBy(() -> toRaw().apply(image, Samples.MEMBER, new RecordedProgress(true)))
                .isInstanceOf(IllegalStateException.class).hasMessage("task cancelled");
        assertThat(Files.readAllBytes(image.data())).isEqualTo(Files.readAllBytes(source));
        assertThat(Samples.listing(staging)).containsExactly(ID);
    }

    @Test
    void rawBecomesQcow2WhenThatIsTheOutputFormat() throws Exception {
        StagedImage image = staged(Samples.randomDisk(1 << 20, 8), "raw");

        ImageChanges changes = plugin("qcow2", VMDK_TYPES, logged).apply(image, Samples.MEMBER, ImportProgress.NONE);

        assertThat(changes.diskFormat()).hasValue("qcow2");
        assertThat(changes.size()).hasValue(Files.size(image.data()));
        assertThat(Samples.qemuImg(staging, List.of("info", "--output=json", image.data().toString())))
                .contains("\"format\": \"qcow2\"");
    }

    @Test
    void vhdIsConvertedThroughQemusVpcDriver() throws Exception {
        StagedImage image = staged(Samples.qemuCreate(dir, "disk.vhd", "vpc", "2M"), "vhd");

        ImageChanges changes = toRaw().apply(image, Samples.MEMBER, ImportProgress.NONE);

        assertThat(changes.diskFormat()).hasValue("raw");
        assertThat(changes.virtualSize().getAsLong()).isEqualTo(Files.size(image.data()));
    }

    @Test
    void dataAlreadyInTheOutputFormatIsNotRewritten() throws Exception {
        byte[] disk = Samples.randomDisk(1 << 20, 9);
        StagedImage image = staged(disk, "raw");

        ImageChanges changes = toRaw().apply(image, Samples.MEMBER, ImportProgress.NONE);

        assertThat(changes.dataReplaced()).isFalse();
        assertThat(changes.diskFormat()).isEmpty();
        assertThat(changes.virtualSize()).hasValue(1 << 20);
        assertThat(Files.readAllBytes(image.data())).isEqualTo(disk);
        assertThat(Files.readAllLines(calls)).containsExactly("info");
    }

    @Test
    void isoDeclaredIsoIsKeptAsItIs() throws Exception {
        Path iso = dir.resolve("disk.iso");
        Files.write(iso, isoBytes());
        StagedImage image = staged(iso, "iso");

        assertThat(toRaw().apply(image, Samples.MEMBER, ImportProgress.NONE)).isEqualTo(ImageChanges.NONE);
        assertThat(Files.exists(calls)).isFalse();
    }

    @Test
    void isoDeclaredRawIsRefused() throws Exception {
        byte[] iso = isoBytes();
        StagedImage image = staged(iso, "raw");

        assertRefusedUnopened(image, iso, "Image has disallowed configuration: disk_format is raw but the data is an ISO");
    }

    @Test
    void qcow2WithABackingFileIsRefusedBeforeQemuImgOpensIt() throws Exception {
        Path hostile = Samples.qemuCreate(dir, "backed.qcow2", "qcow2", "1M", "-b", "/etc/hostname", "-F", "raw");
        StagedImage image = staged(hostile, "qcow2");

        assertRefusedUnopened(image, Files.readAllBytes(hostile), "Image has disallowed configuration: ");
    }

    @Test
    void qcow2WithADataFileIsRefusedBeforeQemuImgOpensIt() throws Exception {
        Path hostile = Samples.qemuCreate(dir, "data-file.qcow2", "qcow2", "1M", "-o",
                "data_file=" + dir.resolve("external.raw"));
        StagedImage image = staged(hostile, "qcow2");

        assertRefusedUnopened(image, Files.readAllBytes(hostile), "Image has disallowed configuration: ");
    }

    @Test
    void vmdkWithAnExternalExtentIsRefusedBeforeQemuImgOpensIt() throws Exception {
        Path hostile = Samples.qemuCreate(dir, "flat.vmdk", "vmdk", "1M", "-o", "subformat=monolithicFlat");
        StagedImage image = staged(hostile, "vmdk");

        assertRefusedUnopened(image, Files.readAllBytes(hostile), "Image has disallowed configuration: ");
    }

    @Test
    void vmdkDescriptorNamingAHostFileIsRefusedBeforeQemuImgOpensIt() throws Exception {
        byte[] hostile = HostileImages.vmdkDescriptorWithBinaryComment("/etc/shadow");

        assertRefusedUnopened(staged(hostile, "vmdk"), hostile, "Image has disallowed configuration: ");
    }

    @Test
    void qcow2DeclaredRawIsRefused() throws Exception {
        Path lying = Samples.qemuCreate(dir, "lying.qcow2", "qcow2", "1M");
        StagedImage image = staged(lying, "raw");

        assertRefusedUnopened(image, Files.readAllBytes(lying), "Image format mismatch: disk_format is raw but the data"
                + " is qcow2");
    }

    @Test
    void rawDeclaredQcow2IsRefused() throws Exception {
        byte[] raw = Samples.randomDisk(1 << 20, 10);

        assertRefusedUnopened(staged(raw, "qcow2"), raw, "Image format mismatch: disk_format is qcow2 but the data is raw");
    }

    @Test
    void vmdkDeclaredQcow2IsRefused() throws Exception {
        Path lying = Samples.qemuCreate(dir, "lying.vmdk", "vmdk", "1M");

        assertRefusedUnopened(staged(lying, "qcow2"), Files.readAllBytes(lying), "Image format mismatch");
    }

    @Test
    void vmdkCreateTypeOutsideVmdkAllowedTypesIsRefusedAfterInfo() throws Exception {
        Path vmdk = Samples.qemuCreate(dir, "stream.vmdk", "vmdk", "1M", "-o", "subformat=streamOptimized");
        StagedImage image = staged(vmdk, "vmdk");

        assertThatThrownBy(() -> plugin("raw", List.of("monolithicSparse"), logged).apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class).hasMessage("Invalid VMDK create-type specified");
        assertThatThrownBy(() -> plugin("raw", List.of(), logged).apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessage("Image is a VMDK, but no VMDK createType is specified");
        assertThat(Files.readAllLines(calls)).containsExactly("info", "info");
        assertThat(Samples.listing(staging)).containsExactly(ID);
    }

    @Test
    void outputInAnUnexpectedFormatIsRefusedAndRemoved() throws Exception {
        // a qemu-img whose "raw" output is really a qcow2 (a format hidden inside another)
        Path qcow2 = Samples.qemuCreate(dir, "hidden.qcow2", "qcow2", "1M");
        QemuImg smuggling = new QemuImg(script("smuggling-qemu-img", """
                if [ "$1" = convert ]; then for last; do :; done; cp %s "$last"; exit 0; fi
                exec qemu-img "$@"
                """.formatted(qcow2)).toString());
        Path source = Samples.qemuCreate(dir, "disk.qcow2", "qcow2", "1M");
        StagedImage image = staged(source, "qcow2");

        assertThatThrownBy(() -> plugin("raw", VMDK_TYPES, smuggling).apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class).hasMessage("Converted image in unexpected format");
        assertThat(Files.readAllBytes(image.data())).isEqualTo(Files.readAllBytes(source));
        assertThat(Samples.listing(staging)).containsExactly(ID);
    }

    @Test
    void failedConversionLeavesNoPartialOutput() throws Exception {
        QemuImg failing = new QemuImg(script("failing-qemu-img", """
                if [ "$1" = convert ]; then for last; do :; done; head -c 100000 /dev/zero > "$last"
                  echo "qemu-img: error while writing at byte 65536: No space left on device" >&2; exit 1; fi
                exec qemu-img "$@"
                """).toString());
        Path source = Samples.qemuCreate(dir, "disk.qcow2", "qcow2", "1M");
        StagedImage image = staged(source, "qcow2");

        assertThatThrownBy(() -> plugin("raw", VMDK_TYPES, failing).apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessage("Image conversion failed: qemu-img: error while writing at byte 65536: No space left on"
                        + " device");
        assertThat(Files.readAllBytes(image.data())).isEqualTo(Files.readAllBytes(source));
        assertThat(Samples.listing(staging)).containsExactly(ID);
    }

    @Test
    void qemuImgErrorsDoNotShowTheStagingPath() throws Exception {
        QemuImg refusing = new QemuImg(script("refusing-qemu-img", """
                for last; do :; done
                echo "qemu-img: Could not open '$last': Image is corrupt; cannot be opened read/write" >&2; exit 1
                """).toString());
        StagedImage image = staged(Samples.qemuCreate(dir, "disk.qcow2", "qcow2", "1M"), "qcow2");

        assertThatThrownBy(() -> plugin("raw", VMDK_TYPES, refusing).apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessage("Image introspection failed: qemu-img: Could not open '" + ID
                        + "': Image is corrupt; cannot be opened read/write");
        assertThat(Samples.listing(staging)).containsExactly(ID);
    }

    @Test
    void qemuImgOverItsCpuLimitIsKilled() throws Exception {
        QemuImg.Result spinning = new QemuImg("sh").run(List.of("-c", "while :; do :; done"),
                new ProcessLimits(1, 1L << 30, java.time.Duration.ofSeconds(30)));

        assertThat(spinning.killedByLimit()).isTrue();
        assertThat(spinning.succeeded()).isFalse();
    }

    @Test
    void qemuImgOverItsAddressSpaceLimitFails() throws Exception {
        QemuImg.Result hungry = new QemuImg("/usr/bin/python3").run(List.of("-c", "b = bytearray(2 << 30)"),
                ProcessLimits.INFO);

        assertThat(hungry.succeeded()).isFalse();
        assertThat(hungry.stderr()).contains("MemoryError");
    }

    @Test
    void qemuImgPastItsWallClockIsKilled() throws Exception {
        QemuImg.Result sleeping = new QemuImg("sleep").run(List.of("60"),
                new ProcessLimits(2, 1L << 30, java.time.Duration.ofMillis(300)));

        assertThat(sleeping.killedByLimit()).isTrue();
    }

    @Test
    void convertLimitsGrowWithTheVirtualSize() {
        assertThat(ProcessLimits.INFO).isEqualTo(new ProcessLimits(2, 1L << 30, java.time.Duration.ofSeconds(30)));
        assertThat(ProcessLimits.convert(1 << 20).cpuSeconds()).isEqualTo(120);
        assertThat(ProcessLimits.convert(10L << 30).cpuSeconds()).isEqualTo(660);
        assertThat(ProcessLimits.convert(10L << 30).addressSpaceBytes()).isEqualTo(2L << 30);
    }

    private void assertRefusedUnopened(StagedImage image, byte[] bytes, String message) throws Exception {
        assertThatThrownBy(() -> toRaw().apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessageStartingWith(message);
        assertThat(Files.exists(calls)).as("qemu-img ran").isFalse();
        assertThat(Files.readAllBytes(image.data())).isEqualTo(bytes);
        assertThat(Samples.listing(staging)).containsExactly(ID);
    }

    private Path script(String name, String body) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** A minimal ISO 9660 volume: a primary volume descriptor at sector 16 and a terminator. */
    private static byte[] isoBytes() {
        byte[] iso = new byte[64 * 2048];
        int pvd = 16 * 2048;
        iso[pvd] = 1;
        System.arraycopy("CD001".getBytes(), 0, iso, pvd + 1, 5);
        iso[pvd + 6] = 1;
        putBoth32(iso, pvd + 80, 64);
        putBoth16(iso, pvd + 128, 2048);
        int end = 17 * 2048;
        iso[end] = (byte) 255;
        System.arraycopy("CD001".getBytes(), 0, iso, end + 1, 5);
        iso[end + 6] = 1;
        return iso;
    }

    private static void putBoth32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
            b[at + 7 - i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putBoth16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
        b[at + 2] = (byte) (v >>> 8);
    }
}
