package io.pgha.runtime.provision;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one run of {@code up} made: the Docker objects it created (each recorded once its creation succeeded, never one
 * that existed before), and whether it generated the stack's credentials or saved its connection. The caller owns it
 * and passes it to {@link StackProvisioner#removeCreated} to take away exactly that when the run is cancelled or
 * failed, leaving a stack, volumes or credentials that were there before untouched. Thread-safe: a run creates objects
 * in parallel.
 */
public final class CreatedByRun {

    private final Set<String> containers = ConcurrentHashMap.newKeySet();
    private final Set<String> volumes = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> network = new AtomicReference<>();
    private volatile boolean credentials;
    private volatile boolean connection;

    void container(String name) {
        containers.add(name);
    }

    void volume(String name) {
        volumes.add(name);
    }

    void network(String name) {
        network.set(name);
    }

    void credentials() {
        credentials = true;
    }

    void connection() {
        connection = true;
    }

    public List<String> containers() {
        return containers.stream().sorted().toList();
    }

    public List<String> volumes() {
        return volumes.stream().sorted().toList();
    }

    public Optional<String> network() {
        return Optional.ofNullable(network.get());
    }

    /** Whether the run generated (and stored) the stack's credentials: there were none before it. */
    public boolean madeCredentials() {
        return credentials;
    }

    /** Whether the run saved the cluster's connection in the registry (it does as its last step). */
    public boolean madeConnection() {
        return connection;
    }

    public boolean isEmpty() {
        return containers.isEmpty() && volumes.isEmpty() && network.get() == null && !credentials && !connection;
    }
}
