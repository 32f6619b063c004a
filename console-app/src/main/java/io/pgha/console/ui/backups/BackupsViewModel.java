package io.pgha.console.ui.backups;

import io.pgha.console.service.BackupsState;
import io.pgha.console.service.ClusterBackups;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.backup.ArchiveStatus;
import io.pgha.runtime.backup.BackupDue;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupSummary;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RecoverableWindow;
import io.pgha.runtime.stack.BackupSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Backups tab: reads the cluster's backups on the background executor when the tab is shown and every
 * {@link #REFRESH} while it stays shown (never while hidden: each read is a few execs in the leader's container), and
 * takes a backup now, off the FX thread, with its result through the notifier. A cluster without backups (attached, or
 * made with them off) gets a sentence saying why and what to do.
 */
public final class BackupsViewModel {

    /** How often the tab reads the backups while it is shown. */
    public static final Duration REFRESH = Duration.ofSeconds(30);

    /** The kinds of backup "Back up now" offers, full first. */
    public static final List<BackupChoice> CHOICES = List.of(
            new BackupChoice("full", "Full", "a copy of the whole database"),
            new BackupChoice("diff", "Differential", "the files changed since the last full backup"),
            new BackupChoice("incr", "Incremental", "the files changed since the last backup of any kind"));

    private final ClusterBackups backups;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final Clock clock;
    private final String cluster;
    private final ObservableList<BackupChoice> choices = FXCollections.observableArrayList(CHOICES);
    private final ObjectProperty<BackupChoice> choice = new SimpleObjectProperty<>(CHOICES.getFirst());
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canBackUp = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRestore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper restoring = new ReadOnlyBooleanWrapper();
    private Optional<RecoverableWindow> lastWindow = Optional.empty();
    private Consumer<String> clusterAdded = name -> {};
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Reading the backups …");
    private final ReadOnlyObjectWrapper<Tone> messageTone = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);
    private final ReadOnlyStringWrapper window = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> windowTone = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);
    private final ReadOnlyStringWrapper archive = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> archiveTone = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);
    private final ReadOnlyStringWrapper lastBackup = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper running = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nextBackup = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Timeline> timeline = new ReadOnlyObjectWrapper<>(Timeline.EMPTY);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper updated = new ReadOnlyStringWrapper("");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObservableList<BackupRow> rows = FXCollections.observableArrayList();
    private boolean shown;
    private boolean reading;
    private boolean closed;
    private ScheduledFuture<?> next;

    public BackupsViewModel(
            ClusterBackups backups, UiExecutors executors, Notifier notifier, Clock clock, String cluster) {
        this.backups = backups;
        this.executors = executors;
        this.notifier = notifier;
        this.clock = clock;
        this.cluster = cluster;
        available.addListener((o, a, b) -> update());
        busy.addListener((o, a, b) -> update());
        restoring.addListener((o, a, b) -> update());
    }

    /** Called on the FX thread when the tab is shown or hidden: reads now, then every {@link #REFRESH} while shown. */
    public void shown(boolean showing) {
        if (showing == shown) {
            return;
        }
        shown = showing;
        cancelNext();
        if (showing) {
            refresh();
        }
    }

    /** Reads the backups now, unless a read is under way. */
    public void refresh() {
        if (closed || reading) {
            return;
        }
        reading = true;
        cancelNext();
        executors.supply(backups::read, this::arrived, this::failed);
    }

    private void arrived(BackupsState state) {
        reading = false;
        if (closed) {
            return;
        }
        switch (state) {
            case BackupsState.On on -> show(on.summary(), on.backups(), on.schedule());
            case BackupsState.Off off -> off(off.why());
        }
        updated.set("read " + Formats.clock(clock.instant()));
        scheduleNext();
    }

    private void failed(RuntimeException e) {
        reading = false;
        if (closed) {
            return;
        }
        message.set("Could not read the backups: " + e.getMessage());
        messageTone.set(Tone.FAIL);
        updated.set("tried " + Formats.clock(clock.instant()));
        scheduleNext();
    }

    private void scheduleNext() {
        cancelNext();
        if (shown && !closed) {
            next = executors
                    .background()
                    .schedule(() -> executors.fx().execute(this::refresh), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void cancelNext() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private void show(BackupSummary summary, List<BackupRecord> records, BackupSchedule schedule) {
        Instant now = clock.instant();
        lastWindow = summary.window().filter(w -> w.start().isPresent());
        update();
        Optional<Instant> due =
                summary.running() ? Optional.empty() : Optional.of(BackupDue.next(schedule, records, now));
        String nextText = nextText(schedule, records, summary.running(), now);
        nextBackup.set(nextText);
        Timeline drawn = timeline(summary.window(), records, due, nextText);
        if (!drawn.equals(timeline.get())) {
            timeline.set(drawn);
        }
        available.set(true);
        message.set(
                summary.healthy()
                        ? ""
                        : summary.warnings().size() == 1
                                ? "1 warning"
                                : summary.warnings().size() + " warnings");
        messageTone.set(summary.healthy() ? Tone.OK : Tone.FAIL);
        window.set(windowText(summary.window()));
        windowTone.set(summary.window().isPresent() ? Tone.OK : Tone.FAIL);
        archive.set(archiveText(summary.archive(), now));
        archiveTone.set(archiveTone(summary.archive()));
        lastBackup.set(summary.lastBackup()
                .map(b -> b.label() + " (" + b.type().id() + ", ended " + Formats.age(b.stop(), now) + ")")
                .orElse("none yet"));
        running.set(summary.running() ? "a backup is running now" : "no backup is running");
        if (!warnings.equals(summary.warnings())) {
            warnings.setAll(summary.warnings());
        }
        List<BackupRow> next = rows(records);
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    private void off(BackupsState.Why why) {
        lastWindow = Optional.empty();
        update();
        available.set(false);
        message.set(offText(why.name(), cluster));
        messageTone.set(Tone.UNKNOWN);
        window.set("");
        archive.set("");
        lastBackup.set("");
        running.set("");
        nextBackup.set("");
        timeline.set(Timeline.EMPTY);
        warnings.clear();
        rows.clear();
    }

    /** Why the cluster has no backups and what to do, by {@link BackupsState.Why}'s name. */
    static String offText(String why, String cluster) {
        return switch (why) {
            case "ATTACHED" ->
                "pgha attached to " + cluster + " rather than made it, so its backups are its own tools' business:"
                        + " the Backups tab shows the WAL archive and backups of stacks pgha made (pgha up, or New"
                        + " cluster here).";
            case "DISABLED" ->
                cluster + " was made with backups off (backups.enabled: false in its spec): no WAL archive, no"
                        + " backups, no restore to a point in time. To have them, run pgha down " + cluster
                        + " (the data volumes stay) and pgha up again with backups.enabled: true.";
            case "NO_BACKUP_TOOL" ->
                cluster + " runs the official Spilo images, whose backup tool pgha does not drive yet: backups need"
                        + " the local images. Run pgha down " + cluster
                        + " (the data volumes stay) and pgha up again with --images local.";
            default -> cluster + " has no backups pgha can show.";
        };
    }

    /** The window as {@code pgha restore --to} takes its ends: ISO-8601 in UTC, to the second. */
    static String windowText(Optional<RecoverableWindow> window) {
        return window.filter(w -> w.start().isPresent())
                .map(w -> "from " + w.start().get().truncatedTo(ChronoUnit.SECONDS) + " to "
                        + w.end().truncatedTo(ChronoUnit.SECONDS))
                .orElse("none: no backup with archived WAL after it yet");
    }

    static String archiveText(ArchiveStatus a, Instant now) {
        String lag = a.lagBytes().isPresent()
                ? "lag " + Formats.bytes(a.lagBytes().getAsLong())
                : "lag unknown (no segment archived on this timeline yet)";
        String last = a.lastArchivedWal()
                .map(w -> "last segment " + w
                        + a.lastArchivedAt()
                                .map(t -> " archived " + Formats.age(t, now))
                                .orElse(""))
                .orElse("no segment archived yet");
        String failures = a.failing()
                ? " · FAILING: " + a.failedCount() + " failed attempts, the last on "
                        + a.lastFailedWal().orElse("?")
                : "";
        return lag + " · " + last + failures;
    }

    static Tone archiveTone(ArchiveStatus a) {
        if (a.failing()) {
            return Tone.FAIL;
        }
        if (a.lagBytes().isEmpty()) {
            return Tone.UNKNOWN;
        }
        return a.lagBytes().getAsLong() >= BackupSummary.ARCHIVE_BEHIND_BYTES ? Tone.WARN : Tone.OK;
    }

    /**
     * The next backup the stack's supervisor takes (docs/decisions/0027: it asks {@link BackupDue} every 15 s), and the
     * schedule it follows.
     */
    static String nextText(BackupSchedule schedule, List<BackupRecord> records, boolean running, Instant now) {
        String rule = " · full every " + BackupSchedule.text(schedule.fullEvery()) + ", differential every "
                + BackupSchedule.text(schedule.diffEvery()) + " (the stack's supervisor)";
        if (running) {
            return "after the backup that runs now" + rule;
        }
        Instant at = BackupDue.next(schedule, records, now);
        String type = BackupDue.decide(schedule, records, false, at)
                .orElse(BackupType.DIFF)
                .id();
        if (!at.isAfter(now)) {
            return "a " + type + " backup is due now: the supervisor starts it within a minute" + rule;
        }
        return "a " + type + " backup at " + second(at) + " (in " + in(Duration.between(now, at)) + ")" + rule;
    }

    /** "45 min", "21 h 5 min", "6 d 23 h". */
    static String in(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return minutes / (24 * 60) + " d " + (minutes / 60) % 24 + " h";
    }

    private static String second(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * The axis runs from the oldest backup's start to the window's end (or the newest backup's end), and on to the next
     * scheduled backup when that is no further than a quarter of the axis beyond it.
     */
    static Timeline timeline(
            Optional<RecoverableWindow> window, List<BackupRecord> records, Optional<Instant> next, String nextText) {
        if (records.isEmpty()) {
            return Timeline.EMPTY;
        }
        List<BackupRecord> sorted = records.stream()
                .sorted(Comparator.comparing(BackupRecord::start))
                .toList();
        Instant from = sorted.getFirst().start();
        Instant to = sorted.stream()
                .map(BackupRecord::stop)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        if (window.isPresent() && window.get().end().isAfter(to)) {
            to = window.get().end();
        }
        long span = Math.max(1, Duration.between(from, to).toMillis());
        Optional<Instant> drawnNext =
                next.filter(n -> !n.isBefore(from) && Duration.between(from, n).toMillis() <= span * 5 / 4);
        if (drawnNext.isPresent() && drawnNext.get().isAfter(to)) {
            to = drawnNext.get();
        }
        Instant start = from;
        long total = Math.max(1, Duration.between(from, to).toMillis());
        java.util.function.ToDoubleFunction<Instant> at =
                t -> Math.min(1, Math.max(0, Duration.between(start, t).toMillis() / (double) total));
        Optional<RecoverableWindow> w = window.filter(x -> x.start().isPresent());
        return new Timeline(
                second(from),
                second(to),
                w.map(x -> at.applyAsDouble(x.start().orElseThrow())).orElse(0.0),
                w.map(x -> at.applyAsDouble(x.end())).orElse(0.0),
                w.isPresent(),
                sorted.stream()
                        .map(b -> new Timeline.Mark(
                                b.label(),
                                b.type().id(),
                                at.applyAsDouble(b.start()),
                                at.applyAsDouble(b.stop()),
                                details(b),
                                b.error()))
                        .toList(),
                drawnNext.map(at::applyAsDouble).orElse(-1.0),
                "Next scheduled backup: " + nextText);
    }

    /** What hovering a backup on the timeline shows. */
    static String details(BackupRecord b) {
        return b.label() + " · " + b.type().id() + "\n" + second(b.start()) + " → " + second(b.stop()) + " ("
                + Formats.duration(Duration.between(b.start(), b.stop())) + ")\n" + Formats.bytes(b.size())
                + " of database, " + Formats.bytes(b.repositorySize()) + " stored"
                + b.prior().map(p -> "\nbased on " + p).orElse("")
                + b.member().map(m -> "\non " + m).orElse("")
                + (b.error() ? "\nFAILED: pgBackRest found page checksum errors in it" : "")
                + "\nrestore to its end: Restore… with \"the end of backup " + b.label() + "\"";
    }

    /** Newest first. */
    static List<BackupRow> rows(List<BackupRecord> records) {
        return records.stream()
                .sorted(Comparator.comparing(BackupRecord::stop).reversed())
                .map(b -> new BackupRow(
                        b.label(),
                        b.type().id(),
                        Formats.dateTime(b.start()),
                        Formats.dateTime(b.stop()),
                        Formats.bytes(b.size()),
                        Formats.bytes(b.repositorySize()),
                        b.prior().orElse(""),
                        b.member().orElse(""),
                        b.error() ? Tone.FAIL : Tone.OK))
                .toList();
    }

    /** What the dialog says before the chosen backup starts. */
    public BackupConfirmation confirmation() {
        BackupChoice c = choice.get();
        return new BackupConfirmation(
                "Take " + kind(c) + " backup of " + cluster,
                "pgBackRest copies " + c.description() + " of " + cluster + " into the stack's backups volume now,"
                        + " on the leader. It reads the database for as long as it runs (a full backup of a large"
                        + " database takes a while) and the scheduled backups wait meanwhile. The tab shows when it"
                        + " ends.",
                "Back up");
    }

    /** "a full", "a differential", "an incremental". */
    private static String kind(BackupChoice c) {
        String name = c.name().toLowerCase(java.util.Locale.ROOT);
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    /** Starts the chosen backup in the background; nothing happens when one cannot start now. */
    public void backUpNow() {
        if (!canBackUp.get()) {
            return;
        }
        BackupChoice c = choice.get();
        BackupType type = BackupType.parse(c.id());
        Instant started = clock.instant();
        busy.set(true);
        progress.set("taking " + kind(c) + " backup, started " + Formats.clock(started) + " …");
        executors.supply(
                () -> backups.now(type),
                done -> {
                    busy.set(false);
                    progress.set("");
                    if (closed) {
                        return;
                    }
                    notifier.show(Notice.success(
                            "Backup " + done.label() + " done",
                            c.name() + " backup of " + cluster + " in "
                                    + Formats.duration(Duration.between(started, clock.instant())) + ", "
                                    + Formats.bytes(done.repositorySize()) + " stored"));
                    refresh();
                },
                e -> {
                    busy.set(false);
                    progress.set("");
                    if (closed) {
                        return;
                    }
                    notifier.show(Notice.error("Backup of " + cluster + " failed", String.valueOf(e.getMessage())));
                    refresh();
                });
    }

    /** The workspace is closing: nothing is read or shown any more (a backup under way goes on in pgBackRest). */
    public void close() {
        closed = true;
        cancelNext();
    }

    private void update() {
        canBackUp.set(available.get() && !busy.get());
        canRestore.set(available.get() && lastWindow.isPresent() && !restoring.get());
    }

    /**
     * The "Restore to a point in time…" dialog's model over the window read last, or empty when there is nothing to
     * restore from yet or a restore the console started still runs.
     */
    public Optional<RestoreViewModel> restore() {
        if (!canRestore.get()) {
            return Optional.empty();
        }
        return lastWindow.map(w -> new RestoreViewModel(
                backups,
                executors,
                notifier,
                cluster,
                w,
                on -> {
                    restoring.set(on);
                    if (!on && !closed) {
                        refresh();
                    }
                },
                name -> clusterAdded.accept(name)));
    }

    /** Told the name of a cluster a restore from this tab made (the sidebar lists it). */
    public void onClusterAdded(Consumer<String> listener) {
        clusterAdded = listener;
    }

    /** Whether there is a window to restore from and no restore the console started runs. */
    public ReadOnlyBooleanProperty canRestoreProperty() {
        return canRestore.getReadOnlyProperty();
    }

    /** Whether a restore the console started runs now. */
    public ReadOnlyBooleanProperty restoringProperty() {
        return restoring.getReadOnlyProperty();
    }

    public ObservableList<BackupChoice> choices() {
        return choices;
    }

    public ObjectProperty<BackupChoice> choiceProperty() {
        return choice;
    }

    /** Whether the cluster has backups (a stack pgha made with them on) and they were read. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** Whether a backup the console started runs now. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canBackUpProperty() {
        return canBackUp.getReadOnlyProperty();
    }

    /** Why there are no backups, a failed read, or how many warnings; "" when all is well. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> messageToneProperty() {
        return messageTone.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty windowProperty() {
        return window.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> windowToneProperty() {
        return windowTone.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty archiveProperty() {
        return archive.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> archiveToneProperty() {
        return archiveTone.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastBackupProperty() {
        return lastBackup.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What the backup the console started is doing, "" when none runs. */
    public ReadOnlyStringProperty nextBackupProperty() {
        return nextBackup.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Timeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty updatedProperty() {
        return updated.getReadOnlyProperty();
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public ObservableList<BackupRow> rows() {
        return rows;
    }
}
