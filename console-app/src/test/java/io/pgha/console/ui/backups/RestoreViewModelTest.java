package io.pgha.console.ui.backups;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.Inline;
import io.pgha.console.testing.InlineScheduler;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.ScriptedBackups;
import io.pgha.console.ui.backups.RestoreViewModel.Destination;
import io.pgha.console.ui.backups.RestoreViewModel.Target;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RecoverableWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestoreViewModelTest {

    private static final BackupRecord FULL = ScriptedBackups.record(
            "20261205-080000F", BackupType.FULL, Instant.parse("2026-12-05T08:00:00Z"), Optional.empty());
    private static final RecoverableWindow WINDOW =
            new RecoverableWindow(List.of(FULL), Instant.parse("2026-12-05T10:00:00.500Z"));
    private static final List<String> PORTS = List.of("5442", "5443", "7010", "8018", "2389", "9197", "9100");

    private final RecordingNotifier notifier = new RecordingNotifier();
    private final ScriptedBackups backups = new ScriptedBackups();
    private final List<Boolean> running = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final RestoreViewModel vm = new RestoreViewModel(
            backups, Inline.executors(new InlineScheduler()), notifier, "demo", WINDOW, running::add, added::add);

    static Stream<Arguments> rules() {
        List<String> badPort = new ArrayList<>(PORTS);
        badPort.set(3, "80");
        List<String> notANumber = new ArrayList<>(PORTS);
        notANumber.set(0, "54x2");
        return Stream.of(
                Arguments.of(
                        "a moment inside",
                        Target.TIME,
                        "2026-12-05T09:00:00Z",
                        Destination.NEW_CLUSTER,
                        "new",
                        PORTS,
                        "",
                        ""),
                Arguments.of(
                        "with an offset",
                        Target.TIME,
                        "2026-12-05T10:00:00+01:00",
                        Destination.NEW_CLUSTER,
                        "new",
                        PORTS,
                        "",
                        ""),
                Arguments.of(
                        "the window's first second",
                        Target.TIME,
                        "2026-12-05T08:00:31Z",
                        Destination.NEW_CLUSTER,
                        "new",
                        PORTS,
                        "",
                        ""),
                Arguments.of(
                        "no zone",
                        Target.TIME,
                        "2026-12-05T09:00:00",
                        Destination.NEW_CLUSTER,
                        "new",
                        PORTS,
                        "",
                        "Write the time as ISO-8601 with a zone, e.g. 2026-12-05T10:00:00Z"),
                Arguments.of(
                        "before the window",
                        Target.TIME,
                        "2026-12-05T08:00:30Z",
                        Destination.NEW_CLUSTER,
                        "new",
                        PORTS,
                        "",
                        "Choose a time inside the recoverable window, from 2026-12-05T08:00:31Z to"
                                + " 2026-12-05T10:00:00Z"),
                Arguments.of(
                        "in the future",
                        Target.TIME,
                        "2026-12-05T10:00:01Z",
                        Destination.NEW_CLUSTER,
                        "new",
                        PORTS,
                        "",
                        "Choose a time inside the recoverable window"),
                Arguments.of(
                        "latest needs no time",
                        Target.LATEST,
                        "nonsense",
                        Destination.NEW_CLUSTER,
                        "new",
                        PORTS,
                        "",
                        ""),
                Arguments.of(
                        "no name", Target.LATEST, "", Destination.NEW_CLUSTER, " ", PORTS, "", "Name the new cluster"),
                Arguments.of(
                        "the source's name",
                        Target.LATEST,
                        "",
                        Destination.NEW_CLUSTER,
                        "demo",
                        PORTS,
                        "",
                        "The new cluster needs a name other than demo's"),
                Arguments.of(
                        "a privileged port",
                        Target.LATEST,
                        "",
                        Destination.NEW_CLUSTER,
                        "new",
                        badPort,
                        "",
                        "The Patroni (first) port is a number from 1024 to 65535"),
                Arguments.of(
                        "not a number",
                        Target.LATEST,
                        "",
                        Destination.NEW_CLUSTER,
                        "new",
                        notANumber,
                        "",
                        "The write port is a number from 1024 to 65535"),
                Arguments.of(
                        "in place unconfirmed",
                        Target.LATEST,
                        "",
                        Destination.IN_PLACE,
                        "",
                        List.of(),
                        "",
                        "Type demo to confirm that it is rebuilt"),
                Arguments.of(
                        "in place, another name typed",
                        Target.LATEST,
                        "",
                        Destination.IN_PLACE,
                        "",
                        List.of(),
                        "dem",
                        "Type demo to confirm"),
                Arguments.of(
                        "in place confirmed", Target.LATEST, "", Destination.IN_PLACE, "", List.of(), " demo ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theFormsRules(
            String name,
            Target target,
            String time,
            Destination destination,
            String cluster,
            List<String> ports,
            String confirmation,
            String problem) {
        Optional<String> found = RestoreViewModel.problem(
                target, time, "20261205-080000F", destination, cluster, ports, confirmation, "demo", WINDOW);

        if (problem.isEmpty()) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).get().asString().startsWith(problem);
        }
    }

    @Test
    void opensOnTheWindowsEndWithAFreeNameAndPortsAndNoErrorBeforeTheUserTypes() {
        assertThat(vm.canRestoreProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).startsWith("Finding a free name");

        vm.load();

        assertThat(vm.timeProperty().get()).isEqualTo("2026-12-05T10:00:00Z");
        assertThat(vm.nameProperty().get()).isEqualTo("demo-restored");
        assertThat(vm.port(0).get()).isEqualTo("5442");
        assertThat(vm.destinationProperty().get()).as("the safe default").isEqualTo(Destination.NEW_CLUSTER);
        assertThat(vm.canRestoreProperty().get()).isTrue();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.confirmLabel()).isEqualTo("Restore into a new cluster");

        vm.destinationProperty().set(Destination.IN_PLACE);
        assertThat(vm.problemIsErrorProperty().get())
                .as("a choice is not a mistake")
                .isFalse();
        assertThat(vm.problemProperty().get()).isEqualTo("Type demo to confirm that it is rebuilt");
        assertThat(vm.canRestoreProperty().get()).isFalse();
        assertThat(vm.effects()).contains("keeps the ports");
        assertThat(vm.confirmLabel()).isEqualTo("Rebuild demo");
        vm.confirmationProperty().set("dem");
        assertThat(vm.problemIsErrorProperty().get()).isTrue();
        vm.confirmationProperty().set("demo");
        assertThat(vm.canRestoreProperty().get()).isTrue();
    }

    @Test
    void aFreshDialogShowsNoErrorEvenWhenItCannotStartYet() {
        RestoreViewModel fresh = new RestoreViewModel(
                backups, Inline.executors(new InlineScheduler()), notifier, "demo", WINDOW, running::add, added::add);
        backups.busyPort(5442);
        fresh.load();

        assertThat(fresh.canRestoreProperty().get()).isFalse();
        assertThat(fresh.problemProperty().get()).isEqualTo("port 5442 (write) is in use on 127.0.0.1");
        assertThat(fresh.problemIsErrorProperty().get()).as("nothing typed yet").isFalse();

        fresh.port(0).set("5452");
        assertThat(fresh.canRestoreProperty().get()).isTrue();
        fresh.nameProperty().set("taken");
        assertThat(fresh.problemProperty().get()).isEqualTo("a cluster named 'taken' exists already");
        assertThat(fresh.problemIsErrorProperty().get()).isTrue();
    }

    @Test
    void theSliderAndTheTimeFollowEachOtherInsideTheWindow() {
        vm.load();
        vm.positionProperty().set(0);
        assertThat(vm.timeProperty().get()).isEqualTo("2026-12-05T08:00:31Z");
        vm.positionProperty().set(0.5);
        assertThat(vm.timeProperty().get()).isEqualTo("2026-12-05T09:00:15Z");
        vm.timeProperty().set("2026-12-05T10:00:00+01:00");
        assertThat(vm.positionProperty().get()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        vm.timeProperty().set("2026-12-05T11:00:00Z");
        assertThat(vm.positionProperty().get())
                .as("outside: the slider stays")
                .isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(vm.canRestoreProperty().get()).isFalse();
    }

    @Test
    void restoresIntoANewClusterWithItsStepsAndSaysWhereTheCredentialsAre() {
        vm.load();
        vm.timeProperty().set("2026-12-05T09:30:00Z");

        vm.restore();

        assertThat(backups.restores()).containsExactly("2026-12-05T09:30:00Z -> demo-restored");
        assertThat(vm.steps())
                .extracting(RestoreStep::title, RestoreStep::tone)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Recoverable window", Tone.OK),
                        org.assertj.core.groups.Tuple.tuple("Restore", Tone.OK));
        assertThat(vm.steps().get(1).detail()).isEqualTo("recovered · 12.0 s");
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.SUCCESS);
        assertThat(notifier.last().title()).isEqualTo("Cluster demo-restored restored");
        assertThat(notifier.last().text()).contains("pgha credentials demo-restored");
        assertThat(running).containsExactly(true, false);
        assertThat(added).as("the sidebar lists it").containsExactly("demo-restored");
        assertThat(vm.canRestoreProperty().get()).as("once per dialog").isFalse();
        vm.restore();
        assertThat(backups.restores()).hasSize(1);
    }

    @Test
    void anInPlaceRestoreToABackupAndAFailureAsAnErrorNotice() {
        vm.load();
        vm.targetProperty().set(Target.BACKUP);
        vm.destinationProperty().set(Destination.IN_PLACE);
        vm.restore();
        assertThat(backups.restores()).as("not before the name is typed").isEmpty();

        vm.confirmationProperty().set("demo");
        backups.failRestoresWith("pgBackRest could not read the repository");
        vm.restore();

        assertThat(backups.restores()).containsExactly("the end of backup 20261205-080000F -> in place");
        assertThat(vm.steps().getLast().tone()).isEqualTo(Tone.FAIL);
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.ERROR);
        assertThat(notifier.last().title()).isEqualTo("Restore of demo in place failed");
        assertThat(vm.outcomeProperty().get()).isEqualTo("Failed: pgBackRest could not read the repository");
        assertThat(added).isEmpty();
        assertThat(running).containsExactly(true, false);
    }
}
