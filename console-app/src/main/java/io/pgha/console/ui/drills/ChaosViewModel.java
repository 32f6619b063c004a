package io.pgha.console.ui.drills;

import io.pgha.console.service.ChaosRequest;
import io.pgha.console.service.FaultDrills;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.chaos.ChaosPlan;
import io.pgha.runtime.chaos.ChaosReport;
import io.pgha.runtime.drill.DrillScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A chaos run from the Drills screen ({@code pgha chaos}, docs/decisions/0032): its duration, seed and faults, the plan
 * they give, then the runtime's {@code ChaosRunner} on the background executor with its progress lines, and the report
 * at the end (outages per fault, acknowledged writes lost, duplicated, bank-total violations, split-brain moments).
 * The dialog is its confirmation: it says what the run does to the cluster before anything starts.
 */
public final class ChaosViewModel {

    /** Long enough to draw each fault once (5 s + 23 s per fault, ADR 0032: 304 s for thirteen, 350 s for fifteen). */
    static final String DEFAULT_DURATION = "6m";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})\\s*(s|m|h)");

    /**
     * Aims a request at the cluster as it is now (members, etcd, containers), as the drills are aimed; the faults by
     * their {@code pgha chaos --faults} names (a runtime type here would put the runtime outside the view models).
     */
    public interface Aim {
        ChaosRequest request(long seed, Duration duration, List<String> faults);
    }

    private final FaultDrills drills;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final String cluster;
    private final Aim aim;
    private final Consumer<Boolean> running;
    private final StringProperty duration = new SimpleStringProperty(DEFAULT_DURATION);
    private final StringProperty seed;
    private final List<ChaosKind> kinds = Arrays.stream(DrillScenario.values())
            .map(s -> new ChaosKind(s.cliName(), s.description()))
            .toList();
    private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper problemIsError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper started = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> verdictTone = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> report = FXCollections.observableArrayList();
    private volatile boolean cancelRequested;
    private boolean touched;

    /**
     * @param seed    the seed the form proposes (the clock's milliseconds, as {@code pgha chaos} without --seed)
     * @param running told on the FX thread when the run starts (true) and ends (false)
     */
    public ChaosViewModel(
            FaultDrills drills,
            UiExecutors executors,
            Notifier notifier,
            String cluster,
            long seed,
            Aim aim,
            Consumer<Boolean> running) {
        this.drills = drills;
        this.executors = executors;
        this.notifier = notifier;
        this.cluster = cluster;
        this.aim = aim;
        this.running = running;
        this.seed = new SimpleStringProperty(Long.toString(seed));
        duration.addListener(o -> touched());
        this.seed.addListener(o -> touched());
        kinds.forEach(k -> k.selectedProperty().addListener(o -> touched()));
        update();
    }

    private void touched() {
        touched = true;
        update();
    }

    private void update() {
        Optional<String> p = problem(duration.get(), seed.get(), chosen());
        problem.set(p.orElse(""));
        problemIsError.set(touched && p.isPresent());
        plan.set(
                p.isPresent()
                        ? ""
                        : planText(ChaosPlan.of(
                                Long.parseLong(seed.get().strip()),
                                parse(duration.get()).orElseThrow(),
                                chosen())));
        canStart.set(p.isEmpty() && !started.get());
    }

    private List<DrillScenario> chosen() {
        List<DrillScenario> chosen = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i).selectedProperty().get()) {
                chosen.add(DrillScenario.values()[i]);
            }
        }
        return chosen;
    }

    /** The form's rules, the first one broken. */
    static Optional<String> problem(String duration, String seed, List<DrillScenario> kinds) {
        Optional<Duration> d = parse(duration);
        if (d.isEmpty()) {
            return Optional.of("Write the duration as 90s, 4m or 1h");
        }
        if (d.get().compareTo(ChaosPlan.SHORTEST) < 0 || d.get().compareTo(ChaosPlan.LONGEST) > 0) {
            return Optional.of("The duration is 30s to 2h");
        }
        try {
            Long.parseLong(seed.strip());
        } catch (NumberFormatException e) {
            return Optional.of("The seed is a whole number (the same seed replays the same faults)");
        }
        return kinds.isEmpty() ? Optional.of("Choose at least one fault") : Optional.empty();
    }

    static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(
                switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                });
    }

    /** The schedule the seed gives, in a sentence. */
    static String planText(ChaosPlan plan) {
        String steps = plan.steps().size() + (plan.steps().size() == 1 ? " fault" : " faults") + " over "
                + plan.duration().toSeconds() + " s, one at a time";
        return steps
                + (plan.drawsEveryKind()
                        ? ", every chosen kind at least once"
                        : "; too short to draw each of the " + plan.kinds().size() + " chosen kinds once");
    }

    /** What the dialog says the run does before it starts. */
    public String warning() {
        return "This injects real faults into " + cluster + " on the local Docker engine: it kills, stops, freezes and"
                + " cuts off its containers (PostgreSQL, etcd, the routers) one after another, for the whole duration,"
                + " while two test tables take writes. Clients of " + cluster + " see the outages. Every fault is"
                + " healed and the tables dropped at the end, on Stop, and when the console exits.";
    }

    /** Starts the run on the background executor, once. */
    public void start() {
        update();
        if (!canStart.get()) {
            return;
        }
        long s = Long.parseLong(seed.get().strip());
        Duration d = parse(duration.get()).orElseThrow();
        ChaosRequest request =
                aim.request(s, d, chosen().stream().map(DrillScenario::cliName).toList());
        started.set(true);
        busy.set(true);
        canStart.set(false);
        cancelRequested = false;
        verdict.set("Running: seed " + s + ", " + plan.get() + " …");
        verdictTone.set(Tone.UNKNOWN);
        running.accept(true);
        executors.supply(
                () -> drills.chaos(request, line -> executors.fx().execute(() -> log.add(line)), () -> cancelRequested),
                this::finished,
                e -> {
                    busy.set(false);
                    running.accept(false);
                    verdict.set((cancelRequested ? "Stopped: " : "Failed: ") + e.getMessage());
                    verdictTone.set(cancelRequested ? Tone.UNKNOWN : Tone.FAIL);
                    notifier.show(
                            cancelRequested
                                    ? Notice.warning(
                                            "Chaos run on " + cluster + " stopped", String.valueOf(e.getMessage()))
                                    : Notice.error(
                                            "Chaos run on " + cluster + " failed", String.valueOf(e.getMessage())));
                });
    }

    private void finished(ChaosReport r) {
        busy.set(false);
        running.accept(false);
        report.setAll(reportLines(r));
        String counters = r.acknowledgedWritesLost() + " lost, " + r.duplicatedWrites() + " duplicated, "
                + r.bankTotalViolations() + " bank violations, " + r.splitBrainMoments() + " split-brain moments"
                + (r.healthyAtEnd() ? ", healthy at the end" : ", NOT healthy at the end");
        verdict.set((r.passed() ? "PASSED: " : "FAILED: ") + counters);
        verdictTone.set(r.passed() ? Tone.OK : Tone.FAIL);
        notifier.show(
                r.passed()
                        ? Notice.success("Chaos run on " + cluster + " passed", counters)
                        : Notice.error("Chaos run on " + cluster + " failed", counters));
    }

    /** The report as the dialog lists it: the counters first, then each fault kind's outages and healing. */
    static List<String> reportLines(ChaosReport r) {
        List<String> lines = new ArrayList<>();
        lines.add("seed " + r.seed() + ": " + r.faultsInjected() + " faults injected in "
                + String.format(Locale.ROOT, "%.1f s", r.elapsedMs() / 1000.0) + "; availability "
                + String.format(Locale.ROOT, "%.1f %%", r.availabilityPercent()));
        lines.add("acknowledged writes lost: " + r.acknowledgedWritesLost() + " of " + r.acknowledgedWrites());
        lines.add("duplicated writes: " + r.duplicatedWrites());
        lines.add("bank-total violations: " + r.bankTotalViolations() + " (" + r.bankTransfers() + " transfers, "
                + r.bankSerializationRetries() + " serialization retries)");
        lines.add("split-brain moments: " + r.splitBrainMoments());
        lines.add("healthy at the end: " + (r.healthyAtEnd() ? "yes" : "NO"));
        r.byFault()
                .forEach((kind, k) -> lines.add(kind + " ×" + k.count() + ": write outage median "
                        + ms(k.writeOutageMedianMs()) + ", max " + ms(k.writeOutageMaxMs()) + "; healthy after median "
                        + k.timeToHealthyMedianMs().map(ChaosViewModel::ms).orElse("–") + ", max "
                        + k.timeToHealthyMaxMs().map(ChaosViewModel::ms).orElse("–")
                        + (k.notHealthy() > 0 ? "; " + k.notHealthy() + " NOT healthy in time" : "")));
        r.notes().forEach(n -> lines.add("note: " + n));
        return lines;
    }

    private static String ms(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** Stops the run at its next wait; it heals and cleans up first. */
    public void stop() {
        if (busy.get()) {
            cancelRequested = true;
            verdict.set("Stopping: healing the fault and dropping the tables …");
        }
    }

    public StringProperty durationProperty() {
        return duration;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public List<ChaosKind> kinds() {
        return kinds;
    }

    public String cluster() {
        return cluster;
    }

    /** The schedule the form gives, "" while it has a problem. */
    public ReadOnlyStringProperty planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty problemIsErrorProperty() {
        return problemIsError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startedProperty() {
        return started.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> verdictToneProperty() {
        return verdictTone.getReadOnlyProperty();
    }

    /** The run's progress lines as they come. */
    public ObservableList<String> log() {
        return log;
    }

    /** The report's lines once the run ended. */
    public ObservableList<String> report() {
        return report;
    }
}
