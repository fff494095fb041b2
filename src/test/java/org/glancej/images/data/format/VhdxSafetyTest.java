package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VhdxSafetyTest {
    private static final int REGION_TABLE = 192 * 1024;

    @TempDir
    Path dir;

    private byte[] image;
    private long metadata;

    @BeforeEach
    void makeImage() throws Exception {
        image = QemuImg.create(dir, "a.vhdx", "vhdx", "1G");
        metadata = Bytes.le64(image, metadataEntry() + 16);
    }

    @Test
    void regionTableWithTooManyEntriesIsRefused() {
        Bytes.putLe32(image, REGION_TABLE + 8, 5000);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("vhdx: invalid region table");
    }

    @Test
    void metadataRegionPastTheEndIsRefused() {
        Bytes.putLe64(image, metadataEntry() + 16, 1L << 40);

        InspectionResult result = Feed.WHOLE.inspect(image);

        assertThat(result.format()).isEqualTo("vhdx");
        assertThat(result.virtualSize()).isEmpty();
        assertThat(result.safetyViolations()).containsExactly("vhdx: metadata region extends past the end of the file");
    }

    @Test
    void metadataRegionBeforeTheRegionTableIsRefused() {
        Bytes.putLe64(image, metadataEntry() + 16, 4096);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("vhdx: metadata region missing or misplaced");
    }

    @Test
    void metadataBeyondTheCaptureLimitIsNotInspectable() {
        assertThat(Feed.CHUNKS_64K.inspect(relocateMetadata(40L << 20)).virtualSize()).hasValue(1L << 30);

        InspectionResult far = Feed.CHUNKS_64K.inspect(relocateMetadata(FormatInspector.CAPTURE_LIMIT));

        assertThat(far.virtualSize()).isEmpty();
        assertThat(far.safetyViolations()).containsExactly("vhdx: virtual disk size could not be inspected");
    }

    @Test
    void brokenMetadataTableIsRefused() {
        image[(int) metadata] = 'X';

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("vhdx: invalid metadata table");
    }

    @Test
    void virtualDiskSizeItemOutsideTheRegionIsRefused() {
        int entry = metadataItem(VhdxProbe.guid("2FA54224-CD1B-4876-B211-5DBED83BF4B8"));
        Bytes.putLe32(image, entry + 16, 0xfffffff0L);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("vhdx: no valid virtual disk size item");
    }

    @Test
    void parentLocatorIsRefused() {
        int entry = metadataItem(VhdxProbe.guid("CAA16737-FA36-4D43-B3B6-33F0AA44E76B"));
        System.arraycopy(VhdxProbe.guid("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C"), 0, image, entry, 16);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("vhdx: image has a parent locator");
    }

    @Test
    void hasParentFlagIsRefused() {
        int entry = metadataItem(VhdxProbe.guid("CAA16737-FA36-4D43-B3B6-33F0AA44E76B"));
        int parameters = (int) (metadata + Bytes.le64(image, entry + 16) % (1L << 32));
        image[parameters + 4] |= 2;

        assertThat(Feed.WHOLE.inspect(image).safetyViolations())
                .containsExactly("vhdx: differencing disk refers to a parent image");
    }

    @Test
    void hugeVirtualSizeIsRefused() {
        int entry = metadataItem(VhdxProbe.guid("2FA54224-CD1B-4876-B211-5DBED83BF4B8"));
        Bytes.putLe64(image, (int) (metadata + Bytes.le64(image, entry + 16) % (1L << 32)), -1L);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("vhdx: virtual size out of range");
    }

    private int metadataEntry() {
        return Bytes.indexOf(image, VhdxProbe.guid("8B7CA206-4790-4B9A-B8FE-575F050F886E"), REGION_TABLE);
    }

    private int metadataItem(byte[] guid) {
        return Bytes.indexOf(image, guid, (int) metadata);
    }

    /** The image, grown so that its 1 MiB metadata region can move to {@code offset}. */
    private byte[] relocateMetadata(long offset) {
        byte[] moved = new byte[(int) offset + (2 << 20)];
        System.arraycopy(image, 0, moved, 0, (int) metadata);
        System.arraycopy(image, (int) metadata, moved, (int) offset, 1 << 20);
        Bytes.putLe64(moved, metadataEntry() + 16, offset);
        return moved;
    }
}
