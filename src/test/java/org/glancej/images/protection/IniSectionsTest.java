package org.glancej.images.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.glancej.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The expected values are what Python 3.11's configparser reads from the same text. */
class IniSectionsTest {

    @Test
    void readsLikePythonsConfigparser() {
        List<IniSections.Section> sections = IniSections.parse("test", """
                # comment
                [^x_[a-z]+$] ; trailing
                Create = admin,
                   member

                    # indented comment
                Read: @ # not a comment
                [DEFAULT]
                delete = !
                [b]
                update=
                """);

        assertThat(sections).extracting(IniSections.Section::name).containsExactly("^x_[a-z]+$", "b");
        assertThat(sections.get(0).options()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "create", "admin,\nmember", "read", "@ # not a comment", "delete", "!"));
        assertThat(sections.get(1).options()).containsExactlyInAnyOrderEntriesOf(Map.of("update", "", "delete", "!"));
    }

    @Test
    void doublePercentIsOnePercent() {
        assertThat(IniSections.parse("test", "[a]\nread = 100%%\n").getFirst().options()).containsEntry("read", "100%");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[a]\nread = x\n[a]\nread = y\n",
            "[a]\nread = x\nREAD = y\n",
            "read = x\n[a]\n",
            "[a]\nread\n",
            "[a]\n= admin\n",
            "[a]\nread = 100%\n",
            "[a]\nread = %(other)s\n",
    })
    void whatConfigparserRejectsIsAnError(String text) {
        assertThatThrownBy(() -> IniSections.parse("protections.conf", text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("protections.conf");
    }
}
