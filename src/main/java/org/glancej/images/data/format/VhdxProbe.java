package org.glancej.images.data.format;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Hyper-V VHDX (MS-VHDX): little-endian structures found by GUID. The region table at 192 KiB locates the
 * metadata region; its table locates the virtual disk size and file parameters items. Each step's window is
 * requested only once the previous one is parsed, so nothing but the tables themselves is buffered.
 */
final class VhdxProbe implements FormatProbe {
    private static final long REGION_TABLE = 192 * 1024;
    private static final int TABLE_SIZE = 64 * 1024;
    private static final int MAX_ENTRIES = 2047;
    private static final long MAX_VIRTUAL_SIZE = 64L << 40; // the format's limit, 64 TiB
    private static final long HAS_PARENT = 1L << 1;
    private static final byte[] METADATA_REGION = guid("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    private static final byte[] BAT_REGION = guid("2DC27766-F623-4200-9D64-115E9BFD4A08");
    private static final byte[] VIRTUAL_DISK_SIZE = guid("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    private static final byte[] FILE_PARAMETERS = guid("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    private static final byte[] PARENT_LOCATOR = guid("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C");

    private final List<String> violations = new ArrayList<>();
    private boolean matched;
    private long metadataOffset = -1;
    private long metadataLength;
    private ByteWindow regionTable;
    private ByteWindow metadataTable;
    private ByteWindow diskSize;
    private ByteWindow fileParameters;

    @Override
    public String name() {
        return "vhdx";
    }

    @Override
    public void onHead(ByteWindow head, Capture capture) {
        matched = head.matches(0, "vhdxfile");
        if (matched) {
            regionTable = capture.request(REGION_TABLE, TABLE_SIZE, table -> readRegionTable(table, capture));
        }
    }

    @Override
    public Optional<InspectionResult> verdict(Stream stream) {
        if (!matched) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>(violations);
        if (metadataOffset >= 0 && metadataLength > stream.totalBytes() - metadataOffset) {
            found.add("vhdx: metadata region extends past the end of the file");
        }
        if (fileParameters != null && fileParameters.isComplete() && (fileParameters.le32(4) & HAS_PARENT) != 0) {
            found.add("vhdx: differencing disk refers to a parent image");
        }
        if (diskSize == null || !diskSize.isComplete()) {
            if (found.isEmpty()) {
                found.add("vhdx: virtual disk size could not be inspected");
            }
            return Optional.of(InspectionResult.unknownSize(name(), found));
        }
        long size = diskSize.le64(0);
        if (size <= 0 || size > MAX_VIRTUAL_SIZE) {
            found.add("vhdx: virtual size out of range");
            return Optional.of(InspectionResult.unknownSize(name(), found));
        }
        return Optional.of(InspectionResult.of(name(), size, found));
    }

    private void readRegionTable(ByteWindow table, Capture capture) {
        long count = table.le32(8);
        if (!table.matches(0, "regi") || count > MAX_ENTRIES) {
            violations.add("vhdx: invalid region table");
            return;
        }
        for (int entry = 16; entry < 16 + count * 32; entry += 32) {
            if (table.matches(entry, METADATA_REGION)) {
                metadataOffset = table.le64(entry + 16);
                metadataLength = table.le32(entry + 24);
            } else if (!table.matches(entry, BAT_REGION) && (table.le32(entry + 28) & 1) != 0) {
                violations.add("vhdx: unknown required region");
            }
        }
        if (metadataOffset < REGION_TABLE + TABLE_SIZE || metadataLength < TABLE_SIZE) {
            violations.add("vhdx: metadata region missing or misplaced");
            return;
        }
        metadataTable = capture.request(metadataOffset, TABLE_SIZE, meta -> readMetadataTable(meta, capture));
    }

    private void readMetadataTable(ByteWindow table, Capture capture) {
        int count = table.le16(10);
        if (!table.matches(0, "metadata") || count > MAX_ENTRIES) {
            violations.add("vhdx: invalid metadata table");
            return;
        }
        for (int entry = 32; entry < 32 + count * 32; entry += 32) {
            long itemOffset = table.le32(entry + 16);
            long itemLength = table.le32(entry + 20);
            boolean inRegion = itemOffset >= TABLE_SIZE && itemLength <= metadataLength - itemOffset;
            if (table.matches(entry, PARENT_LOCATOR)) {
                violations.add("vhdx: image has a parent locator");
            } else if (table.matches(entry, VIRTUAL_DISK_SIZE)) {
                diskSize = inRegion && itemLength == 8 ? capture.request(metadataOffset + itemOffset, 8, w -> {}) : null;
            } else if (table.matches(entry, FILE_PARAMETERS)) {
                fileParameters = inRegion && itemLength == 8 ? capture.request(metadataOffset + itemOffset, 8, w -> {}) : null;
            }
        }
        if (diskSize == null) {
            violations.add("vhdx: no valid virtual disk size item");
        }
    }

    /** A GUID as stored on disk: the first three groups little-endian, the rest in order. */
    static byte[] guid(String text) {
        byte[] b = HexFormat.of().parseHex(text.replace("-", ""));
        return new byte[] {b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6],
                b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]};
    }
}
