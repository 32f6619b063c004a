package io.pgha.console.ui.wizard;

import io.pgha.console.service.NewClusterRequest;
import io.pgha.console.service.SpecProblem;
import io.pgha.console.service.StackProvisioning;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.console.ui.common.Validation;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.stack.PatroniTuning;
import io.pgha.runtime.stack.PublishedAddress;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The new-cluster form: the spec's fields with inline validation. Every edit is checked with the runtime's
 * own rules (the name, node counts, ports, Patroni's timing rule); then, a moment after the typing stops,
 * the runtime checks what only it can see (ports in use, a name taken).
 */
public final class NewClusterViewModel {

    public static final List<Integer> ETCD_SIZES = List.of(1, 3, 5);
    public static final int MIN_NODES = 1;
    public static final int MAX_NODES = StackSpec.MAX_NODES;
    public static final List<String> IMAGE_PROFILES = List.of("auto", "official", "local");
    static final long RUNTIME_CHECK_DELAY_MS = 300;
    static final String HOW_TO_EXPOSE = "tick \"Publish on other addresses\"";

    private final StackProvisioning provisioning;
    private final UiExecutors executors;
    private final Clock clock;
    private final StringProperty name = new SimpleStringProperty();
    private final IntegerProperty postgresNodes = new SimpleIntegerProperty();
    private final ObjectProperty<Integer> etcdMembers = new SimpleObjectProperty<>();
    private final StringProperty imageProfile = new SimpleStringProperty();
    private final StringProperty bindAddress = new SimpleStringProperty();
    private final BooleanProperty expose = new SimpleBooleanProperty();
    private final StringProperty writePort = new SimpleStringProperty();
    private final StringProperty readPort = new SimpleStringProperty();
    private final StringProperty statsPort = new SimpleStringProperty();
    private final StringProperty patroniBasePort = new SimpleStringProperty();
    private final StringProperty etcdBasePort = new SimpleStringProperty();
    private final StringProperty exporterBasePort = new SimpleStringProperty();
    private final StringProperty prometheusPort = new SimpleStringProperty();
    private final StringProperty ttl = new SimpleStringProperty();
    private final StringProperty loopWait = new SimpleStringProperty();
    private final StringProperty retryTimeout = new SimpleStringProperty();
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sizeError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bindError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper portsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper timingError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper generalError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper();
    private final BooleanBinding valid;
    private long generation;

    /** The form starts empty and without errors; the proposed spec (a free name, free ports) is looked up in the background. */
    public NewClusterViewModel(StackProvisioning provisioning, UiExecutors executors, Clock clock) {
        this.provisioning = provisioning;
        this.executors = executors;
        this.clock = clock;
        valid = Bindings.createBooleanBinding(
                () -> ready.get()
                        && !checking.get()
                        && Stream.of(nameError, sizeError, bindError, portsError, timingError, generalError)
                                .allMatch(e -> e.get().isEmpty()),
                ready,
                checking,
                nameError,
                sizeError,
                bindError,
                portsError,
                timingError,
                generalError);
        for (ObservableValue<?> field : List.of(
                name,
                postgresNodes,
                etcdMembers,
                imageProfile,
                bindAddress,
                expose,
                writePort,
                readPort,
                statsPort,
                patroniBasePort,
                etcdBasePort,
                exporterBasePort,
                prometheusPort,
                ttl,
                loopWait,
                retryTimeout)) {
            field.addListener((o, a, b) -> {
                if (ready.get()) {
                    validate();
                }
            });
        }
        executors.supply(
                provisioning::defaults,
                this::proposed,
                failure -> generalError.set("cannot propose a spec: " + failure.getMessage()));
    }

    private void proposed(NewClusterRequest defaults) {
        fill(defaults);
        ready.set(true);
        validate();
    }

    private void fill(NewClusterRequest d) {
        name.set(d.name());
        postgresNodes.set(d.postgresNodes());
        etcdMembers.set(d.etcdMembers());
        imageProfile.set(d.imageProfile());
        bindAddress.set(d.bindAddress());
        expose.set(d.expose());
        writePort.set(String.valueOf(d.ports().write()));
        readPort.set(String.valueOf(d.ports().read()));
        statsPort.set(String.valueOf(d.ports().stats()));
        patroniBasePort.set(String.valueOf(d.ports().patroniBase()));
        etcdBasePort.set(String.valueOf(d.ports().etcdBase()));
        exporterBasePort.set(String.valueOf(d.ports().exporterBase()));
        prometheusPort.set(String.valueOf(d.ports().prometheus()));
        ttl.set(String.valueOf(d.timing().ttl()));
        loopWait.set(String.valueOf(d.timing().loopWait()));
        retryTimeout.set(String.valueOf(d.timing().retryTimeout()));
    }

    private void validate() {
        long mine = ++generation;
        generalError.set("");
        nameError.set(Validation.problem(() -> ClusterRegistry.checkName(name.get()), PghaException.class));
        sizeError.set(
                postgresNodes.get() < MIN_NODES || postgresNodes.get() > MAX_NODES
                        ? "PostgreSQL nodes: " + MIN_NODES + " to " + MAX_NODES
                        : ETCD_SIZES.contains(etcdMembers.get())
                                ? ""
                                : "etcd members: 1, 3 or 5 (an odd number keeps a quorum)");
        bindError.set(PublishedAddress.refusal(
                        Optional.ofNullable(bindAddress.get()).orElse("").strip(), expose.get(), HOW_TO_EXPOSE)
                .orElse(""));
        portsError.set(Validation.problem(this::ports, PghaException.class));
        timingError.set(Validation.problem(this::timing, PghaException.class));
        if (Stream.of(nameError, sizeError, bindError, portsError, timingError)
                .allMatch(e -> e.get().isEmpty())) {
            checkWithRuntime(mine);
        } else {
            checking.set(false);
        }
    }

    private void checkWithRuntime(long mine) {
        NewClusterRequest request = request();
        checking.set(true);
        executors
                .background()
                .schedule(
                        () -> {
                            if (mine != generation) {
                                return;
                            }
                            List<SpecProblem> problems;
                            try {
                                problems = provisioning.check(request);
                            } catch (RuntimeException e) {
                                problems =
                                        List.of(new SpecProblem(SpecProblem.GENERAL, String.valueOf(e.getMessage())));
                            }
                            List<SpecProblem> found = problems;
                            executors.fx().execute(() -> {
                                if (mine == generation) {
                                    showRuntimeProblems(found);
                                }
                            });
                        },
                        RUNTIME_CHECK_DELAY_MS,
                        TimeUnit.MILLISECONDS);
    }

    private void showRuntimeProblems(List<SpecProblem> problems) {
        checking.set(false);
        Map<String, String> byField = problems.stream()
                .collect(Collectors.groupingBy(
                        SpecProblem::field, Collectors.mapping(SpecProblem::message, Collectors.joining("; "))));
        byField.forEach((field, message) -> {
            switch (field) {
                case SpecProblem.NAME -> nameError.set(message);
                case SpecProblem.BIND -> bindError.set(message);
                case SpecProblem.PORTS -> portsError.set(message);
                case SpecProblem.TIMING -> timingError.set(message);
                default ->
                    generalError.set(generalError.get().isEmpty() ? message : generalError.get() + "; " + message);
            }
        });
    }

    /** The runtime's own rules: ports in range and not shared, per-member ports included. */
    private NewClusterRequest.Ports ports() {
        StackPorts ports = new StackPorts(
                number("write port", writePort),
                number("read port", readPort),
                number("stats port", statsPort),
                number("Patroni base port", patroniBasePort),
                number("etcd base port", etcdBasePort),
                number("exporter base port", exporterBasePort),
                number("Prometheus port", prometheusPort));
        ports.published(
                postgresNodes.get(), Optional.ofNullable(etcdMembers.get()).orElse(1));
        return new NewClusterRequest.Ports(
                ports.write(),
                ports.read(),
                ports.stats(),
                ports.patroni(),
                ports.etcd(),
                ports.exporter(),
                ports.prometheus());
    }

    /** Patroni's rules (ttl ≥ 20, loop_wait + 2·retry_timeout ≤ ttl …), as the runtime applies them. */
    private NewClusterRequest.PatroniTiming timing() {
        PatroniTuning tuning = new PatroniTuning(
                number("ttl", ttl),
                number("loop_wait", loopWait),
                number("retry_timeout", retryTimeout),
                PatroniTuning.DEFAULTS.synchronousMode(),
                PatroniTuning.DEFAULTS.synchronousNodeCount(),
                PatroniTuning.DEFAULTS.maximumLagOnFailover(),
                PatroniTuning.DEFAULTS.primaryStartTimeout());
        return new NewClusterRequest.PatroniTiming(tuning.ttl(), tuning.loopWait(), tuning.retryTimeout());
    }

    private static int number(String what, StringProperty text) {
        try {
            return Integer.parseInt(text.get().strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(what + ": '" + text.get() + "' is not a whole number");
        }
    }

    /** The request as the fields say; only meaningful while the form is valid. */
    public NewClusterRequest request() {
        return new NewClusterRequest(
                name.get().strip(),
                postgresNodes.get(),
                Optional.ofNullable(etcdMembers.get()).orElse(3),
                imageProfile.get(),
                bindAddress.get().strip(),
                expose.get(),
                ports(),
                timing());
    }

    /** The progress of provisioning this request; starting it is the caller's move. */
    public ProvisioningViewModel provisioning() {
        return new ProvisioningViewModel(provisioning, request(), executors, clock);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public IntegerProperty postgresNodesProperty() {
        return postgresNodes;
    }

    public ObjectProperty<Integer> etcdMembersProperty() {
        return etcdMembers;
    }

    public StringProperty imageProfileProperty() {
        return imageProfile;
    }

    public StringProperty bindAddressProperty() {
        return bindAddress;
    }

    /** "Publish on other addresses": allows a bind address beyond loopback, and nothing else. */
    public BooleanProperty exposeProperty() {
        return expose;
    }

    /** Why the bind address is refused (beyond loopback without "Publish on other addresses"), or empty. */
    public ReadOnlyStringProperty bindErrorProperty() {
        return bindError.getReadOnlyProperty();
    }

    public StringProperty writePortProperty() {
        return writePort;
    }

    public StringProperty readPortProperty() {
        return readPort;
    }

    public StringProperty statsPortProperty() {
        return statsPort;
    }

    public StringProperty patroniBasePortProperty() {
        return patroniBasePort;
    }

    public StringProperty etcdBasePortProperty() {
        return etcdBasePort;
    }

    public StringProperty exporterBasePortProperty() {
        return exporterBasePort;
    }

    public StringProperty prometheusPortProperty() {
        return prometheusPort;
    }

    public StringProperty ttlProperty() {
        return ttl;
    }

    public StringProperty loopWaitProperty() {
        return loopWait;
    }

    public StringProperty retryTimeoutProperty() {
        return retryTimeout;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sizeErrorProperty() {
        return sizeError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty portsErrorProperty() {
        return portsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timingErrorProperty() {
        return timingError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty generalErrorProperty() {
        return generalError.getReadOnlyProperty();
    }

    /** False until the proposed spec has been filled in. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** True while the runtime checks the request. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
