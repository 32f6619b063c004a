package io.pgha.console.service;

/**
 * The fields of the new-cluster wizard; the runtime turns it into its stack spec.
 *
 * @param name          the stack's name: the name pgha knows the cluster by, and Patroni's scope
 * @param imageProfile  "official", "local" or "auto"
 * @param bindAddress   where the stack's ports are published, normally 127.0.0.1
 * @param expose        the user ticked "Publish on other addresses": a bind address beyond loopback is allowed
 *                      (it permits the address and nothing else)
 */
public record NewClusterRequest(
        String name,
        int postgresNodes,
        int etcdMembers,
        String imageProfile,
        String bindAddress,
        boolean expose,
        Ports ports,
        PatroniTiming timing) {

    /** Published ports; the per-member ones count up from their base. */
    public record Ports(
            int write, int read, int stats, int patroniBase, int etcdBase, int exporterBase, int prometheus) {}

    /** Patroni's failure-detection settings, in seconds. */
    public record PatroniTiming(int ttl, int loopWait, int retryTimeout) {}
}
