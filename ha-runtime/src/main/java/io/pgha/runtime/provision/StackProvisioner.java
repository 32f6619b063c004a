package io.pgha.runtime.provision;

import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.stack.StackSpec;
import java.util.Optional;

/** Makes a stack real and takes it away again. */
public interface StackProvisioner extends AutoCloseable {

    /**
     * Brings the stack to "writable through the router with every replica streaming": creates what is
     * missing, starts what is stopped, waits for each layer in turn. Running it on a healthy stack changes
     * nothing; a spec that differs from the running one is refused with the differences, never applied.
     */
    default UpResult up(StackSpec spec, ProgressListener progress) {
        return up(spec, progress, new CreatedByRun());
    }

    /** As {@link #up(StackSpec, ProgressListener)}, recording in {@code made} what this run creates, as it goes. */
    UpResult up(StackSpec spec, ProgressListener progress, CreatedByRun made);

    /**
     * As {@link #up(StackSpec, ProgressListener, CreatedByRun)}; with a {@code seed}, a new stack's first node starts
     * from a restored backup (docs/decisions/0022) before any Patroni runs, and leads before the others start.
     */
    default UpResult up(StackSpec spec, ProgressListener progress, CreatedByRun made, Optional<RestoreSeed> seed) {
        if (seed.isPresent()) {
            throw new UnsupportedOperationException("this provisioner cannot restore");
        }
        return up(spec, progress, made);
    }

    /**
     * Rebuilds a stack pgha made from its own repository (docs/decisions/0025): its PostgreSQL nodes stopped, its
     * cluster out of the DCS, its data volumes' content set aside, then {@code up} with the in-place {@code seed}; the
     * set-aside data is deleted once the stack is healthy.
     */
    default UpResult restoreInPlace(
            io.pgha.runtime.cluster.ClusterConnection cluster, RestoreSeed seed, ProgressListener progress) {
        throw new UnsupportedOperationException("this provisioner cannot restore in place");
    }

    /**
     * The rollback of a failed in-place restore run again (docs/decisions/0034): the data set aside under {@code stamp}
     * moved back in each data volume that has it, the stack started on it.
     */
    default UpResult rollBackInPlace(
            io.pgha.runtime.cluster.ClusterConnection cluster, String stamp, ProgressListener progress) {
        throw new UnsupportedOperationException("this provisioner cannot roll back a restore");
    }

    /**
     * Removes what one run of {@code up} created (a cancelled or failed run), and nothing else: containers, network
     * and volumes that existed before it stay, and so do credentials it did not generate. What stays is listed in
     * the result's {@code kept}.
     */
    DownResult removeCreated(String name, CreatedByRun made, ProgressListener progress);

    /** Stops and removes the stack's containers and network; with {@code removeVolumes} its data and credentials too. */
    DownResult down(String name, boolean removeVolumes, ProgressListener progress);

    /** The stack as it runs: its spec (node count from its PostgreSQL containers), Patroni's members, etcd's health. */
    default io.pgha.runtime.apply.RunningStack running(String name) {
        throw new UnsupportedOperationException("this provisioner cannot change a running stack");
    }

    /**
     * The members of stack {@code name} that a {@code pgha replace} interrupted while it copied their old data aside
     * left unfinished, with the partial copies (docs/decisions/0069); empty when there are none.
     */
    default java.util.Map<String, io.pgha.runtime.apply.RunningStack.Unfinished> unfinishedReplaces(String name) {
        return java.util.Map.of();
    }

    /**
     * {@code member}'s pg_settings rows of {@code parameters} (every parameter when empty), asked inside its container:
     * the values it runs, their unit and context, and whether a restart is pending.
     */
    default java.util.Map<String, io.pgha.runtime.apply.MemberSetting> settings(
            String name, String member, java.util.Collection<String> parameters) {
        throw new UnsupportedOperationException("this provisioner cannot read a member's settings");
    }

    /**
     * Adds {@code member} of the {@code grown} spec to the running stack as {@code up} makes members, waits until it
     * streams and routes to it (docs/decisions/0029); returns what it saw. Its PostgreSQL container runs {@code image},
     * the one the running members run (the profile's image when empty).
     */
    default String addMember(
            StackSpec grown,
            String member,
            java.util.Optional<String> image,
            java.util.function.Consumer<String> progress) {
        throw new UnsupportedOperationException("this provisioner cannot change a running stack");
    }

    /**
     * Takes {@code member} out of the router, then out of Patroni (its containers stopped and removed), leaving the
     * {@code shrunk} spec running; its data volume is deleted only with {@code deleteVolume}.
     */
    default String removeMember(
            StackSpec shrunk, String member, boolean deleteVolume, java.util.function.Consumer<String> progress) {
        throw new UnsupportedOperationException("this provisioner cannot change a running stack");
    }

    /** Whether {@code image} is on the engine (an upgrade refuses one that is not, before changing anything). */
    default boolean imagePresent(String image) {
        throw new UnsupportedOperationException("this provisioner cannot change a running stack");
    }

    /**
     * Replaces {@code member}'s PostgreSQL container by one of {@code image}, made as {@code up} makes it, its data
     * volume kept; waits until the new one serves (a replica streaming) (docs/decisions/0037).
     */
    default String replaceContainer(
            StackSpec spec, String member, String image, java.util.function.Consumer<String> progress) {
        throw new UnsupportedOperationException("this provisioner cannot change a running stack");
    }

    /**
     * Replaces {@code member}, a replica, by a new container with a new, empty data volume that Patroni clones again from
     * a replica; the old data is copied aside first and deleted once the new member streams unless {@code keepVolume}
     * (docs/decisions/0037).
     */
    default String replaceMember(
            StackSpec spec, String member, boolean keepVolume, java.util.function.Consumer<String> progress) {
        throw new UnsupportedOperationException("this provisioner cannot change a running stack");
    }

    /**
     * Adds etcd member {@code member} of {@code spec} (a spec that has it) through etcd's member API, starts its
     * container on a new volume to join the running cluster, and waits until it is healthy and caught up
     * (docs/decisions/0057-etcd-members-through-the-member-api).
     */
    default String addEtcdMember(StackSpec spec, String member, java.util.function.Consumer<String> progress) {
        throw new UnsupportedOperationException("this provisioner cannot change a running stack");
    }

    /** Removes etcd member {@code member} through etcd's member API, then its container and data volume. */
    default String removeEtcdMember(StackSpec spec, String member, java.util.function.Consumer<String> progress) {
        throw new UnsupportedOperationException("this provisioner cannot change a running stack");
    }

    /** {@code member} removed from etcd, then added again: a new container, an empty volume, a new member id. */
    default String replaceEtcdMember(StackSpec spec, String member, java.util.function.Consumer<String> progress) {
        throw new UnsupportedOperationException("this provisioner cannot change a running stack");
    }

    @Override
    void close();

    /** A provisioner for the local Docker engine (or DOCKER_HOST), keeping credentials and connections in the config directory. */
    static StackProvisioner onLocalDocker() {
        return new DockerStackProvisioner(DockerJavaEngine.local(), new CredentialStore(), new ClusterRegistry());
    }
}
