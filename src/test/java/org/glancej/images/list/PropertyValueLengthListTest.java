package org.glancej.images.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.glancej.db.ExtraIndexes;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Property values of every length around the short-value index's bound ({@code ExtraIndexes.SHORT_PROPERTY_VALUE}
 * characters, which PostgreSQL indexes whole in a partial index) and up to the 65,535 bytes of the column: the
 * rows go in by a plain {@code INSERT}, as upstream's code writes them, with every list index in place, and each
 * value lists exactly its image, whether it drives the page or is probed per image of the walk. On MariaDB the
 * short values are compared through the invisible column {@code db.ShortValueColumn}, which db_sync added.
 */
class PropertyValueLengthListTest extends DatabaseTestSupport {
    private static final int BOUND = ExtraIndexes.SHORT_PROPERTY_VALUE;

    @Test
    void everyValueLengthListsExactlyItsImageDrivenAndWalked() {
        // 3-byte characters count once: 100 of them are short, 21,845 fill the column. MariaDB's collation
        // calls the last six (and 99 x with a space, 100 x with a space) equal to others, lists must not
        List<String> values = List.of("x".repeat(BOUND - 1), "x".repeat(BOUND), "x".repeat(BOUND + 1),
                "\u20ac".repeat(BOUND), "\u20ac".repeat(BOUND + 1), "x".repeat(BOUND) + "y",
                "x".repeat(65_535), "\u20ac".repeat(21_845), "x".repeat(BOUND - 1) + " ", "x".repeat(BOUND) + " ",
                "Ubuntu", "ubuntu", "UBUNTU", "ubuntu ", "\u00fcbuntu", "X".repeat(BOUND));
        List<TestImage> images = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            images.add(new TestImage(new UUID(42, i).toString()).visibility("public")
                    .created(LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(i))
                    .property("k", values.get(i)).property("arch", "x86_64"));
        }
        database.inTransaction(c -> {
            TestImage.insertAll(c, database.dialect(), images);
            return null;
        });
        for (int fewMatches : List.of(ImagePageReader.FEW_MATCHES, 0)) {
            ImagePageReader reader = new ImagePageReader(database.dialect(), fewMatches);
            for (int i = 0; i < values.size(); i++) {
                for (String query : List.of("k=" + values.get(i), "k=" + values.get(i) + "&arch=x86_64")) {
                    ImageListQuery parsed = QueryStrings.parse(query);
                    List<String> ids = database.withConnection(c -> reader.pageIds(c, parsed, ListScope.user("p1")));
                    assertThat(ids).as("value %d, %d chars, fewMatches %d, %s", i, values.get(i).length(), fewMatches,
                            query.contains("arch") ? "two filters" : "one filter").containsExactly(images.get(i).id);
                }
            }
        }
    }
}
