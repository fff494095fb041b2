package org.glancej.images.data.format;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the inspector concluded about an image's bytes.
 *
 * @param format the detected disk format, as Glance names it: {@code qcow2, vmdk, vhd, vhdx, vdi, qed, luks, iso,
 *     gpt} or {@code raw} when nothing more specific matched
 * @param virtualSize the size of the disk the guest sees, when the format records one and it could be read
 * @param safetyViolations why the image must not be accepted; empty when it passed every check. Also lists
 *     structures that could not be inspected within the inspector's memory bounds, since an unchecked image
 *     is not a safe one
 * @param rawToQemu whether qemu would open these bytes as raw, nothing at their start naming another format:
 *     partitioned disks, ISOs, and fixed VHDs known only by their trailing footer
 */
public record InspectionResult(String format, OptionalLong virtualSize, List<String> safetyViolations,
        boolean rawToQemu) {
    private static final Set<String> RAW_LAYOUTS = Set.of("raw", "gpt", "iso");

    public InspectionResult {
        requireNonNull(format, "format is null");
        requireNonNull(virtualSize, "virtualSize is null");
        safetyViolations = List.copyOf(safetyViolations);
    }

    public InspectionResult(String format, OptionalLong virtualSize, List<String> safetyViolations) {
        this(format, virtualSize, safetyViolations, RAW_LAYOUTS.contains(format));
    }

    public boolean isSafe() {
        return safetyViolations.isEmpty();
    }

    InspectionResult readAsRawByQemu() {
        return new InspectionResult(format, virtualSize, safetyViolations, true);
    }

    static InspectionResult of(String format, long virtualSize, List<String> violations) {
        return new InspectionResult(format, OptionalLong.of(virtualSize), violations);
    }

    static InspectionResult unknownSize(String format, List<String> violations) {
        return new InspectionResult(format, OptionalLong.empty(), violations);
    }
}
