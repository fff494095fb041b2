package org.glancej.images.data.format;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges an upload's inspected content against the image's declared {@code disk_format} and decides the virtual
 * size to record, as upstream Glance does once the data is stored: a mismatch is refused while
 * {@code require_image_format_match} is on, a failed safety check always, both as 415 with upstream's messages.
 *
 * <p>Deliberately stricter than upstream, which accepts any content under {@code raw} with a warning: declaring
 * {@code raw} for content that qemu would open as another format (qcow2, vmdk, vhd, vhdx, vdi, qed, luks) is a
 * mismatch, since that is how a qcow2 pointing at host files reaches a hypervisor as "raw" (OSSA-2024-002).
 * Disks with a partition table, ISOs and fixed VHDs are raw to qemu, so {@code raw} still matches them.
 */
public final class DeclaredFormatCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DeclaredFormatCheck.class);
    /** Formats the inspector recognises; any other disk_format (ami, aki, ari, ploop...) cannot be checked. */
    private static final Set<String> INSPECTABLE =
            Set.of("raw", "qcow2", "vmdk", "vhd", "vhdx", "vdi", "qed", "luks", "iso", "gpt");
    /** Disk formats without structure: their virtual size is their byte count. */
    private static final List<String> RAW_LIKE = List.of("raw", "ami", "ari", "aki");
    /** GPT's only safety check upstream, which every violation of the partition probe belongs to. */
    private static final String GPT_MBR_CHECK = "mbr";

    private final FormatEnforcement enforcement;

    public DeclaredFormatCheck(FormatEnforcement enforcement) {
        this.enforcement = requireNonNull(enforcement, "enforcement is null");
    }

    /**
     * The virtual size to record for an upload of {@code bytes} bytes, or null when it is unknown.
     *
     * @throws GlanceException (415) when the content does not match the declared format or fails a safety check
     */
    public Long virtualSize(String diskFormat, String containerFormat, InspectionResult inspection, long bytes) {
        String detected = inspection.format();
        // upstream only inspects bare images: any other container wraps the disk in its own structure
        boolean matches = !"bare".equals(containerFormat) || matches(diskFormat, inspection);
        if (!matches && enforcement.requireImageFormatMatch()) {
            throw invalidImageData("Image disk_format " + diskFormat + " does not match stream data " + detected);
        }
        List<String> fatal = fatalViolations(inspection);
        if (!fatal.isEmpty()) {
            throw invalidImageData("Image failed safety checks: " + String.join("; ", fatal));
        }
        if (!matches) {
            LOG.warn("image content detected as {} does not match disk_format {}", detected, diskFormat);
            return RAW_LIKE.contains(diskFormat) ? bytes : null;
        }
        if (detected.equals(diskFormat) && inspection.virtualSize().isPresent()) {
            return inspection.virtualSize().getAsLong();
        }
        return RAW_LIKE.contains(diskFormat) ? bytes : null;
    }

    private static boolean matches(String declared, InspectionResult inspection) {
        String detected = inspection.format();
        if (declared.equals(detected)) {
            return true;
        }
        if (declared.equals("raw")) {
            return inspection.rawToQemu();
        }
        return detected.equals("raw") && !INSPECTABLE.contains(declared);
    }

    /**
     * The safety violations that refuse the image: all of them, except on a GPT disk the {@code mbr} checks named
     * in {@code gpt_safety_checks_nonfatal}, which are logged.
     */
    public List<String> fatalViolations(InspectionResult inspection) {
        if (inspection.format().equals("gpt") && enforcement.gptSafetyChecksNonfatal().contains(GPT_MBR_CHECK)) {
            List<String> nonfatal = inspection.safetyViolations().stream().filter(GptProbe::isMbrCheck).toList();
            if (!nonfatal.isEmpty()) {
                LOG.warn("non-fatal GPT safety check failures: {}", String.join("; ", nonfatal));
            }
            return inspection.safetyViolations().stream().filter(v -> !GptProbe.isMbrCheck(v)).toList();
        }
        return inspection.safetyViolations();
    }

    private static GlanceException invalidImageData(String message) {
        LOG.warn("upload refused: {}", message);
        return new GlanceException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, message);
    }
}
