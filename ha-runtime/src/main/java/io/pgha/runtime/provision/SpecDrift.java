package io.pgha.runtime.provision;

import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.stack.SpecDifferences;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import java.util.Collection;
import java.util.Optional;

/**
 * Whether a stack's containers were made from another spec than the one {@code pgha up} is asked for. The node count
 * is read from the PostgreSQL containers there are, not from their labels: a member added by {@code pgha scale} or
 * {@code pgha apply} (docs/decisions/0029) carries the grown spec and the older ones the spec they were made with, and
 * a label cannot be changed in place. So after a scale to 4, {@code pgha up --nodes 4} finds no drift, and a plain
 * {@code pgha up} is told that the stack runs 4 nodes. Fewer PostgreSQL containers than wanted is a stack to complete,
 * as before. The etcd member count likewise (docs/decisions/0057-etcd-members-through-the-member-api): when as many
 * etcd containers run as the spec asks for, the count in their labels does not matter; more than it asks for is drift
 * (pgha up does not remove members); fewer is drift by the labels, since a member added by {@code up} would bootstrap a
 * new cluster instead of joining.
 */
final class SpecDrift {

    private SpecDrift() {}

    /** What differs, or empty when the containers match {@code wanted}. */
    static Optional<String> of(Collection<DockerContainer> containers, StackSpec wanted) {
        String hash = SpecFingerprint.of(wanted).hash();
        long etcd = containers.stream()
                .filter(c -> "etcd".equals(c.labels().get(StackLabels.ROLE)))
                .count();
        // after pgha apply changed etcd_members, the older containers carry the count they were made with
        boolean etcdAsWanted = etcd == wanted.etcdMembers();
        boolean labelsDiffer = containers.stream().anyMatch(c -> !matches(c, wanted, hash, etcdAsWanted));
        if (etcd > wanted.etcdMembers()) {
            return Optional.of("it runs " + etcd + " etcd members, the spec asks for " + wanted.etcdMembers()
                    + " (to change the count of a running stack: pgha apply --spec FILE; to keep it: etcd_members: "
                    + etcd + " in the spec)");
        }
        long postgres = containers.stream()
                .filter(c -> "postgres".equals(c.labels().get(StackLabels.ROLE)))
                .count();
        if (postgres > wanted.nodes()) {
            return Optional.of("it runs " + postgres + " PostgreSQL nodes, the spec asks for " + wanted.nodes()
                    + " (to change the count of a running stack: pgha scale --nodes " + wanted.nodes()
                    + "; to keep it: pgha up --nodes " + postgres + ")");
        }
        if (!labelsDiffer) {
            return Optional.empty();
        }
        return Optional.of(containers.stream()
                .map(c -> c.labels().get(StackLabels.SPEC))
                .filter(s -> s != null && !s.isBlank())
                .findFirst()
                .map(yaml -> StackSpecFile.parse(yaml).build())
                .map(running -> SpecDifferences.between(normalised(running, wanted, etcdAsWanted), wanted))
                .filter(d -> !d.isEmpty())
                .map(d -> String.join("; ", d))
                .orElse("its containers were made by another version of pgha"));
    }

    /** {@code made} with the wanted node count, and the wanted etcd count when that many etcd containers run. */
    private static StackSpec normalised(StackSpec made, StackSpec wanted, boolean etcdAsWanted) {
        return made.toBuilder()
                .nodes(wanted.nodes())
                .etcdMembers(etcdAsWanted ? wanted.etcdMembers() : made.etcdMembers())
                .build();
    }

    private static boolean matches(DockerContainer c, StackSpec wanted, String hash, boolean etcdAsWanted) {
        if (hash.equals(c.labels().get(StackLabels.SPEC_HASH))) {
            return true;
        }
        String yaml = c.labels().get(StackLabels.SPEC);
        if (yaml == null || yaml.isBlank()) {
            return false;
        }
        try {
            StackSpec made = StackSpecFile.parse(yaml).build();
            return SpecFingerprint.of(normalised(made, wanted, etcdAsWanted))
                    .hash()
                    .equals(hash);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
