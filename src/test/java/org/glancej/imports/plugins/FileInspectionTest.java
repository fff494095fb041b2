package org.glancej.imports.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glancej.images.data.format.FormatInspector;
import org.glancej.images.data.format.HostileImages;
import org.glancej.images.data.format.InspectionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inspecting a file by its start and end must conclude exactly what inspecting every byte concludes. */
class FileInspectionTest {
    @TempDir
    Path dir;

    @Test
    void skippingTheMiddleChangesNoVerdict() throws Exception {
        List<HostileImages.Case> cases = new ArrayList<>(HostileImages.refused(dir));
        cases.addAll(HostileImages.accepted(dir));
        for (HostileImages.Case sample : cases) {
            Path file = Files.write(dir.resolve("sample"), sample.bytes());

            assertThat(FileInspection.inspect(file)).as(sample.label()).isEqualTo(wholeStream(sample.bytes()));
        }
    }

    @Test
    void largeImagesWithMetadataAtTheirEndAreRecognised() throws Exception {
        Path vhd = Samples.qemuCreate(dir, "fixed.vhd", "vpc", "64M", "-o", "subformat=fixed");
        Path raw = Files.write(dir.resolve("random.raw"), Samples.randomDisk(8 << 20, 13));
        Path vmdk = Samples.qemuConvert(dir, raw, "stream.vmdk", "vmdk", "-o", "subformat=streamOptimized");

        for (Path file : List.of(vhd, vmdk)) {
            assertThat(FileInspection.inspect(file)).as(file.getFileName().toString())
                    .isEqualTo(wholeStream(Files.readAllBytes(file)));
        }
        assertThat(FileInspection.inspect(vhd).format()).isEqualTo("vhd");
        String info = Samples.qemuImg(dir, List.of("info", "-f", "vpc", "--output=json", vhd.toString()));
        long qemuSize = Long.parseLong(info.replaceAll("(?s).*\"virtual-size\": (\\d+).*", "$1"));
        assertThat(FileInspection.inspect(vhd).virtualSize()).hasValue(qemuSize);
        assertThat(FileInspection.inspect(vmdk).format()).isEqualTo("vmdk");
    }

    private static InspectionResult wholeStream(byte[] bytes) {
        FormatInspector inspector = FormatInspector.create();
        inspector.update(bytes, 0, bytes.length);
        return inspector.finish();
    }
}
