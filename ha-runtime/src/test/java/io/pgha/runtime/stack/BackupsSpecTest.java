package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.stack.StackService.Role;
import io.pgha.runtime.stack.StackService.VolumeUse;
import org.junit.jupiter.api.Test;

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
                        .contains("archive_command: \"pgbackrest --stanza=shop archive-push %p\"");
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

    @Test
    void theConfigurationNamesTheStanzaAfterTheScopeAndKeepsTheRetention() {
        String conf = PgBackRestConfig.render(
                LOCAL.toBuilder().backups(new Backups(true, 3)).build());
        assertThat(conf)
                .contains("[shop]\n")
                .contains("repo1-path=/home/postgres/backups\n")
                .contains("repo1-retention-full=3\n")
                .contains("archive-async=y\n")
                .contains("spool-path=/home/postgres/pgdata/pgbackrest/spool\n")
                .contains("pg1-path=/home/postgres/pgdata/pgroot/data\n")
                .contains("pg1-user=postgres\n")
                .doesNotContainIgnoringCase("password");
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
