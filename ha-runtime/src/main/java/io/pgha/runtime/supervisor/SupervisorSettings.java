package io.pgha.runtime.supervisor;

import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.cluster.StackCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the supervisor watches and may act on. It runs inside the stack's network, so every address is a
 * container name.
 *
 * @param members       the Patroni members, equal to their host names and to the HAProxy server names
 * @param containerPrefix what precedes a member's name in its container name ("" in the default stack)
 * @param routerApi     HAProxy's runtime API, host:port or unix:/path; several routers comma-separated
 * @param patroniPort   Patroni's REST port on every member
 * @param fence         whether to release the leader key of a primary whose container is gone
 * @param route         whether to move HAProxy's traffic at once on a leader change
 * @param promotionWait how long a new leader's PostgreSQL may take to leave recovery before routing is left to the checks
 * @param postgresLogin a login to ask a new leader's PostgreSQL directly whether it accepts writes; without one,
 *                      its Patroni is asked
 * @param postgresPort  PostgreSQL's port on every member
 * @param aliveFile     a file touched whenever etcd answered the supervisor, for Docker's health check
 * @param caFile        the cluster CA's certificate: Patroni is asked over HTTPS and PostgreSQL over verified TLS
 * @param etcdAuth      the supervisor's etcd user and password and the CA file to verify etcd with, when etcd has them
 */
public record SupervisorSettings(
        String scope,
        String namespace,
        List<String> etcdEndpoints,
        List<String> members,
        String containerPrefix,
        String routerApi,
        int patroniPort,
        boolean fence,
        boolean route,
        Duration promotionWait,
        Optional<StackCredentials.Login> postgresLogin,
        int postgresPort,
        Optional<java.nio.file.Path> aliveFile,
        Optional<String> caFile,
        Optional<EtcdAuth> etcdAuth) {

    public SupervisorSettings {
        etcdEndpoints = List.copyOf(etcdEndpoints);
        members = List.copyOf(members);
        caFile = caFile == null ? Optional.empty() : caFile;
        etcdAuth = etcdAuth == null ? Optional.empty() : etcdAuth;
    }

    public String containerOf(String member) {
        return containerPrefix + member;
    }

    /** The member a container runs, if it is one of ours. */
    public java.util.Optional<String> memberOf(String container) {
        return container.startsWith(containerPrefix) && members.contains(container.substring(containerPrefix.length()))
                ? java.util.Optional.of(container.substring(containerPrefix.length()))
                : java.util.Optional.empty();
    }

    /** The etcd key where the supervisor publishes its heartbeat and last action. */
    public String stateKey() {
        return "/pgha/" + scope + "/supervisor";
    }
}
