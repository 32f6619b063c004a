package io.pgha.console.ui.backups;

import io.pgha.console.service.ClusterBackups;
import io.pgha.console.service.NewClusterRequest;
import io.pgha.console.service.RestoreInto;
import io.pgha.console.service.SpecProblem;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.backup.RecoverableWindow;
import io.pgha.runtime.backup.RestoreTarget;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.usecase.StackRestore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Restore to a point in time…": where the restore ends (a moment inside the recoverable window, the end of the
 * archive, or the end of one backup) and where it goes (a new cluster, the safe default, or the cluster itself rebuilt
 * in place after its name is typed), then {@code pgha restore}'s use case on the background executor with its steps as
 * they happen and the result as a notice. Invalid input disables the confirmation with a sentence saying what to fix,
 * shown as an error only once the user has changed something.
 */
public final class RestoreViewModel {

    /** Where the restore ends. */
    public enum Target {
        TIME,
        LATEST,
        BACKUP
    }

    /** Where the restored data goes. */
    public enum Destination {
        NEW_CLUSTER,
        IN_PLACE
    }

    private final ClusterBackups backups;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final String cluster;
    private final RecoverableWindow window;
    private final Consumer<Boolean> running;
    private final Consumer<String> added;
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>(Target.TIME);
    private final StringProperty time = new SimpleStringProperty("");
    private final DoubleProperty position = new SimpleDoubleProperty(1);
    private final ObjectProperty<String> backup = new SimpleObjectProperty<>();
    private final ObjectProperty<Destination> destination = new SimpleObjectProperty<>(Destination.NEW_CLUSTER);
    private final StringProperty name = new SimpleStringProperty("");
    private final List<StringProperty> ports = List.of(
            new SimpleStringProperty(""),
            new SimpleStringProperty(""),
            new SimpleStringProperty(""),
            new SimpleStringProperty(""),
            new SimpleStringProperty(""),
            new SimpleStringProperty(""),
            new SimpleStringProperty(""));
    private final StringProperty confirmation = new SimpleStringProperty("");
    private final ObservableList<String> backupLabels = FXCollections.observableArrayList();
    private final ObservableList<String> effects = FXCollections.observableArrayList();
    private final ObservableList<RestoreStep> steps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper problemIsError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRestore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper started = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final BooleanProperty touched = new SimpleBooleanProperty();
    private boolean loaded;
    private boolean programmatic;
    private long checks;
    private Optional<List<SpecProblem>> checked = Optional.empty();

    /**
     * @param window  the recoverable window the tab read last (with its backups)
     * @param running told on the FX thread when the restore starts (true) and ends (false)
     * @param added   told on the FX thread the name of a new cluster a restore made (so the sidebar lists it)
     */
    public RestoreViewModel(
            ClusterBackups backups,
            UiExecutors executors,
            Notifier notifier,
            String cluster,
            RecoverableWindow window,
            Consumer<Boolean> running,
            Consumer<String> added) {
        this.backups = backups;
        this.executors = executors;
        this.notifier = notifier;
        this.cluster = cluster;
        this.window = window;
        this.running = running;
        this.added = added;
        backupLabels.setAll(
                window.backups().reversed().stream().map(b -> b.label()).toList());
        backup.set(backupLabels.isEmpty() ? null : backupLabels.getFirst());
        programmatic = true;
        time.set(second(window.end()));
        programmatic = false;
        position.addListener((o, a, p) -> {
            if (!programmatic) {
                programmatic = true;
                time.set(second(at(p.doubleValue())));
                programmatic = false;
            }
        });
        time.addListener((o, a, t) -> {
            if (!programmatic) {
                parse(t).filter(this::inside).ifPresent(i -> {
                    programmatic = true;
                    position.set(fraction(i));
                    programmatic = false;
                });
            }
        });
        for (Observable input : inputs()) {
            input.addListener(o -> update());
        }
        // only what the user types counts as touched: a choice made is not a mistake to show in red
        List<Observable> typed = new java.util.ArrayList<>(List.of(time, name, confirmation));
        typed.addAll(ports);
        for (Observable field : typed) {
            field.addListener(o -> {
                if (loaded && !programmatic) {
                    touched.set(true);
                    update();
                }
            });
        }
        name.addListener(o -> checkNewCluster());
        ports.forEach(p -> p.addListener(o -> checkNewCluster()));
        update();
    }

    private List<Observable> inputs() {
        List<Observable> all =
                new java.util.ArrayList<>(List.of(target, time, backup, destination, name, confirmation));
        all.addAll(ports);
        return all;
    }

    /** Reads the new cluster's defaults and the in-place effects in the background; call once, when the dialog opens. */
    public void load() {
        executors.supply(
                () -> new Loaded(backups.restoreDefaults(), backups.inPlaceEffects()),
                l -> {
                    programmatic = true;
                    name.set(l.into().name());
                    NewClusterRequest.Ports p = l.into().ports();
                    int[] values = {
                        p.write(), p.read(), p.stats(), p.patroniBase(), p.etcdBase(), p.exporterBase(), p.prometheus()
                    };
                    for (int i = 0; i < values.length; i++) {
                        ports.get(i).set(Integer.toString(values[i]));
                    }
                    effects.setAll(l.effects());
                    programmatic = false;
                    loaded = true;
                    checkNewCluster();
                },
                e -> {
                    loaded = true;
                    problem.set("Could not prepare the restore: " + e.getMessage());
                    problemIsError.set(true);
                });
    }

    private record Loaded(RestoreInto into, List<String> effects) {}

    /** Asks the runtime about the new cluster's name and ports; the newest answer wins. */
    private void checkNewCluster() {
        if (!loaded || programmatic) {
            return;
        }
        checked = Optional.empty();
        long mine = ++checks;
        Optional<RestoreInto> into = into();
        if (into.isEmpty()) {
            update();
            return;
        }
        update();
        executors.supply(
                () -> backups.check(into.get()),
                problems -> {
                    if (mine == checks) {
                        checked = Optional.of(problems);
                        update();
                    }
                },
                e -> {
                    if (mine == checks) {
                        checked = Optional.of(List.of(new SpecProblem(SpecProblem.GENERAL, e.getMessage())));
                        update();
                    }
                });
    }

    private void update() {
        String p = problem();
        problem.set(p);
        problemIsError.set(touched.get() && !p.isEmpty() && !p.endsWith("…"));
        canRestore.set(p.isEmpty() && !started.get());
    }

    /** What keeps the restore from starting, "" when nothing does. */
    private String problem() {
        if (!loaded) {
            return "Finding a free name and free ports …";
        }
        Optional<String> local = problem(
                target.get(),
                time.get(),
                backup.get(),
                destination.get(),
                name.get(),
                ports.stream().map(StringProperty::get).toList(),
                confirmation.get(),
                cluster,
                window);
        if (local.isPresent()) {
            return local.get();
        }
        if (destination.get() == Destination.NEW_CLUSTER) {
            if (checked.isEmpty()) {
                return "Checking the name and ports …";
            }
            if (!checked.get().isEmpty()) {
                return checked.get().getFirst().message();
            }
        }
        return "";
    }

    /** The form's own rules, before the runtime is asked; the first one broken, in the form's order. */
    static Optional<String> problem(
            Target target,
            String time,
            String backup,
            Destination destination,
            String name,
            List<String> ports,
            String confirmation,
            String cluster,
            RecoverableWindow window) {
        switch (target) {
            case TIME -> {
                Optional<Instant> at = parse(time);
                if (at.isEmpty()) {
                    return Optional.of("Write the time as ISO-8601 with a zone, e.g. " + second(window.end()));
                }
                if (window.start().isEmpty()
                        || at.get().isBefore(window.start().get())
                        || at.get().isAfter(window.end())) {
                    return Optional.of("Choose a time inside the recoverable window, from "
                            + window.start().map(RestoreViewModel::second).orElse("(no backup)") + " to "
                            + second(window.end()));
                }
            }
            case BACKUP -> {
                if (backup == null || backup.isBlank()) {
                    return Optional.of("Choose the backup whose end to restore to");
                }
            }
            case LATEST -> {}
        }
        if (destination == Destination.IN_PLACE) {
            return confirmation.strip().equals(cluster)
                    ? Optional.empty()
                    : Optional.of("Type " + cluster + " to confirm that it is rebuilt");
        }
        if (name.isBlank()) {
            return Optional.of("Name the new cluster");
        }
        if (name.strip().equals(cluster)) {
            return Optional.of("The new cluster needs a name other than " + cluster + "'s (in place rebuilds " + cluster
                    + " itself)");
        }
        for (int i = 0; i < ports.size(); i++) {
            if (port(ports.get(i)).isEmpty()) {
                return Optional.of("The " + PORT_NAMES.get(i) + " port is a number from 1024 to 65535");
            }
        }
        return Optional.empty();
    }

    /** The port fields, in the order of {@link #port(int)}. */
    public static final List<String> PORT_NAMES =
            List.of("write", "read", "stats", "Patroni (first)", "etcd (first)", "exporter (first)", "Prometheus");

    private static Optional<Integer> port(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            return p >= 1024 && p <= 65535 ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<RestoreInto> into() {
        List<Optional<Integer>> p = ports.stream().map(s -> port(s.get())).toList();
        if (name.get().isBlank() || p.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new RestoreInto(
                name.get().strip(),
                new NewClusterRequest.Ports(
                        p.get(0).get(),
                        p.get(1).get(),
                        p.get(2).get(),
                        p.get(3).get(),
                        p.get(4).get(),
                        p.get(5).get(),
                        p.get(6).get())));
    }

    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private boolean inside(Instant t) {
        return window.start().isPresent() && !t.isBefore(window.start().get()) && !t.isAfter(window.end());
    }

    private Instant at(double fraction) {
        Instant start = window.start().orElse(window.end());
        long span = Duration.between(start, window.end()).toMillis();
        Instant t = start.plusMillis(Math.round(span * Math.max(0, Math.min(1, fraction))));
        // to the second, kept inside the window
        Instant s = t.truncatedTo(ChronoUnit.SECONDS);
        return s.isBefore(start) ? start : s;
    }

    private double fraction(Instant t) {
        Instant start = window.start().orElse(window.end());
        long span = Duration.between(start, window.end()).toMillis();
        return span <= 0 ? 1 : Duration.between(start, t).toMillis() / (double) span;
    }

    private static String second(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The target the form describes; only when {@link #canRestoreProperty()} is true. */
    RestoreTarget restoreTarget() {
        return switch (target.get()) {
            case TIME -> new RestoreTarget.AtTime(parse(time.get()).orElseThrow());
            case LATEST -> new RestoreTarget.Latest();
            case BACKUP -> new RestoreTarget.OfBackup(backup.get());
        };
    }

    /** What the confirm button says. */
    public String confirmLabel() {
        return destination.get() == Destination.IN_PLACE ? "Rebuild " + cluster : "Restore into a new cluster";
    }

    /** Starts the restore on the background executor, once; its steps arrive in {@link #steps()}. */
    public void restore() {
        update();
        if (!canRestore.get()) {
            return;
        }
        RestoreTarget t = restoreTarget();
        Optional<RestoreInto> into = destination.get() == Destination.NEW_CLUSTER ? into() : Optional.empty();
        String where = into.map(i -> "new cluster " + i.name()).orElse(cluster + " in place");
        started.set(true);
        busy.set(true);
        canRestore.set(false);
        outcome.set("Restoring " + where + " to " + t.describe() + " …");
        running.accept(true);
        executors.supply(
                () -> backups.restore(t, into, e -> executors.fx().execute(() -> step(e))), r -> done(r, into), e -> {
                    busy.set(false);
                    running.accept(false);
                    outcome.set("Failed: " + e.getMessage());
                    notifier.show(Notice.error("Restore of " + where + " failed", String.valueOf(e.getMessage())));
                });
    }

    private void done(StackRestore.Restored r, Optional<RestoreInto> into) {
        busy.set(false);
        running.accept(false);
        String text =
                "Restored from " + r.backup().label() + " to " + restoreTarget().describe() + " in "
                        + Formats.duration(r.up().elapsed()) + "; " + r.up().leader() + " leads. "
                        + (into.isPresent()
                                ? "Its passwords and connection strings: pgha credentials " + r.up().name() + "."
                                : "The archive goes on in a new timeline: take a full backup now (Back up now, Full).");
        outcome.set(text);
        into.ifPresent(i -> added.accept(r.up().name()));
        notifier.show(Notice.success(
                into.isPresent() ? "Cluster " + r.up().name() + " restored" : cluster + " rebuilt", text));
    }

    /** The runtime's progress as the list shows it: a row per step, its latest line, its outcome. */
    void step(ProgressEvent e) {
        int i = 0;
        while (i < steps.size() && !steps.get(i).step().equals(e.step())) {
            i++;
        }
        String detail = e.message() == null ? "" : e.message();
        // no switch over the runtime's enum: it would compile into a synthetic class outside the view model
        ProgressEvent.Status status = e.status();
        Tone tone = status == ProgressEvent.Status.FAILED
                ? Tone.FAIL
                : status == ProgressEvent.Status.DONE || status == ProgressEvent.Status.SKIPPED
                        ? Tone.OK
                        : Tone.UNKNOWN;
        if (e.status() == ProgressEvent.Status.DONE && !e.elapsed().isZero()) {
            detail = (detail.isEmpty() ? "" : detail + " · ") + Formats.duration(e.elapsed());
        }
        if (i == steps.size()) {
            steps.add(new RestoreStep(e.step(), e.title(), detail, tone));
        } else {
            RestoreStep old = steps.get(i);
            steps.set(i, new RestoreStep(old.step(), old.title(), detail.isEmpty() ? old.detail() : detail, tone));
        }
    }

    public ObjectProperty<Target> targetProperty() {
        return target;
    }

    /** The target time as ISO-8601 with a zone, to the second when set by the slider. */
    public StringProperty timeProperty() {
        return time;
    }

    /** The slider over the recoverable window: 0 its start, 1 its end. */
    public DoubleProperty positionProperty() {
        return position;
    }

    public ObjectProperty<String> backupProperty() {
        return backup;
    }

    /** The backups a restore can end at, newest first. */
    public ObservableList<String> backupLabels() {
        return backupLabels;
    }

    public ObjectProperty<Destination> destinationProperty() {
        return destination;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** The new cluster's port field {@code i}, named in {@link #PORT_NAMES}. */
    public StringProperty port(int i) {
        return ports.get(i);
    }

    /** What the user types to confirm an in-place restore: the cluster's name. */
    public StringProperty confirmationProperty() {
        return confirmation;
    }

    public String cluster() {
        return cluster;
    }

    /** The window's ends in words. */
    public String windowText() {
        return "from " + window.start().map(RestoreViewModel::second).orElse("(no backup)") + " to "
                + second(window.end());
    }

    /** What an in-place restore stops, removes, replaces and keeps. */
    public ObservableList<String> effects() {
        return effects;
    }

    public ObservableList<RestoreStep> steps() {
        return steps;
    }

    /** What to fix before the restore can start, or what it waits for; "" when it can start. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Whether {@link #problemProperty()} is an error to show as one (only after the user changed something). */
    public ReadOnlyBooleanProperty problemIsErrorProperty() {
        return problemIsError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRestoreProperty() {
        return canRestore.getReadOnlyProperty();
    }

    /** Whether the restore was started from this dialog (the form gives way to the steps). */
    public ReadOnlyBooleanProperty startedProperty() {
        return started.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Where the restore is, or how it ended. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }
}
