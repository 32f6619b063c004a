package io.pgha.runtime.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How pgha reaches one cluster from where it runs: what the monitor, the operations and the console
 * need, whether pgha provisioned the cluster or attached to it. Every address here is one the host can
 * reach (on a provisioned stack: ports published on the bind address), never a container-internal name.
 *
 * @param name          pgha's name for the cluster (for a provisioned stack, the stack name)
 * @param scope         Patroni's scope (the DCS namespace is /service/&lt;scope&gt;/)
 * @param etcdEndpoints etcd client URLs, e.g. http://127.0.0.1:23791
 * @param etcdAuth      etcd user/password and TLS files, when the etcd cluster needs them
 * @param patroniUrls   member name to the base URL of its Patroni REST API, e.g. pg-0 to http://127.0.0.1:8008
 * @param router        the router's write/read ports and stats URL, when there is a router
 * @param dockerStack   the stack label of its containers when it runs on the local Docker engine
 * @param origin        whether pgha provisioned it or attached to it
 * @param prometheus    the base URL of the Prometheus that keeps its history, when it has one (e.g. http://127.0.0.1:9090)
 * @param caFile        the PEM of the certificate authority that signed the cluster's certificates (Patroni's REST API,
 *                      PostgreSQL, etcd), when they use TLS; every client verifies names against it
 */
public record ClusterConnection(
        String name,
        String scope,
        List<String> etcdEndpoints,
        Optional<EtcdAuth> etcdAuth,
        Map<String, String> patroniUrls,
        Optional<RouterEndpoints> router,
        Optional<String> dockerStack,
        Origin origin,
        Optional<String> prometheus,
        Optional<String> caFile) {

    public enum Origin {
        PROVISIONED,
        ATTACHED
    }

    /** etcd credentials and TLS material; the password is a secret and never printed. */
    public record EtcdAuth(
            Optional<String> user,
            Optional<String> password,
            Optional<String> caFile,
            Optional<String> certFile,
            Optional<String> keyFile) {
        @Override
        public String toString() {
            return "EtcdAuth[user=" + user.orElse("") + ", password=" + (password.isPresent() ? "***" : "") + "]";
        }
    }

    /** Where applications and pgha reach the router from the host. */
    /**
     * The router(s) on {@code host}. A stack with two routers (docs/decisions/0030) has the second one's ports too; 0
     * when there is none (and in a cluster.json written before there could be one).
     */
    public record RouterEndpoints(
            String host, int writePort, int readPort, String statsUrl, int secondWritePort, int secondReadPort) {

        /** One router. */
        public RouterEndpoints(String host, int writePort, int readPort, String statsUrl) {
            this(host, writePort, readPort, statsUrl, 0, 0);
        }

        /** The write ports, the first router's first. */
        public List<Integer> writePorts() {
            return secondWritePort > 0 ? List.of(writePort, secondWritePort) : List.of(writePort);
        }

        /** The read ports, the first router's first. */
        public List<Integer> readPorts() {
            return secondReadPort > 0 ? List.of(readPort, secondReadPort) : List.of(readPort);
        }
    }

    public ClusterConnection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        etcdEndpoints = List.copyOf(etcdEndpoints);
        patroniUrls = Map.copyOf(patroniUrls);
        Objects.requireNonNull(etcdAuth, "etcdAuth");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(dockerStack, "dockerStack");
        Objects.requireNonNull(origin, "origin");
        prometheus = prometheus == null ? Optional.empty() : prometheus; // cluster.json written before there was one
        caFile = caFile == null ? Optional.empty() : caFile;
    }

    /** A connection without a Prometheus and without TLS. */
    public ClusterConnection(
            String name,
            String scope,
            List<String> etcdEndpoints,
            Optional<EtcdAuth> etcdAuth,
            Map<String, String> patroniUrls,
            Optional<RouterEndpoints> router,
            Optional<String> dockerStack,
            Origin origin) {
        this(
                name,
                scope,
                etcdEndpoints,
                etcdAuth,
                patroniUrls,
                router,
                dockerStack,
                origin,
                Optional.empty(),
                Optional.empty());
    }

    public ClusterConnection withPrometheus(Optional<String> url) {
        return new ClusterConnection(
                name, scope, etcdEndpoints, etcdAuth, patroniUrls, router, dockerStack, origin, url, caFile);
    }

    /** The same cluster reached through other etcd endpoints (a stack whose etcd members changed). */
    public ClusterConnection withEtcdEndpoints(List<String> endpoints) {
        return new ClusterConnection(
                name, scope, endpoints, etcdAuth, patroniUrls, router, dockerStack, origin, prometheus, caFile);
    }

    public ClusterConnection withCaFile(Optional<String> file) {
        return new ClusterConnection(
                name, scope, etcdEndpoints, etcdAuth, patroniUrls, router, dockerStack, origin, prometheus, file);
    }
}
