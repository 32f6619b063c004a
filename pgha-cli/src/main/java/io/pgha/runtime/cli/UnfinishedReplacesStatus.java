package io.pgha.runtime.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgha.runtime.apply.RunningStack.Unfinished;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.provision.StackProvisioner;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The part of {@code pgha status} that names what an interrupted {@code pgha replace} left (docs/decisions/0069): the
 * member, whether its container runs, the partial copies of its old data, and what finishes it. Asked from the local
 * Docker engine beside the cluster monitor, for a stack pgha made; nothing is shown when there is nothing, or when the
 * engine did not answer by the status's deadline (the cluster's own state is what status is for).
 *
 * @param members the members left unfinished, by name
 */
record UnfinishedReplacesStatus(Map<String, Unfinished> members) {

    UnfinishedReplacesStatus {
        members = Map.copyOf(members);
    }

    /** Starts asking for {@code c}'s leftovers; empty for a cluster pgha did not make. */
    static Optional<CompletableFuture<Map<String, Unfinished>>> ask(ClusterConnection c) {
        return c.dockerStack()
                .map(stack -> CompletableFuture.supplyAsync(
                        () -> {
                            try (StackProvisioner p = StackProvisioner.onLocalDocker()) {
                                return p.unfinishedReplaces(stack);
                            }
                        },
                        Executors.newVirtualThreadPerTaskExecutor()));
    }

    /** What came by {@code wait}; nothing when it came late or failed. */
    static UnfinishedReplacesStatus await(CompletableFuture<Map<String, Unfinished>> asked, Duration wait) {
        try {
            return new UnfinishedReplacesStatus(asked.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            asked.cancel(true);
            return new UnfinishedReplacesStatus(Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new UnfinishedReplacesStatus(Map.of());
        }
    }

    /** One line per member, under a heading; empty when there is none. */
    String text() {
        if (members.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\ninterrupted replace:\n");
        new java.util.TreeMap<>(members)
                .values()
                .forEach(u -> sb.append("  ")
                        .append(u.member())
                        .append(": container ")
                        .append(u.running() ? "running" : "stopped")
                        .append(", partial copy ")
                        .append(String.join(", ", u.partialCopies()))
                        .append(
                                u.running()
                                        ? " (pgha replace " + u.member() + " replaces it and removes the copy)"
                                        : " (pgha apply --spec FILE or pgha replace " + u.member()
                                                + " finishes it and removes the copy)")
                        .append('\n'));
        return sb.toString();
    }

    /** An "unfinishedReplaces" array: member, containerRunning, partialCopies, keepVolume. */
    void json(ObjectNode root) {
        ArrayNode list = root.putArray("unfinishedReplaces");
        new java.util.TreeMap<>(members).values().forEach(u -> {
            ObjectNode n = list.addObject();
            n.put("member", u.member());
            n.put("containerRunning", u.running());
            ArrayNode copies = n.putArray("partialCopies");
            u.partialCopies().forEach(copies::add);
            n.put("keepVolume", u.keepVolume());
        });
    }
}
