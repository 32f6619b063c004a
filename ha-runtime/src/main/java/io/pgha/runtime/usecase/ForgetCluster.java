package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Forgetting a cluster: pgha stops listing it; the cluster itself (containers, volumes) is not touched. Only what
 * describes the cluster to pgha goes: its connection ({@code cluster.json}) and its audit and event journals. Its
 * stored passwords and keys ({@code credentials.json}, the REST API and etcd credentials, certificates, anything
 * else in its directory) stay unless the user asks to delete them too, so a running cluster can be attached or
 * brought up again with them. The plan lists every file before anything is deleted, and a plan that deletes the
 * passwords of a cluster that answers carries a warning the front end must show.
 */
public final class ForgetCluster {

    /** What forgetting removes without being asked: the connection and the journals, none of them secret. */
    static final Set<String> NOT_SECRET =
            Set.of("cluster.json", "audit.jsonl", "events.jsonl", "events.1.jsonl", "events.lock");

    /**
     * What one forget does.
     *
     * @param name          the cluster
     * @param deleteSecrets whether its stored passwords and keys go too (asked for explicitly)
     * @param running       whether the cluster answers now (it keeps running either way)
     * @param deleted       the files (and folders) of its directory that are deleted, by name
     * @param kept          the files that stay, by name
     */
    public record Plan(String name, boolean deleteSecrets, boolean running, List<String> deleted, List<String> kept) {
        public Plan {
            deleted = List.copyOf(deleted);
            kept = List.copyOf(kept);
        }

        /** Shown before a plan that deletes the passwords of a cluster that runs: they are the only copy pgha has. */
        public Optional<String> warning() {
            boolean secretsGo = deleted.stream().anyMatch(f -> !NOT_SECRET.contains(f));
            return running && secretsGo
                    ? Optional.of(name + " is running, and these are the only copy pgha has of its passwords: without"
                            + " them pgha cannot log in to it again. Keep them unless you have them elsewhere.")
                    : Optional.empty();
        }

        /** One sentence: what is deleted and what is kept. */
        public String summary() {
            String gone = deleted.isEmpty() ? "Nothing is deleted" : "Deletes " + String.join(", ", deleted);
            String stay = kept.isEmpty() ? "" : "; keeps " + String.join(", ", kept);
            return gone + stay + ". The cluster itself keeps running.";
        }
    }

    private final ClusterRegistry registry;

    public ForgetCluster(ClusterRegistry registry) {
        this.registry = registry;
    }

    /** The decision alone, on the names in the cluster's directory: table-tested. */
    static Plan decide(String name, List<String> files, boolean deleteSecrets, boolean running) {
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String f : files.stream().sorted().toList()) {
            (deleteSecrets || NOT_SECRET.contains(f) ? deleted : kept).add(f);
        }
        return new Plan(name, deleteSecrets, running, deleted, kept);
    }

    /** What forgetting would do now; reads the cluster's directory. */
    public Plan plan(String name, boolean deleteSecrets, boolean running) {
        Path dir = registry.dir(name);
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                entries.map(p -> p.getFileName().toString()).forEach(files::add);
            } catch (IOException e) {
                throw PghaException.unavailable("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        return decide(name, files, deleteSecrets, running);
    }

    /** Deletes exactly what the plan lists (and the directory, once empty); nothing else. */
    public void forget(Plan plan) {
        Path dir = registry.dir(plan.name());
        try {
            for (String f : plan.deleted()) {
                Path p = dir.resolve(f).normalize();
                if (!p.getParent().equals(dir)) {
                    throw PghaException.invalidInput("'" + f + "' is not a file of cluster " + plan.name());
                }
                deleteTree(p);
            }
            if (Files.isDirectory(dir)) {
                try (Stream<Path> left = Files.list(dir)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(dir);
                    }
                }
            }
        } catch (IOException e) {
            throw PghaException.unavailable(
                    "cannot forget cluster " + plan.name() + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> tree = Files.walk(p)) {
                for (Path q : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        } else {
            Files.delete(p);
        }
    }
}
