package io.pgha.console.ui.backups;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.BackupsState;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.InlineScheduler;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.ScriptedBackups;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.ArchiveStatus;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupSummary;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RecoverableWindow;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.stack.BackupSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackupsViewModelTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00.123Z");

    private final InlineScheduler scheduler = new InlineScheduler();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final ScriptedBackups backups = new ScriptedBackups();
    private final BackupsViewModel viewModel = new BackupsViewModel(
            backups, Inline.executors(scheduler), notifier, Clock.fixed(NOW, ZoneOffset.UTC), "demo");

    private static final BackupRecord FULL = ScriptedBackups.record(
            "20261205-080000F", BackupType.FULL, Instant.parse("2026-12-05T08:00:00Z"), Optional.empty());

    private static BackupsState.On on(RepositoryInfo info, ArchiveStatus archive) {
        return new BackupsState.On(
                BackupSummary.of(info, archive, NOW, Duration.ofDays(2)), info.backups(), BackupSchedule.DEFAULTS);
    }

    private static RepositoryInfo repository(boolean running, BackupRecord... records) {
        return new RepositoryInfo(
                "demo", RepositoryInfo.OK, "ok", running, List.of(records), Optional.empty(), Optional.empty());
    }

    private static ArchiveStatus archive(long lag, boolean failing) {
        Instant archived = NOW.minusSeconds(40);
        return new ArchiveStatus(
                "0/13100000",
                "000000030000000000000013",
                Optional.of("000000030000000000000012"),
                Optional.of(archived),
                failing ? Optional.of("000000030000000000000013") : Optional.empty(),
                failing ? Optional.of(archived.plusSeconds(10)) : Optional.empty(),
                failing ? 3 : 0,
                OptionalLong.of(lag));
    }

    @Test
    void readsOnlyWhileShownAndAgainEveryRefreshThen() {
        assertThat(backups.reads())
                .as("nothing is read before the tab is shown")
                .isZero();

        viewModel.shown(true);
        assertThat(backups.reads()).isEqualTo(1);
        assertThat(scheduler.pending())
                .as("the next read waits for the refresh")
                .isEqualTo(1);
        scheduler.runDue();
        assertThat(backups.reads()).isEqualTo(2);

        viewModel.shown(false);
        assertThat(scheduler.pending()).as("hidden: nothing more is read").isZero();
        scheduler.runDue();
        assertThat(backups.reads()).isEqualTo(2);

        viewModel.shown(true);
        assertThat(backups.reads()).as("shown again: read at once").isEqualTo(3);
        viewModel.close();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aStackWithBackupsShowsWindowArchiveLastBackupAndTheTableNewestFirst() {
        BackupRecord incr = ScriptedBackups.record(
                "20261205-080000F_20261205-090000I",
                BackupType.INCR,
                Instant.parse("2026-12-05T09:00:00Z"),
                Optional.of("20261205-080000F"));
        backups.state(on(repository(false, FULL, incr), archive(1 << 20, false)));
        viewModel.shown(true);

        assertThat(viewModel.availableProperty().get()).isTrue();
        assertThat(viewModel.canBackUpProperty().get()).isTrue();
        assertThat(viewModel.windowProperty().get()).isEqualTo("from 2026-12-05T08:00:31Z to 2026-12-05T09:59:20Z");
        assertThat(viewModel.archiveProperty().get())
                .isEqualTo("lag 1.0 MiB · last segment 000000030000000000000012 archived 40 s ago");
        assertThat(viewModel.archiveToneProperty().get()).isEqualTo(Tone.OK);
        assertThat(viewModel.runningProperty().get()).isEqualTo("no backup is running");
        assertThat(viewModel.messageProperty().get()).isEmpty();
        assertThat(viewModel.lastBackupProperty().get())
                .isEqualTo("20261205-080000F_20261205-090000I (incr, ended 59 min ago)");
        assertThat(viewModel.rows())
                .extracting(BackupRow::label, BackupRow::type, BackupRow::basedOn, BackupRow::member)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "20261205-080000F_20261205-090000I", "incr", "20261205-080000F", "pg-1"),
                        org.assertj.core.groups.Tuple.tuple("20261205-080000F", "full", "", "pg-1"));
        assertThat(viewModel.rows().getFirst())
                .extracting(BackupRow::size, BackupRow::stored, BackupRow::tone)
                .containsExactly("1.0 GiB", "100.0 MiB", Tone.OK);
    }

    static Stream<Arguments> summaries() {
        return Stream.of(
                Arguments.of("healthy", repository(false, FULL), archive(1 << 20, false), Tone.OK, Tone.OK, 0, ""),
                Arguments.of(
                        "archive behind",
                        repository(false, FULL),
                        archive(BackupSummary.ARCHIVE_BEHIND_BYTES, false),
                        Tone.FAIL,
                        Tone.WARN,
                        1,
                        "1 warning"),
                Arguments.of(
                        "archive failing",
                        repository(false, FULL),
                        archive(1 << 20, true),
                        Tone.FAIL,
                        Tone.FAIL,
                        1,
                        "1 warning"),
                Arguments.of(
                        "no backup yet, one running",
                        repository(true),
                        archive(1 << 20, false),
                        Tone.FAIL,
                        Tone.OK,
                        1,
                        "1 warning"),
                Arguments.of(
                        "no backup, archive failing",
                        repository(false),
                        archive(1 << 20, true),
                        Tone.FAIL,
                        Tone.FAIL,
                        2,
                        "2 warnings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("summaries")
    void warningsAreTonedLikeFailingChecks(
            String name,
            RepositoryInfo info,
            ArchiveStatus archive,
            Tone message,
            Tone archiveTone,
            int warnings,
            String text) {
        backups.state(on(info, archive));
        viewModel.shown(true);

        assertThat(viewModel.messageToneProperty().get()).isEqualTo(warnings == 0 ? Tone.OK : message);
        assertThat(viewModel.messageProperty().get()).isEqualTo(text);
        assertThat(viewModel.archiveToneProperty().get()).isEqualTo(archiveTone);
        assertThat(viewModel.warnings()).hasSize(warnings);
        assertThat(viewModel.windowToneProperty().get())
                .isEqualTo(info.backups().isEmpty() ? Tone.FAIL : Tone.OK);
        if (info.backups().isEmpty()) {
            assertThat(viewModel.windowProperty().get()).startsWith("none");
            assertThat(viewModel.lastBackupProperty().get()).isEqualTo("none yet");
        }
        if (info.backupRunning()) {
            assertThat(viewModel.runningProperty().get()).isEqualTo("a backup is running now");
        }
    }

    static Stream<Arguments> offReasons() {
        return Stream.of(
                Arguments.of(BackupsState.Why.ATTACHED, "pgha attached to demo", "stacks pgha made"),
                Arguments.of(BackupsState.Why.DISABLED, "backups.enabled: false", "pgha down demo"),
                Arguments.of(BackupsState.Why.NO_BACKUP_TOOL, "official Spilo images", "--images local"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offReasons")
    void aClusterWithoutBackupsSaysWhyAndWhatToDoNotAnError(BackupsState.Why why, String says, String todo) {
        backups.state(new BackupsState.Off(why));
        viewModel.shown(true);

        assertThat(viewModel.availableProperty().get()).isFalse();
        assertThat(viewModel.canBackUpProperty().get()).isFalse();
        assertThat(viewModel.messageProperty().get()).contains(says, todo);
        assertThat(viewModel.messageToneProperty().get()).isNotEqualTo(Tone.FAIL);
        assertThat(viewModel.rows()).isEmpty();
        assertThat(notifier.notices()).isEmpty();
    }

    @Test
    void aFailedReadIsShownAndTriedAgainAtTheNextRefresh() {
        BackupsViewModel failing = new BackupsViewModel(
                new ScriptedBackups() {
                    @Override
                    public BackupsState read() {
                        throw PghaException.unavailable("no leader in demo to run pgBackRest on");
                    }
                },
                Inline.executors(scheduler),
                notifier,
                Clock.fixed(NOW, ZoneOffset.UTC),
                "demo");
        failing.shown(true);

        assertThat(failing.messageProperty().get())
                .isEqualTo("Could not read the backups: no leader in demo to run pgBackRest on");
        assertThat(failing.messageToneProperty().get()).isEqualTo(Tone.FAIL);
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void backUpNowTakesTheChosenKindAndSaysSoThenReadsAgain() {
        viewModel.shown(true);
        viewModel.choiceProperty().set(BackupsViewModel.CHOICES.get(1));
        assertThat(viewModel.confirmation().title()).isEqualTo("Take a differential backup of demo");
        assertThat(viewModel.confirmation().whatHappens()).contains("the files changed since the last full backup");
        int reads = backups.reads();

        viewModel.backUpNow();

        assertThat(backups.taken()).containsExactly(BackupType.DIFF);
        assertThat(viewModel.busyProperty().get()).isFalse();
        assertThat(viewModel.canBackUpProperty().get()).isTrue();
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.SUCCESS);
        assertThat(notifier.last().title()).isEqualTo("Backup 20261205-080000F_20261205-100000d done");
        assertThat(backups.reads()).as("the table shows the new backup").isEqualTo(reads + 1);
        assertThat(viewModel.rows().getFirst().type()).isEqualTo("diff");
    }

    @Test
    void aFailedBackupIsAnErrorNotice() {
        viewModel.shown(true);
        backups.failWith("another pgBackRest command holds the stanza's lock");

        viewModel.backUpNow();

        assertThat(notifier.last().level()).isEqualTo(Notice.Level.ERROR);
        assertThat(notifier.last().text()).contains("holds the stanza's lock");
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    @Test
    void nothingIsTakenBeforeTheBackupsWereReadOrOnAClusterWithout() {
        viewModel.backUpNow();
        backups.state(new BackupsState.Off(BackupsState.Why.DISABLED));
        viewModel.shown(true);
        viewModel.backUpNow();

        assertThat(backups.taken()).isEmpty();
    }

    @Test
    void theWindowIsWhatRestoreToAccepts() {
        assertThat(BackupsViewModel.windowText(Optional.empty())).startsWith("none");
        BackupSummary summary = BackupSummary.of(repository(false, FULL), archive(0, false), NOW, Duration.ofDays(1));
        assertThat(BackupsViewModel.windowText(summary.window()))
                .isEqualTo("from 2026-12-05T08:00:31Z to 2026-12-05T09:59:20Z");
    }

    private static final BackupSchedule DAILY = BackupSchedule.DEFAULTS;

    static Stream<Arguments> nextBackups() {
        BackupRecord oldFull = ScriptedBackups.record(
                "20261128-080000F", BackupType.FULL, Instant.parse("2026-11-28T08:00:00Z"), Optional.empty());
        BackupRecord broken = new BackupRecord(
                "20261205-090000F",
                BackupType.FULL,
                Instant.parse("2026-12-05T09:00:00Z"),
                Instant.parse("2026-12-05T09:00:30Z"),
                1,
                1,
                "a",
                "b",
                Optional.empty(),
                Optional.empty(),
                true);
        BackupSchedule hourly = new BackupSchedule(Duration.ofHours(6), Duration.ofHours(1));
        return Stream.of(
                Arguments.of(
                        "a day after the last backup",
                        DAILY,
                        List.of(FULL),
                        false,
                        "a diff backup at 2026-12-06T08:00:30Z (in 22 h 1 min)"),
                Arguments.of(
                        "no backup: a full one now",
                        DAILY,
                        List.of(),
                        false,
                        "a full backup is due now: the supervisor starts it within a minute"),
                Arguments.of("full older than full_every", DAILY, List.of(oldFull), false, "a full backup is due now"),
                Arguments.of(
                        "a backup with errors does not count",
                        DAILY,
                        List.of(broken),
                        false,
                        "a full backup is due now"),
                Arguments.of("the spec's own schedule", hourly, List.of(FULL), false, "a diff backup is due now"),
                Arguments.of("one runs now", DAILY, List.of(FULL), true, "after the backup that runs now"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nextBackups")
    void theNextBackupIsTheOneTheSupervisorsScheduleTakes(
            String name, BackupSchedule schedule, List<BackupRecord> records, boolean running, String says) {
        String text = BackupsViewModel.nextText(schedule, records, running, NOW);

        assertThat(text).startsWith(says);
        assertThat(text)
                .endsWith(" · full every " + BackupSchedule.text(schedule.fullEvery()) + ", differential every "
                        + BackupSchedule.text(schedule.diffEvery()) + " (the stack's supervisor)");
    }

    @Test
    void theTimelinePlacesTheWindowAndEachBackupByTypeWithItsDetails() {
        BackupRecord incr = ScriptedBackups.record(
                "20261205-080000F_20261205-090000I",
                BackupType.INCR,
                Instant.parse("2026-12-05T09:00:00Z"),
                Optional.of("20261205-080000F"));
        backups.state(on(repository(false, FULL, incr), archive(1 << 20, false)));
        viewModel.shown(true);

        Timeline t = viewModel.timelineProperty().get();
        assertThat(t.from()).isEqualTo("2026-12-05T08:00:00Z");
        assertThat(t.to())
                .as("the window's end; the next backup, a day on, is off the axis")
                .isEqualTo("2026-12-05T09:59:20Z");
        assertThat(t.next()).isNegative();
        assertThat(t.hasWindow()).isTrue();
        double span = Duration.parse("PT1H59M20.123S").toMillis();
        assertThat(t.windowFrom()).isCloseTo(31_000 / span, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.windowTo()).isEqualTo(1.0);
        assertThat(t.marks()).extracting(Timeline.Mark::type).containsExactly("full", "incr");
        assertThat(t.marks().get(1).from()).isCloseTo(3_600_000 / span, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.marks().get(1).details())
                .contains(
                        "20261205-080000F_20261205-090000I · incr",
                        "2026-12-05T09:00:00Z → 2026-12-05T09:00:30Z",
                        "1.0 GiB of database, 100.0 MiB stored",
                        "based on 20261205-080000F",
                        "on pg-1");
        assertThat(viewModel.nextBackupProperty().get())
                .startsWith("a diff backup at 2026-12-06T09:00:30Z (in 23 h 1 min)");
    }

    @Test
    void aNextBackupCloseEnoughIsOnTheAxisAndNoBackupMeansNoTimeline() {
        BackupRecord full = ScriptedBackups.record(
                "20261205-080000F", BackupType.FULL, Instant.parse("2026-12-05T08:00:00Z"), Optional.empty());
        RecoverableWindow window = new RecoverableWindow(List.of(full), Instant.parse("2026-12-05T09:00:00Z"));
        Timeline t = BackupsViewModel.timeline(
                Optional.of(window), List.of(full), Optional.of(Instant.parse("2026-12-05T09:15:00Z")), "x");

        assertThat(t.to()).isEqualTo("2026-12-05T09:15:00Z");
        assertThat(t.next()).isEqualTo(1.0);
        assertThat(t.nextText()).isEqualTo("Next scheduled backup: x");
        assertThat(BackupsViewModel.timeline(Optional.empty(), List.of(), Optional.of(NOW), "x"))
                .isEqualTo(Timeline.EMPTY);
        backups.state(new BackupsState.Off(BackupsState.Why.DISABLED));
        viewModel.shown(true);
        assertThat(viewModel.timelineProperty().get()).isEqualTo(Timeline.EMPTY);
        assertThat(viewModel.nextBackupProperty().get()).isEmpty();
    }
}
