package org.glancej.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generated inventory still holds every option of the Debian sample it was generated from. */
class UpstreamOptionsTest {
    private static final Pattern SECTION = Pattern.compile("^\\[([^\\]]+)\\]\\s*$");
    private static final Pattern OPTION = Pattern.compile("^#?([A-Za-z0-9_.]+) =");
    /** The sample documents store options in per-driver sections and example backends. */
    private static final Map<String, String> DRIVER_SECTIONS = Map.of("glance.store.http.store", "http",
            "glance.store.rbd.store", "rbd", "glance.store.s3.store", "s3", "glance.store.swift.store", "swift",
            "glance.store.vmware_datastore.store", "vmware", "file", "file", "cinder", "cinder");

    @Test
    void everyOptionOfDebiansSampleIsInTheInventory() throws Exception {
        OptionList upstream = OptionList.resource("/config/upstream-options.txt");
        Path sample = Path.of(getClass().getResource("/config/debian-glance-api.conf").toURI());
        List<String> missing = new ArrayList<>();
        String section = null;
        int options = 0;
        for (String line : Files.readAllLines(sample)) {
            Matcher header = SECTION.matcher(line);
            Matcher option = OPTION.matcher(line);
            if (header.matches()) {
                section = header.group(1);
            } else if (option.find()) {
                options++;
                String name = option.group(1);
                boolean found = DRIVER_SECTIONS.containsKey(section)
                        ? upstream.storeTypesOf(name).contains(DRIVER_SECTIONS.get(section))
                        : upstream.has(section, name) || section.equals("glance_store")
                                && !upstream.storeTypesOf(name).isEmpty();
                if (!found) {
                    missing.add("[" + section + "] " + name);
                }
            }
        }
        assertThat(options).isGreaterThan(500);
        assertThat(missing).as("regenerate with scripts/upstream-options/generate.py").isEmpty();
    }

    @Test
    void storeOptionsKnowTheirStoreTypes() {
        OptionList upstream = OptionList.resource("/config/upstream-options.txt");

        assertThat(upstream.storeTypesOf("rbd_store_pool")).containsExactly("rbd");
        assertThat(upstream.storeTypesOf("filesystem_store_datadir")).containsExactly("file");
        assertThat(upstream.storeTypesOf("https_insecure")).containsExactly("http");
        assertThat(upstream.storeTypesOf("weight")).containsExactly(OptionList.ANY_STORE);
        assertThat(upstream.storeTypesOf("s3_store_cacert")).containsExactly("s3");
        assertThat(upstream.storeTypesOf("bind_host")).isEmpty();
        assertThat(upstream.get("DEFAULT", "disk_formats")).get().extracting(OptionList.Entry::renamedTo)
                .isEqualTo("image_format/disk_formats");
    }
}
