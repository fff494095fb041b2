package org.glancej.images.data.format;

import java.util.List;
import java.util.Set;
import org.glancej.config.ConfigFile;

/**
 * The operator's relief valves for upload format enforcement, from {@code [image_format]}.
 *
 * @param requireImageFormatMatch refuse uploads whose content is not of the declared {@code disk_format}
 *     (upstream's default: true)
 * @param gptSafetyChecksNonfatal names of GPT safety checks that only log when they fail on an image detected
 *     as {@code gpt}; upstream has one such check, {@code mbr}, and its newest default is none
 */
public record FormatEnforcement(boolean requireImageFormatMatch, Set<String> gptSafetyChecksNonfatal) {
    public static final FormatEnforcement DEFAULT = new FormatEnforcement(true, Set.of());

    public FormatEnforcement {
        gptSafetyChecksNonfatal = Set.copyOf(gptSafetyChecksNonfatal);
    }

    public static FormatEnforcement from(ConfigFile conf) {
        return new FormatEnforcement(
                conf.bool("image_format", "require_image_format_match", true),
                Set.copyOf(conf.list("image_format", "gpt_safety_checks_nonfatal", List.of())));
    }
}
