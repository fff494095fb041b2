package org.glancej.images.data.format;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/**
 * What the inspector concluded about an image's bytes.
 *
 * @param format the detected disk format, as Glance names it: {@code qcow2, vmdk, vhd, vhdx, vdi, qed, luks, iso,
 *     gpt} or {@code raw} when nothing more specific matched
 * @param virtualSize the size of the disk the guest sees, when the format records one and it could be read
 * @param safetyViolations why the image must not be accepted; empty when it passed every check. Also lists
 *     structures that could not be inspected within the inspector's memory bounds, since an unchecked image
 *     is not a safe one
 */
public record InspectionResult(String format, OptionalLong virtualSize, List<String> safetyViolations) {
    public InspectionResult {
        requireNonNull(format, "format is null");
        requireNonNull(virtualSize, "virtualSize is null");
        safetyViolations = List.copyOf(safetyViolations);
    }

    public boolean isSafe() {
        return safetyViolations.isEmpty();
    }

    static InspectionResult of(String format, long virtualSize, List<String> violations) {
        return new InspectionResult(format, OptionalLong.of(virtualSize), violations);
    }

    static InspectionResult unknownSize(String format, List<String> violations) {
        return new InspectionResult(format, OptionalLong.empty(), violations);
    }
}
