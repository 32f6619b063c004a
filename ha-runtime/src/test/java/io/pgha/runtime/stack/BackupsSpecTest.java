package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.stack.StackService.Role;
import io.pgha.runtime.stack.StackService.VolumeUse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** backups: in the spec, its file and the layout (docs/decisions/0021). */
class BackupsSpecTest {

    private static final StackSpec LOCAL =
            StackSpec.builder().name("shop").images(ImageProfile.LOCAL).build();

    @Test
    void onByDefaultOffOnTheCommittedStack() {
        assertThat(StackSpec.defaults().backups()).isEqualTo(Backups.DEFAULTS);
        assertThat(StackSpec.defaults().backups().enabled()).isTrue();
        assertThat(StackSpec.committed().backups().enabled()).isFalse();
        assertThat(StackLayout.of(StackSpec.committed().toBuilder()
                                .images(ImageProfile.LOCAL)
                                .build())
                        .volumes())
                .doesNotContain(Backups.VOLUME);
    }

    @Test
    void theSpecFileReadsAndWritesIt() {
        StackSpec spec = StackSpecFile.parse("backups: {enabled: false, retention_full: 3}\n")
                .build();
        assertThat(spec.backups()).isEqualTo(new Backups(false, 3));
        assertThat(StackSpecFile.write(spec)).contains("backups:\n  enabled: false\n  retention_full: 3\n");
        assertThat(StackSpecFile.parse(StackSpecFile.write(LOCAL)).build()).isEqualTo(LOCAL);
        assertThat(SpecDifferences.between(
                        LOCAL, LOCAL.toBuilder().backups(Backups.OFF).build()))
                .containsExactly("backups.enabled: true -> false");
    }

    @Test
    void badValuesAreRefusedByKey() {
        assertThatThrownBy(() ->
                        StackSpecFile.parse("backups: {retention_full: 0}").build())
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("backups.retention_full");
        assertThatThrownBy(() -> StackSpecFile.parse("backups: {schedule: daily}"))
                .hasMessageContaining("unknown key 'backups.schedule'");
    }

    @Test
    void everyNodeMountsTheRepositoryAndReadsTheConfiguration() {
        StackLayout layout = StackLayout.of(LOCAL);
        assertThat(layout.archives()).isTrue();
        assertThat(layout.volumes()).contains(Backups.VOLUME);
        assertThat(layout.volumeName(Backups.VOLUME)).isEqualTo("shop_backups");
        for (StackService s : layout.services()) {
            if (s.role() == Role.POSTGRES) {
                assertThat(s.volumes()).contains(new VolumeUse(Backups.VOLUME, Backups.REPOSITORY_MOUNT));
                assertThat(s.configFiles())
                        .anySatisfy(f -> assertThat(f.containerPath()).isEqualTo(Backups.CONFIG_PATH));
                assertThat(s.environment().get("SPILO_CONFIGURATION"))
                        .contains("archive_mode: \"on\"")
                        .contains("archive_command: \"pgbackrest --stanza=shop archive-push %p\"")
                        .as("commits reach the archive within seconds, not once 16 MiB of WAL filled a segment")
                        .contains("archive_timeout: 5s");
            } else {
                assertThat(s.volumes()).noneMatch(v -> v.volume().equals(Backups.VOLUME));
            }
        }
    }

    @Test
    void theOfficialImagesAndASpecWithoutBackupsDoNotArchive() {
        for (StackSpec spec : new StackSpec[] {
            LOCAL.toBuilder().images(ImageProfile.OFFICIAL).build(),
            LOCAL.toBuilder().backups(Backups.OFF).build()
        }) {
            StackLayout layout = StackLayout.of(spec);
            assertThat(layout.archives()).isFalse();
            assertThat(layout.volumes()).doesNotContain(Backups.VOLUME);
            assertThat(layout.services())
                    .allSatisfy(s -> assertThat(s.environment().getOrDefault("SPILO_CONFIGURATION", ""))
                            .doesNotContain("archive"));
        }
    }

    /** docs/decisions/0070: whether each member's restore_command reads the archive, by spec. */
    static Stream<Arguments> restoreCommands() {
        return Stream.of(
                Arguments.of("local images, backups", LOCAL, "pgbackrest --stanza=shop archive-get %f \"%p\""),
                Arguments.of(
                        "local images, backups, no TLS",
                        LOCAL.toBuilder().security(StackSecurity.SEED).build(),
                        "pgbackrest --stanza=shop archive-get %f \"%p\""),
                Arguments.of(
                        "another scope",
                        LOCAL.toBuilder().name("crm").build(),
                        "pgbackrest --stanza=crm archive-get %f \"%p\""),
                Arguments.of(
                        "backups off", LOCAL.toBuilder().backups(Backups.OFF).build(), null),
                Arguments.of(
                        "official images (no pgBackRest)",
                        LOCAL.toBuilder().images(ImageProfile.OFFICIAL).build(),
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restoreCommands")
    void everyMemberReadsTheArchiveExactlyWhenTheStackArchives(String why, StackSpec spec, String expected)
            throws Exception {
        StackLayout layout = StackLayout.of(spec);
        assertThat(layout.archives()).isEqualTo(expected != null);
        for (StackService s : layout.services()) {
            if (s.role() != Role.POSTGRES) {
                continue;
            }
            JsonNode spilo = new YAMLMapper().readTree(s.environment().get("SPILO_CONFIGURATION"));
            JsonNode restore = spilo.path("postgresql").path("recovery_conf").path("restore_command");
            if (expected == null) {
                assertThat(restore.isMissingNode()).as(s.name()).isTrue();
            } else {
                assertThat(restore.asText()).as(s.name()).isEqualTo(expected);
                assertThat(restore.asText())
                        .as("the same stanza as archive_command, defined next to it")
                        .isEqualTo(PgBackRestConfig.restoreCommand(spec))
                        .startsWith(PgBackRestConfig.archiveCommand(spec).replace(" archive-push %p", " "));
            }
            assertThat(spilo.path("bootstrap").path("dcs").toString())
                    .as("local to each member, never in the DCS (no configuration change or apply sees it)")
                    .doesNotContain("restore_command")
                    .doesNotContain("recovery_conf");
        }
    }

    @Test
    void theConfigurationNamesTheStanzaAfterTheScopeAndKeepsTheRetention() {
        String conf = PgBackRestConfig.render(
                LOCAL.toBuilder().backups(new Backups(true, 3)).build());
        assertThat(conf)
                .contains("[shop]\n")
                .contains("repo1-path=/home/postgres/backups\n")
                .contains("repo1-retention-full=3\n")
                .contains("archive-async=y\n")
                .as("restore_command gets one segment at a time, without the async process's ~100 ms a call")
                .contains("[global:archive-get]\narchive-async=n\n")
                .contains("spool-path=/home/postgres/pgdata/pgbackrest/spool\n")
                .contains("pg1-path=/home/postgres/pgdata/pgroot/data\n")
                .contains("pg1-user=postgres\n")
                .doesNotContainIgnoringCase("password");
    }

    /** docs/decisions/0027: with TLS every node serves pgBackRest's protocol to the others, so replicas back up. */
    @Test
    void withTlsEveryNodeRunsPgBackRestsServerForTheNodesOfThisStanzaOnly() {
        String conf = PgBackRestConfig.render(LOCAL);
        assertThat(PgBackRestConfig.standbyBackups(LOCAL)).isTrue();
        assertThat(conf)
                .contains("tls-server-address=*\n")
                .contains("tls-server-port=8432\n")
                .contains("tls-server-cert-file=/run/certs/server.crt\n")
                .contains("tls-server-key-file=/run/certs/server.key\n")
                .contains("tls-server-ca-file=/run/certs/ca.crt\n")
                .contains("tls-server-auth=pg-0=shop\n")
                .contains("tls-server-auth=pg-6=shop\n")
                .doesNotContain("tls-server-auth=pg-7")
                .doesNotContain("=*\n[")
                .doesNotContainIgnoringCase("password");
        assertThat(conf.indexOf("tls-server-address")).isLessThan(conf.indexOf("[shop]"));

        StackSpec open = LOCAL.toBuilder().security(StackSecurity.SEED).build();
        assertThat(PgBackRestConfig.standbyBackups(open)).isFalse();
        assertThat(PgBackRestConfig.render(open)).doesNotContain("tls-server");
        assertThat(StackLayout.of(open).services())
                .filteredOn(s -> s.name().equals(StackLayout.SUPERVISOR))
                .singleElement()
                .satisfies(s -> assertThat(s.environment()).containsEntry("PGHA_BACKUP_FROM_STANDBY", "false"));
        assertThat(StackLayout.of(LOCAL).services())
                .filteredOn(s -> s.name().equals(StackLayout.SUPERVISOR))
                .singleElement()
                .satisfies(s -> assertThat(s.environment()).containsEntry("PGHA_BACKUP_FROM_STANDBY", "true"));
    }

    @Test
    void aReplicasBackupReachesThePrimaryOverTlsWithFilePathsOnly() {
        assertThat(PgBackRestConfig.remotePrimary("pg-1", "postgres"))
                .containsExactly(
                        "--pg2-host=pg-1",
                        "--pg2-host-type=tls",
                        "--pg2-host-port=8432",
                        "--pg2-host-cert-file=/run/certs/server.crt",
                        "--pg2-host-key-file=/run/certs/server.key",
                        "--pg2-host-ca-file=/run/certs/ca.crt",
                        "--pg2-path=/home/postgres/pgdata/pgroot/data",
                        "--pg2-socket-path=/var/run/postgresql",
                        "--pg2-port=5432",
                        "--pg2-user=postgres");
    }

    @Test
    void theScheduleIsInTheSpecFileOnlyWhenItIsNotTheDefault() {
        assertThat(StackSpecFile.write(LOCAL)).doesNotContain("full_every").doesNotContain("diff_every");
        StackSpec spec = StackSpecFile.parse("backups: {full_every: 2d, diff_every: 6h}\n")
                .build();
        assertThat(spec.backups().schedule())
                .isEqualTo(new BackupSchedule(java.time.Duration.ofDays(2), java.time.Duration.ofHours(6)));
        assertThat(StackSpecFile.write(spec)).contains("  full_every: \"2d\"\n  diff_every: \"6h\"\n");
        assertThat(StackSpecFile.parse(StackSpecFile.write(spec)).build().backups())
                .isEqualTo(spec.backups());
        assertThat(spec.backups().schedule().lateAfter()).isEqualTo(java.time.Duration.ofMinutes(6 * 60 + 36));
        assertThat(BackupSchedule.DEFAULTS.lateAfter()).isEqualTo(java.time.Duration.ofHours(25));
        assertThatThrownBy(() -> StackSpecFile.parse("backups: {diff_every: weekly}\n"))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("like 7d, 24h or 30m");
        assertThatThrownBy(() -> StackSpecFile.parse("backups: {full_every: 1d, diff_every: 2d}\n"))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("cannot be longer");
    }
}
