package io.pgha.runtime.provision;

import io.pgha.runtime.apply.RunningStack;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerVolume;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which copies of a member's old data ({@code <stack>_pg-N-data-replaced-<stamp>}) a {@code pgha replace} left unfinished
 * (docs/decisions/0069). Each copy is labelled, when it is created (before the member's container is stopped), with
 * the id of the container whose data it copies. A copy is partial while that very container is still the member's:
 * the replace never got to remove it, so the data it copies is still whole in the member's volume, and the copy is
 * worth nothing. A copy whose container has since been replaced (the replace finished, or an upgrade came after) holds
 * data that exists nowhere else, as {@code --keep-volume} asked: never partial. A copy without the label (made before
 * it existed) or of a member whose container is gone is never taken for partial either.
 */
final class ReplaceLeftovers {

    /** The role label of a copy of a member's old data. */
    static final String ROLE = "replaced-postgres-data";
    /** The id of the container whose data a copy holds. */
    static final String CONTAINER = "io.pgha.replaced-container";
    /** Whether the replace that made the copy was asked to keep the old data. */
    static final String KEEP = "io.pgha.keep-volume";

    private ReplaceLeftovers() {}

    /** The labels that find a stack's copies. */
    static Map<String, String> copiesOf(String stack) {
        return Map.of(StackLabels.STACK, stack, StackLabels.ROLE, ROLE);
    }

    /** The labels of a new copy {@code aside} of {@code member}'s data, from its container {@code current}. */
    static Map<String, String> labels(
            String stack, String member, String aside, Optional<DockerContainer> current, boolean keepVolume) {
        Map<String, String> labels = new LinkedHashMap<>(StackLabels.volume(stack, ROLE, aside));
        labels.put(StackLabels.SERVICE, member);
        current.ifPresent(c -> labels.put(CONTAINER, c.id()));
        labels.put(KEEP, String.valueOf(keepVolume));
        return labels;
    }

    /** The members of stack {@code stack} (its containers {@code state}) with partial copies, from the engine. */
    static Map<String, RunningStack.Unfinished> find(DockerEngine docker, StackState state, String stack) {
        return of(
                docker.volumes(copiesOf(stack)),
                state.containers().values().stream()
                        .filter(c -> "postgres".equals(c.labels().get(StackLabels.ROLE)))
                        .toList());
    }

    /**
     * The members with partial copies among {@code copies}, from their containers now ({@code containers}: the stack's
     * PostgreSQL containers, labelled with their member's name).
     */
    static Map<String, RunningStack.Unfinished> of(
            Collection<DockerVolume> copies, Collection<DockerContainer> containers) {
        Map<String, DockerContainer> byMember = new TreeMap<>();
        containers.forEach(c -> byMember.put(c.labels().getOrDefault(StackLabels.SERVICE, ""), c));
        Map<String, List<DockerVolume>> partial = new TreeMap<>();
        for (DockerVolume copy : copies) {
            String member = copy.labels().getOrDefault(StackLabels.SERVICE, "");
            DockerContainer container = byMember.get(member);
            String id = copy.labels().get(CONTAINER);
            if (container != null && id != null && id.equals(container.id())) {
                partial.computeIfAbsent(member, m -> new ArrayList<>()).add(copy);
            }
        }
        Map<String, RunningStack.Unfinished> unfinished = new TreeMap<>();
        partial.forEach((member, volumes) -> unfinished.put(
                member,
                new RunningStack.Unfinished(
                        member,
                        byMember.get(member).running(),
                        volumes.stream().map(DockerVolume::name).sorted().toList(),
                        volumes.stream().anyMatch(v -> "true".equals(v.labels().get(KEEP))))));
        return unfinished;
    }
}
