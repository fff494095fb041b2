package org.glancej.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportPropertiesTest {
    @Test
    void storeListsStaySortedWithoutDuplicatesOrEmptyNames() {
        Map<String, String> props = ImportProperties.add(Map.of("os_glance_importing_to_stores", "b"),
                ImportProperties.IMPORTING, List.of("c", "a", "b", ""));

        assertThat(props).containsEntry(ImportProperties.IMPORTING, "a,b,c");
        assertThat(ImportProperties.remove(props, ImportProperties.IMPORTING, List.of("b", "x")))
                .containsEntry(ImportProperties.IMPORTING, "a,c");
    }

    @Test
    void removingTheLastStoreLeavesAnEmptyListAsUpstream() {
        assertThat(ImportProperties.remove(Map.of(), ImportProperties.FAILED, List.of("a")))
                .containsEntry(ImportProperties.FAILED, "");
    }
}
