package io.pgha.console.ui.wizard;

import io.pgha.console.service.NewClusterRequest;
import io.pgha.console.service.SpecProblem;
import io.pgha.console.service.StackProvisioning;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.console.ui.common.Validation;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The new-cluster form: the spec's fields with inline validation. What the form can judge alone (names,
 * numbers, node counts, Patroni's timing rule) is checked on every edit; then the runtime checks what only
 * it can see (ports in use, a name taken), a moment after the typing stops.
 */
public final class NewClusterViewModel {

    public static final List<Integer> ETCD_SIZES = List.of(1, 3, 5);
    public static final int MIN_NODES = 1;
    public static final int MAX_NODES = 7;
    public static final List<String> IMAGE_PROFILES = List.of("auto", "official", "local");
    static final long RUNTIME_CHECK_DELAY_MS = 300;

    private final StackProvisioning provisioning;
    private final UiExecutors executors;
    private final Clock clock;
    private final StringProperty name = new SimpleStringProperty();
    private final StringProperty scope = new SimpleStringProperty();
    private final IntegerProperty postgresNodes = new SimpleIntegerProperty();
    private final ObjectProperty<Integer> etcdMembers = new SimpleObjectProperty<>();
    private final StringProperty imageProfile = new SimpleStringProperty();
    private final StringProperty bindAddress = new SimpleStringProperty();
    private final StringProperty writePort = new SimpleStringProperty();
    private final StringProperty readPort = new SimpleStringProperty();
    private final StringProperty statsPort = new SimpleStringProperty();
    private final StringProperty patroniBasePort = new SimpleStringProperty();
    private final StringProperty etcdBasePort = new SimpleStringProperty();
    private final StringProperty exporterBasePort = new SimpleStringProperty();
    private final StringProperty ttl = new SimpleStringProperty();
    private final StringProperty loopWait = new SimpleStringProperty();
    private final StringProperty retryTimeout = new SimpleStringProperty();
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper scopeError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sizeError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper portsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper timingError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper generalError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final BooleanBinding valid;
    private long generation;

    public NewClusterViewModel(StackProvisioning provisioning, UiExecutors executors, Clock clock) {
        this.provisioning = provisioning;
        this.executors = executors;
        this.clock = clock;
        fill(provisioning.defaults());
        valid = Bindings.createBooleanBinding(() -> !checking.get() && Stream.of(nameError, scopeError, sizeError, portsError,
                        timingError, generalError).allMatch(e -> e.get().isEmpty()),
                checking, nameError, scopeError, sizeError, portsError, timingError, generalError);
        for (ObservableValue<?> field : List.of(name, scope, postgresNodes, etcdMembers, imageProfile, bindAddress, writePort,
                readPort, statsPort, patroniBasePort, etcdBasePort, exporterBasePort, ttl, loopWait, retryTimeout)) {
            field.addListener((o, a, b) -> validate());
        }
        validate();
    }

    private void fill(NewClusterRequest d) {
        name.set(d.name());
        scope.set(d.scope());
        postgresNodes.set(d.postgresNodes());
        etcdMembers.set(d.etcdMembers());
        imageProfile.set(d.imageProfile());
        bindAddress.set(d.bindAddress());
        writePort.set(String.valueOf(d.ports().write()));
        readPort.set(String.valueOf(d.ports().read()));
        statsPort.set(String.valueOf(d.ports().stats()));
        patroniBasePort.set(String.valueOf(d.ports().patroniBase()));
        etcdBasePort.set(String.valueOf(d.ports().etcdBase()));
        exporterBasePort.set(String.valueOf(d.ports().exporterBase()));
        ttl.set(String.valueOf(d.timing().ttl()));
        loopWait.set(String.valueOf(d.timing().loopWait()));
        retryTimeout.set(String.valueOf(d.timing().retryTimeout()));
    }

    private void validate() {
        long mine = ++generation;
        generalError.set("");
        nameError.set(Validation.problem(() -> ClusterRegistry.checkName(name.get()), PghaException.class));
        scopeError.set(scope.get() != null && scope.get().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}") ? ""
                : "use 1-63 letters, digits, '-', '_' or '.', starting with a letter or digit");
        sizeError.set(postgresNodes.get() < MIN_NODES || postgresNodes.get() > MAX_NODES
                ? "PostgreSQL nodes: " + MIN_NODES + " to " + MAX_NODES
                : ETCD_SIZES.contains(etcdMembers.get()) ? "" : "etcd members: 1, 3 or 5 (an odd number keeps a quorum)");
        portsError.set(Validation.problem(this::ports));
        timingError.set(Validation.problem(() -> PatroniTimingRule.problem(number("ttl", ttl), number("loop_wait", loopWait),
                number("retry_timeout", retryTimeout)).ifPresent(p -> {
                    throw new IllegalArgumentException(p);
                })));
        if (Stream.of(nameError, scopeError, sizeError, portsError, timingError).allMatch(e -> e.get().isEmpty())) {
            checkWithRuntime(mine);
        } else {
            checking.set(false);
        }
    }

    private void checkWithRuntime(long mine) {
        NewClusterRequest request = request();
        checking.set(true);
        executors.background().schedule(() -> {
            if (mine != generation) {
                return;
            }
            List<SpecProblem> problems;
            try {
                problems = provisioning.check(request);
            } catch (RuntimeException e) {
                problems = List.of(new SpecProblem(SpecProblem.GENERAL, String.valueOf(e.getMessage())));
            }
            List<SpecProblem> found = problems;
            executors.fx().execute(() -> {
                if (mine == generation) {
                    showRuntimeProblems(found);
                }
            });
        }, RUNTIME_CHECK_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    private void showRuntimeProblems(List<SpecProblem> problems) {
        checking.set(false);
        Map<String, String> byField = problems.stream().collect(Collectors.groupingBy(SpecProblem::field,
                Collectors.mapping(SpecProblem::message, Collectors.joining("; "))));
        byField.forEach((field, message) -> {
            switch (field) {
                case SpecProblem.NAME -> nameError.set(message);
                case SpecProblem.SCOPE -> scopeError.set(message);
                case SpecProblem.PORTS -> portsError.set(message);
                case SpecProblem.TIMING -> timingError.set(message);
                default -> generalError.set(generalError.get().isEmpty() ? message : generalError.get() + "; " + message);
            }
        });
    }

    private NewClusterRequest.Ports ports() {
        NewClusterRequest.Ports p = new NewClusterRequest.Ports(port("write", writePort), port("read", readPort),
                port("stats", statsPort), port("Patroni base", patroniBasePort), port("etcd base", etcdBasePort),
                port("exporter base", exporterBasePort));
        int highest = Math.max(Math.max(p.patroniBase(), p.exporterBase()) + postgresNodes.get() - 1,
                p.etcdBase() + Math.max(1, etcdMembers.get() == null ? 1 : etcdMembers.get()) - 1);
        if (highest > 65535) {
            throw new IllegalArgumentException("the per-member ports would go beyond 65535: lower the base ports");
        }
        return p;
    }

    private static int port(String what, StringProperty text) {
        int port = number(what + " port", text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " port " + port + " is out of range: use 1-65535");
        }
        return port;
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
        return new NewClusterRequest(name.get().strip(), scope.get().strip(), postgresNodes.get(),
                Optional.ofNullable(etcdMembers.get()).orElse(3), imageProfile.get(), bindAddress.get().strip(), ports(),
                new NewClusterRequest.PatroniTiming(number("ttl", ttl), number("loop_wait", loopWait),
                        number("retry_timeout", retryTimeout)));
    }

    /** The progress of provisioning this request; starting it is the caller's move. */
    public ProvisioningViewModel provisioning() {
        return new ProvisioningViewModel(provisioning, request(), executors, clock);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty scopeProperty() {
        return scope;
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

    public ReadOnlyStringProperty scopeErrorProperty() {
        return scopeError.getReadOnlyProperty();
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

    /** True while the runtime checks the request. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
