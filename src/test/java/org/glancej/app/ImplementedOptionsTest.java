package org.glancej.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.glancej.config.ConfigFile;
import org.glancej.config.OptionAudit;
import org.glancej.auth.KeystoneConfig;
import org.glancej.quota.QuotaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list of implemented options (implemented-options.txt) must name every option the service reads, or the
 * startup audit would call an option the operator set "no effect" while it has one. The service is started with
 * every read recorded, in the configurations that reach its conditional reads.
 */
class ImplementedOptionsTest {
    private final OptionAudit audit = OptionAudit.standard();

    @Test
    void everyOptionReadAtStartupIsListedAsImplemented(@TempDir Path dir) {
        String common = """
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = 0
                [database]
                connection = sqlite:///%s/glance.sqlite
                """.formatted(dir);
        String keystone = """
                [paste_deploy]
                flavor = keystone
                [keystone_authtoken]
                auth_url = http://127.0.0.1:1/identity
                username = glance
                password = secret
                project_name = service
                """;
        String legacy = "[glance_store]\nfilesystem_store_datadir = %s/images\n".formatted(dir);
        String multi = """
                [DEFAULT]
                enabled_backends = fast:file, slow:file, web:http
                [glance_store]
                default_backend = fast
                [fast]
                filesystem_store_datadir = %1$s/fast
                [slow]
                filesystem_store_datadir = %1$s/slow
                [os_glance_staging_store]
                filesystem_store_datadir = %1$s/staging
                [os_glance_tasks_store]
                filesystem_store_datadir = %1$s/tasks
                """.formatted(dir);

        List<String> unlisted = new ArrayList<>();
        unlisted.addAll(unlistedReadsStarting(ConfigFile.parse(common + legacy)));
        unlisted.addAll(unlistedReadsStarting(ConfigFile.parse(common + keystone + legacy)));
        unlisted.addAll(unlistedReadsStarting(ConfigFile.parse(common + multi)));
        unlisted.addAll(unlistedReads(ConfigFile.parse("""
                [DEFAULT]
                use_keystone_limits = true
                [oslo_limit]
                auth_type = password
                auth_url = http://127.0.0.1:1/identity
                username = glance
                user_domain_name = Default
                password = secret
                project_name = service
                project_domain_name = Default
                endpoint_id = 0123
                """), QuotaConfig::from));
        unlisted.addAll(unlistedReads(ConfigFile.parse(common + keystone), KeystoneConfig::from));

        assertThat(unlisted).as("options read but missing from implemented-options.txt").isEmpty();
    }

    @Test
    void aReadMissingFromTheListIsFound() {
        assertThat(unlistedReads(ConfigFile.empty(), conf -> conf.string("DEFAULT", "location_strategy", "")))
                .containsExactly("[DEFAULT] location_strategy");
    }

    private List<String> unlistedReadsStarting(ConfigFile conf) {
        return unlistedReads(conf, observed -> GlanceApplication.start(observed).close());
    }

    private List<String> unlistedReads(ConfigFile conf, java.util.function.Consumer<ConfigFile> reader) {
        Set<List<String>> reads = new LinkedHashSet<>();
        reader.accept(conf.observingReads((section, option) -> reads.add(List.of(section, option))));
        assertThat(reads).isNotEmpty();
        return reads.stream()
                .filter(read -> !audit.listsAsImplemented(conf, read.get(0), read.get(1)))
                .map(read -> "[" + read.get(0) + "] " + read.get(1))
                .distinct()
                .toList();
    }
}
