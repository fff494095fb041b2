package org.glancej.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.glancej.config.OptionFinding.Kind;
import org.junit.jupiter.api.Test;

class OptionAuditTest {
    private final OptionAudit audit = OptionAudit.standard();

    private List<OptionFinding> findings(String conf) {
        return audit.audit(ConfigFile.parse(conf));
    }

    private OptionFinding only(String conf) {
        List<OptionFinding> found = findings(conf);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    @Test
    void optionsTheServiceReadsAreNotReported() {
        assertThat(findings("""
                [DEFAULT]
                bind_port = 9292
                show_image_direct_url = true
                sql_connection = sqlite:///x.db
                [image_format]
                disk_formats = raw,qcow2
                [keystone_authtoken]
                auth_url = http://localhost:5000
                [upload_recovery]
                heartbeat_interval = 5
                [glance_store]
                stores = file
                default_store = file
                filesystem_store_datadir = /var/lib/glance/images
                """)).isEmpty();
    }

    @Test
    void anUnimplementedGlanceOptionIsNamedWithItsSection() {
        OptionFinding finding = only("[DEFAULT]\nlocation_strategy = store_type\n");

        assertThat(finding.kind()).isEqualTo(Kind.NOT_IMPLEMENTED);
        assertThat(finding.message())
                .isEqualTo("[DEFAULT] location_strategy is set but has no effect in this service (not implemented)");
    }

    @Test
    void anOldSpellingOfAnImplementedOptionSaysWhichNameIsRead() {
        assertThat(only("[DEFAULT]\ndisk_formats = raw\n").message()).isEqualTo("[DEFAULT] disk_formats is set but"
                + " has no effect in this service (not implemented); it is the old name of [image_format] disk_formats,"
                + " which this service reads under that name only");
    }

    @Test
    void typosAreUnknownOptionsWithAHintWhereUpstreamReadsTheName() {
        OptionFinding typo = only("[DEFAULT]\nbind_prot = 9292\n");
        assertThat(typo.kind()).isEqualTo(Kind.UNKNOWN_OPTION);
        assertThat(typo.message()).startsWith("[DEFAULT] bind_prot: unknown option");

        OptionFinding misplaced = only("[DEFAULT]\nfilesystem_store_datadir = /srv\n");
        assertThat(misplaced.kind()).isEqualTo(Kind.UNKNOWN_OPTION);
        assertThat(misplaced.message()).contains("a store option of [file]");

        assertThat(only("[image_format]\nverbose = true\n").kind()).isEqualTo(Kind.UNKNOWN_OPTION);
        assertThat(only("[upload_recovery]\nheartbeat = 5\n").kind()).isEqualTo(Kind.UNKNOWN_OPTION);
    }

    @Test
    void otherLibrariesOptionsAreGroupedInOneLinePerSection() {
        List<OptionFinding> found = findings("""
                [DEFAULT]
                debug = true
                log_file = /var/log/glance/api.log
                transport_url = rabbit://guest:secret@localhost
                [keystone_authtoken]
                auth_url = http://localhost:5000
                memcached_servers = localhost:11211
                region_name = RegionOne
                service_token_roles_required = true
                [oslo_messaging_rabbit]
                rabbit_ha_queues = true
                heartbeat_timeout_threshold = 60
                amqp_durable_queues = true
                """);

        assertThat(found).extracting(OptionFinding::kind).containsOnly(Kind.OTHER_LIBRARY);
        assertThat(found).extracting(OptionFinding::message).containsExactlyInAnyOrder(
                "[DEFAULT] debug, log_file: set but without effect in this service (options of oslo.log, which it does not use)",
                "[DEFAULT] transport_url: set but without effect in this service (options of oslo.messaging, which it does not use)",
                "[keystone_authtoken] memcached_servers, region_name, service_token_roles_required: set but without effect in"
                        + " this service (options of keystonemiddleware.auth_token, which it does not use)",
                "[oslo_messaging_rabbit] amqp_durable_queues, heartbeat_timeout_threshold, rabbit_ha_queues: set but without"
                        + " effect in this service (options of oslo.messaging, which it does not use)");
        assertThat(String.join("\n", found.stream().map(OptionFinding::message).toList())).doesNotContain("secret");
    }

    @Test
    void upstreamsBoundedListsWithoutBracketsAreReportedForClustersWithUpstreamNodes() {
        // upstream's oslo.config raises on these values when it reads them: every web-download then fails
        List<OptionFinding> found = findings("""
                [DEFAULT]
                enabled_import_methods = glance-direct, web-download
                [import_filtering_opts]
                allowed_hosts = 127.0.0.1, mirror.example.org
                allowed_ports = 8080
                disallowed_schemes =
                """);

        assertThat(found).extracting(OptionFinding::kind).containsOnly(Kind.UPSTREAM_UNREADABLE);
        assertThat(found).extracting(OptionFinding::options).containsExactlyInAnyOrder(
                List.of("enabled_import_methods"), List.of("allowed_hosts"), List.of("allowed_ports"),
                List.of("disallowed_schemes"));
        assertThat(found.stream().filter(f -> f.options().contains("allowed_hosts")).findFirst().orElseThrow().message())
                .isEqualTo("[import_filtering_opts] allowed_hosts = 127.0.0.1, mirror.example.org: not in brackets;"
                        + " this service reads it, but upstream Glance reads this list only as [item, ...] and fails"
                        + " when it uses this value: write it in brackets where upstream nodes share this file");
        assertThat(Kind.UPSTREAM_UNREADABLE.warning()).isTrue();
    }

    @Test
    void listsInBracketsAndUnboundedListsAreNotReported() {
        assertThat(findings("""
                [DEFAULT]
                enabled_import_methods = [glance-direct, web-download]
                [import_filtering_opts]
                allowed_hosts = [127.0.0.1, mirror.example.org]
                allowed_ports =  [8080]\s
                disallowed_ports = []
                [image_format]
                disk_formats = raw,qcow2
                """)).isEmpty();
    }

    @Test
    void anUnknownSectionIsOneLine() {
        OptionFinding finding = only("[glance_stor]\nstores = file\ndefault_store = file\n");

        assertThat(finding.kind()).isEqualTo(Kind.UNKNOWN_SECTION);
        assertThat(finding.options()).containsExactly("default_store", "stores");
        assertThat(finding.message()).startsWith("[glance_stor]: unknown section");
    }

    @Test
    void storeOptionsInASectionNoBackendNamesAreReported() {
        OptionFinding misspelt = only("""
                [DEFAULT]
                enabled_backends = fast:file
                [glance_store]
                default_backend = fast
                [fsat]
                filesystem_store_datadir = /srv/fast
                """);
        assertThat(misspelt.kind()).isEqualTo(Kind.UNKNOWN_SECTION);
        assertThat(misspelt.message()).isEqualTo("[fsat]: not a store named in [DEFAULT] enabled_backends [fast]; its"
                + " options filesystem_store_datadir are ignored");

        assertThat(only("[file]\nfilesystem_store_datadir = /srv\n").message()).isEqualTo("[file]: without [DEFAULT]"
                + " enabled_backends, store options are read from [glance_store] only; its options"
                + " filesystem_store_datadir are ignored");
    }

    @Test
    void legacyStoreOptionsAreJudgedByTheStoresEnabled() {
        assertThat(findings("[glance_store]\nstores = file,rbd\nrbd_store_pool = images\n")).isEmpty();

        OptionFinding notEnabled = only("[glance_store]\nstores = file\nswift_store_user = glance\nswift_store_key = k\n");
        assertThat(notEnabled.kind()).isEqualTo(Kind.IGNORED_AS_UPSTREAM);
        assertThat(notEnabled.kind().warning()).isFalse();
        assertThat(notEnabled.message()).isEqualTo("[glance_store] swift_store_key, swift_store_user: ignored, as"
                + " upstream does (options of [swift] stores, which this section does not configure)");

        OptionFinding perm = only("[glance_store]\nfilesystem_store_file_perm = 0640\n");
        assertThat(perm.kind()).isEqualTo(Kind.NOT_IMPLEMENTED);
        assertThat(perm.message()).startsWith("[glance_store] filesystem_store_file_perm is set but has no effect");

        assertThat(only("[glance_store]\nweight = 10\n").kind()).isEqualTo(Kind.IGNORED_AS_UPSTREAM);
        assertThat(only("[backend_defaults]\nrbd_store_pool = images\n").message())
                .isEqualTo("[backend_defaults] rbd_store_pool: ignored, as upstream does (read only with [DEFAULT]"
                        + " enabled_backends)");
    }

    @Test
    void multiStoreOptionsAreReadPerBackendAndFromBackendDefaults() {
        String multi = """
                [DEFAULT]
                enabled_backends = fast:file, ceph:rbd
                [glance_store]
                default_backend = ceph
                [fast]
                filesystem_store_datadir = /srv/fast
                store_description = Fast disks
                weight = 100
                [ceph]
                rbd_store_pool = images
                [backend_defaults]
                rbd_store_chunk_size = 4
                [os_glance_staging_store]
                filesystem_store_datadir = /srv/staging
                """;
        assertThat(findings(multi)).isEmpty();

        List<OptionFinding> found = findings(multi + """
                [fast]
                filesystem_store_metadata_file = /etc/glance/meta.json
                rbd_store_user = glance
                datadir = /srv
                [glance_store]
                rbd_store_pool = images
                """);
        assertThat(found).extracting(OptionFinding::message).containsExactlyInAnyOrder(
                "[fast] filesystem_store_metadata_file is set but has no effect in this service (not implemented)",
                "[fast] datadir: unknown option, neither upstream Glance nor this service has it; ignored",
                "[glance_store] rbd_store_pool has no effect: with [DEFAULT] enabled_backends, store options are read"
                        + " from each backend's section or [backend_defaults]",
                "[fast] rbd_store_user: ignored, as upstream does (options of [rbd] stores, which this section does not"
                        + " configure)");
    }

    @Test
    void refusedOptionsStopStartupInOneLineNamingEachWithoutItsValue() {
        String conf = """
                [DEFAULT]
                delayed_delete = true
                metadata_encryption_key = 0123456789abcdef0123456789abcdef
                """;
        assertThat(findings(conf)).extracting(OptionFinding::kind).containsOnly(Kind.REFUSED);

        assertThatThrownBy(() -> audit.enforce(ConfigFile.parse(conf)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("refusing to start: [DEFAULT] delayed_delete is set, which this service does"
                        + " not implement: ")
                .hasMessageContaining("; [DEFAULT] metadata_encryption_key is set")
                .hasMessageNotContaining("0123456789abcdef")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusedOptionsSetToTheirHarmlessValueOnlyWarn() {
        assertThat(only("[DEFAULT]\ndelayed_delete = false\n").kind()).isEqualTo(Kind.NOT_IMPLEMENTED);
        assertThat(only("[DEFAULT]\nmetadata_encryption_key =\n").kind()).isEqualTo(Kind.NOT_IMPLEMENTED);
        audit.enforce(ConfigFile.parse("[DEFAULT]\ndelayed_delete = false\n"));
    }

    @Test
    void everyImplementedOptionIsAnUpstreamOneOrInASectionOfOurs() {
        OptionList upstream = OptionList.resource("/config/upstream-options.txt");
        OptionList implemented = OptionList.resource("/config/implemented-options.txt");
        List<String> notUpstream = new java.util.ArrayList<>();
        for (String section : implemented.sectionNames()) {
            if (section.equals("upload_recovery") || section.equals("import_source") || section.equals("api_server")) {
                assertThat(upstream.hasSection(section)).as("[" + section + "] is ours, not upstream's").isFalse();
                continue;
            }
            implemented.optionNames(section).stream().filter(option -> !upstream.has(section, option))
                    .forEach(option -> notUpstream.add("[" + section + "] " + option));
        }
        assertThat(notUpstream).isEmpty();
    }
}
