package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.junit.jupiter.api.Test;

class ColumnCollationTest {

    @Test
    void namesDifferingInCaseAccentsOrTrailingSpacesShareAKey() {
        assertThat(ColumnCollation.key("Foo")).isEqualTo(ColumnCollation.key("foo"));
        assertThat(ColumnCollation.key("k ")).isEqualTo(ColumnCollation.key("k"));
        assertThat(ColumnCollation.key("caf\u00e9")).isEqualTo(ColumnCollation.key("CAFE"));
        assertThat(ColumnCollation.key("cafe\u0301")).isEqualTo(ColumnCollation.key("caf\u00e9"));
        assertThat(ColumnCollation.key("stra\u00dfe")).isEqualTo(ColumnCollation.key("STRASE"));
    }

    @Test
    void namesTheCollationKeepsApartHaveDifferentKeys() {
        assertThat(ColumnCollation.key(" k")).isNotEqualTo(ColumnCollation.key("k"));
        assertThat(ColumnCollation.key("k\t")).isNotEqualTo(ColumnCollation.key("k"));
        assertThat(ColumnCollation.key("os_distro")).isNotEqualTo(ColumnCollation.key("os-distro"));
        assertThat(ColumnCollation.key("a b")).isNotEqualTo(ColumnCollation.key("ab"));
    }

    @Test
    void firstCollidingPairIsNamedInOrder() {
        assertThat(ColumnCollation.firstCollision(List.of("a", "B", "x", "b", "X"), Set.of())).contains(List.of("B", "b"));
        assertThat(ColumnCollation.firstCollision(List.of("a", "b", "c"), Set.of())).isEmpty();
        assertThat(ColumnCollation.firstCollision(List.of(), Set.of())).isEmpty();
    }

    @Test
    void pairsAnOlderWriterStoredAreLetBeButNotJoined() {
        Set<String> stored = Set.of("k", "K");

        assertThat(ColumnCollation.firstCollision(List.of("k", "K", "x"), stored)).isEmpty();
        assertThat(ColumnCollation.firstCollision(List.of("k", "K", "k "), stored)).contains(List.of("k", "k "));
    }

    @Test
    void collisionIsAConflict() {
        assertThatThrownBy(() -> ColumnCollation.refuseCollisions("Tags", List.of("x", "X "), Set.of()))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage("Tags 'x' and 'X ' differ only in letter case, accents or trailing spaces,"
                        + " so they cannot both be stored.");
    }
}
