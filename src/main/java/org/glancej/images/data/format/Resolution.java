package org.glancej.images.data.format;

import java.util.ArrayList;
import java.util.List;

/** Turns the probes' matches into one answer, following upstream Glance's rules for overlapping formats. */
final class Resolution {
    private Resolution() {}

    static InspectionResult decide(List<InspectionResult> matches, long totalBytes, List<String> internalErrors) {
        List<InspectionResult> found = new ArrayList<>(matches);
        boolean iso = contains(found, "iso");
        boolean vhd = contains(found, "vhd");
        // Hybrid ISOs carry a partition table so they can boot from a disk too (upstream accepts iso+gpt as
        // iso); a fixed VHD is a raw disk plus a footer, so its payload may look like either.
        if (iso || vhd) {
            found.removeIf(r -> r.format().equals("gpt"));
        }
        if (vhd) {
            found.removeIf(r -> r.format().equals("iso"));
        }
        if (found.isEmpty()) {
            return InspectionResult.of("raw", totalBytes, internalErrors);
        }
        InspectionResult first = found.getFirst();
        List<String> violations = new ArrayList<>(first.safetyViolations());
        if (found.size() > 1) {
            // one file readable as two formats is how a header gets smuggled past a check
            violations.add("multiple formats detected: "
                    + String.join(", ", found.stream().map(InspectionResult::format).toList()));
        }
        violations.addAll(internalErrors);
        return new InspectionResult(first.format(), first.virtualSize(), violations, first.rawToQemu());
    }

    private static boolean contains(List<InspectionResult> results, String format) {
        return results.stream().anyMatch(r -> r.format().equals(format));
    }
}
