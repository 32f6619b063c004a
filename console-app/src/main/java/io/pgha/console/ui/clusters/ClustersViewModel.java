package io.pgha.console.ui.clusters;

import io.pgha.console.service.ClusterSession;
import io.pgha.console.service.ClusterSessions;
import io.pgha.console.ui.common.LatestValueRelay;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.usecase.ForgetCluster;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The clusters sidebar: every cluster in the registry (so the list survives restarts), each watched by
 * its own session so its state shows at a glance. Sessions open in the background and stay open until
 * the cluster is forgotten or the console closes; the selected cluster's screens reuse its session.
 */
public final class ClustersViewModel implements AutoCloseable {

    private final ClusterRegistry registry;
    private final ForgetCluster forgetting;
    /** The plans of the forget dialogs shown, by cluster: confirming one deletes exactly what it listed. */
    private final Map<String, List<ForgetCluster.Plan>> shownForget = new HashMap<>();

    private final ClusterSessions sessions;
    private final UiExecutors executors;
    private final ObservableList<ClusterItem> items = FXCollections.observableArrayList();
    private final ObjectProperty<ClusterItem> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final Map<String, CompletableFuture<ClusterSession>> open = new HashMap<>();
    private boolean background; // the FX thread's
    private final Map<String, ClusterMonitor.Subscription> watches = new HashMap<>();
    /** Sessions a registry read started in the background, until the FX thread takes them over. */
    private final Map<String, CompletableFuture<ClusterSession>> started = new ConcurrentHashMap<>();

    public ClustersViewModel(ClusterRegistry registry, ClusterSessions sessions, UiExecutors executors) {
        this.registry = registry;
        this.forgetting = new ForgetCluster(registry);
        this.sessions = sessions;
        this.executors = executors;
    }

    /**
     * Reads the registry again; selects the named cluster once it is listed. The sessions of clusters not open yet
     * start in the same background task, right after the read: handing the list to the FX thread first would make
     * them wait for the window's first layout and paint (a second on a cold start), and the topology with them.
     */
    public void reload(Optional<String> select) {
        Set<String> alreadyOpen = Set.copyOf(open.keySet());
        executors.supply(
                () -> {
                    List<ClusterConnection> known = registry.list();
                    known.stream()
                            .filter(c -> !alreadyOpen.contains(c.name()))
                            .sorted(Comparator.comparing(
                                    (ClusterConnection c) -> !select.equals(Optional.of(c.name()))))
                            .forEach(c -> started.put(c.name(), openSession(c)));
                    return known;
                },
                known -> {
                    merge(known);
                    problem.set("");
                    select.flatMap(this::item).ifPresent(selected::set);
                    this.loaded.set(true);
                },
                failure -> {
                    problem.set(failure.getMessage());
                    loaded.set(true);
                });
    }

    private CompletableFuture<ClusterSession> openSession(ClusterConnection connection) {
        return CompletableFuture.supplyAsync(() -> sessions.open(connection), executors.background());
    }

    /** False until the registry has been read once: until then the list is not known to be empty. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    private void merge(List<ClusterConnection> known) {
        Set<String> names = known.stream().map(ClusterConnection::name).collect(Collectors.toSet());
        List.copyOf(items).stream().filter(i -> !names.contains(i.name())).forEach(i -> drop(i.name()));
        for (ClusterConnection c : known) {
            CompletableFuture<ClusterSession> started = this.started.remove(c.name());
            if (item(c.name()).isEmpty()) {
                ClusterItem item = new ClusterItem(
                        c.name(), c.origin() == ClusterConnection.Origin.PROVISIONED ? "created by pgha" : "attached");
                items.add(item);
                watch(item, started != null ? started : openSession(c));
            } else if (started != null) {
                // listed meanwhile by another reload, which opened its own session: this one is not needed
                started.thenAcceptAsync(ClusterSession::close, executors.background());
            }
        }
        items.sort(Comparator.comparing(ClusterItem::name));
    }

    private void watch(ClusterItem item, CompletableFuture<ClusterSession> session) {
        open.put(item.name(), session);
        session.whenCompleteAsync(
                (s, failure) -> {
                    if (open.get(item.name()) != session) {
                        return;
                    }
                    if (failure != null) {
                        item.unreachable(cause(failure).getMessage());
                        return;
                    }
                    if (background) {
                        s.monitor().background(true);
                    }
                    LatestValueRelay<ClusterSnapshot> relay = new LatestValueRelay<>(executors.fx(), item::show);
                    watches.put(item.name(), s.monitor().onSnapshot(relay));
                },
                executors.fx());
    }

    /**
     * Whether the window is out of sight (minimised or hidden): the open sessions' monitors then poll several times
     * less often, and all at once when it is shown again (ClusterMonitor.background). On the FX thread.
     */
    public void background(boolean hidden) {
        if (hidden == background) {
            return;
        }
        background = hidden;
        open.values().stream()
                .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .forEach(f -> f.join().monitor().background(hidden));
    }

    /** Calls back on the FX thread with the cluster's session once it is open. */
    public void session(String name, Consumer<ClusterSession> then, Consumer<Throwable> failed) {
        CompletableFuture<ClusterSession> session = open.get(name);
        if (session == null) {
            failed.accept(new IllegalStateException("no cluster named " + name + " is listed"));
            return;
        }
        session.whenCompleteAsync(
                (s, failure) -> {
                    if (failure != null) {
                        failed.accept(cause(failure));
                    } else {
                        then.accept(s);
                    }
                },
                executors.fx());
    }

    /**
     * The two ways to forget a cluster, read from its directory: keeping its stored passwords and keys (the
     * default), or deleting them too; each says which files go.
     *
     * @param hasPasswords  whether there is anything to keep beyond the connection and the journals
     * @param keepSummary   what forgetting deletes and keeps by default
     * @param deleteSummary what it deletes when the passwords go too
     * @param deleteWarning said before the passwords of a cluster that runs are deleted
     */
    public record ForgetChoice(
            String name,
            boolean hasPasswords,
            String keepSummary,
            String deleteSummary,
            Optional<String> deleteWarning) {

        public String summary(boolean deletePasswords) {
            return deletePasswords ? deleteSummary : keepSummary;
        }

        public Optional<String> warning(boolean deletePasswords) {
            return deletePasswords ? deleteWarning : Optional.empty();
        }
    }

    /** Calls back on the FX thread with what forgetting the cluster would delete, either way. */
    public void prepareForget(String name, Consumer<ForgetChoice> then) {
        boolean running = item(name).map(ClusterItem::answering).orElse(false);
        executors.supply(
                () -> List.of(forgetting.plan(name, false, running), forgetting.plan(name, true, running)),
                plans -> {
                    shownForget.put(name, plans);
                    ForgetCluster.Plan keep = plans.get(0);
                    ForgetCluster.Plan delete = plans.get(1);
                    then.accept(new ForgetChoice(
                            name, !keep.kept().isEmpty(), keep.summary(), delete.summary(), delete.warning()));
                },
                failure -> problem.set(failure.getMessage()));
    }

    /** Forgets the cluster keeping its stored passwords and keys (the cluster itself is not touched). */
    public void forget(String name) {
        boolean running = item(name).map(ClusterItem::answering).orElse(false);
        drop(name);
        executors.supply(
                () -> {
                    forgetting.forget(forgetting.plan(name, false, running));
                    return name;
                },
                n -> problem.set(""),
                failure -> problem.set(failure.getMessage()));
    }

    /** Removes the cluster from the list and deletes exactly the files the choice shown to the user lists. */
    public void forget(ForgetChoice choice, boolean deletePasswords) {
        List<ForgetCluster.Plan> plans = shownForget.remove(choice.name());
        if (plans == null) {
            problem.set("forget " + choice.name() + " again: what it deletes was not read");
            return;
        }
        forget(plans.get(deletePasswords ? 1 : 0));
    }

    private void forget(ForgetCluster.Plan plan) {
        drop(plan.name());
        executors.supply(
                () -> {
                    forgetting.forget(plan);
                    return plan.name();
                },
                n -> problem.set(""),
                failure -> problem.set(failure.getMessage()));
    }

    private void drop(String name) {
        item(name).ifPresent(i -> {
            items.remove(i);
            if (selected.get() == i) {
                selected.set(null);
            }
        });
        Optional.ofNullable(watches.remove(name)).ifPresent(ClusterMonitor.Subscription::close);
        Optional.ofNullable(open.remove(name))
                .ifPresent(f -> f.thenAcceptAsync(ClusterSession::close, executors.background()));
    }

    public Optional<ClusterItem> item(String name) {
        return items.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    private static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    @Override
    public void close() {
        watches.values().forEach(ClusterMonitor.Subscription::close);
        watches.clear();
        open.values().forEach(f -> f.thenAcceptAsync(ClusterSession::close, executors.background()));
        open.clear();
    }

    public ObservableList<ClusterItem> items() {
        return items;
    }

    public ObjectProperty<ClusterItem> selectedProperty() {
        return selected;
    }

    /** Why the registry could not be read, empty when it could. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
