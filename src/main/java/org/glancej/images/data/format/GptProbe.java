package org.glancej.images.data.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A partitioned disk: an MBR boot signature, which GPT disks carry too in their protective MBR. The partition
 * entries must be sane, and a protective MBR must be the only entry and start at LBA 1, as upstream checks.
 * FAT volume boot records share the signature and are left to raw.
 */
final class GptProbe implements FormatProbe {
    private static final int SIGNATURE = 0xaa55;
    private static final int PARTITION_TABLE = 446;
    private static final int PROTECTIVE = 0xee;

    @Override
    public String name() {
        return "gpt";
    }

    @Override
    public Optional<InspectionResult> verdict(Stream stream) {
        ByteWindow head = stream.head();
        if (!head.has(0, 512) || head.le16(510) != SIGNATURE || isFatBootRecord(head)) {
            return Optional.empty();
        }
        List<String> violations = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        boolean protective = false;
        for (int i = 0; i < 4; i++) {
            int entry = PARTITION_TABLE + 16 * i;
            int boot = head.u8(entry);
            int type = head.u8(entry + 4);
            if (boot != 0x00 && boot != 0x80) {
                violations.add("gpt: MBR partition " + i + " has an invalid boot flag");
            }
            if (type != 0) {
                used.add(i);
            }
            if (type == PROTECTIVE) {
                protective = true;
                if (head.u8(entry + 1) != 0 || head.u8(entry + 2) != 2 || head.u8(entry + 3) != 0) {
                    violations.add("gpt: protective MBR has an invalid start CHS");
                }
                if (head.le32(entry + 8) != 1) {
                    violations.add("gpt: protective MBR has an invalid start LBA");
                }
            }
        }
        if (protective && !used.equals(List.of(0))) {
            violations.add("gpt: protective MBR defines extra partitions");
        }
        if (used.isEmpty()) {
            violations.add("gpt: MBR has no partitions");
        }
        return Optional.of(InspectionResult.of(name(), stream.totalBytes(), violations));
    }

    /** Whether a violation comes from the partition-table check, upstream's GPT check named {@code mbr}. */
    static boolean isMbrCheck(String violation) {
        return violation.startsWith("gpt: ");
    }

    private static boolean isFatBootRecord(ByteWindow head) {
        return head.u8(0x10) == 2 && head.u8(0x15) == 0xf8;
    }
}
