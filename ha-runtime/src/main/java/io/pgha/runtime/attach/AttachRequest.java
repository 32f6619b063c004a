package io.pgha.runtime.attach;

import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.cluster.ClusterConnection.RouterEndpoints;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user told {@code pgha attach}; {@link ClusterDiscovery} fills in the rest.
 *
 * @param patroniUrls        member name to REST URL, as given (they override whatever is discovered)
 * @param unnamedPatroniUrls REST URLs given without a member name: the member says its name
 * @param dockerStack        the compose project of the cluster's containers, if known
 * @param useDocker          look at the local Docker engine to find published ports
 * @param caFile             the cluster's CA (PEM) when its Patroni REST API and PostgreSQL use TLS: trusted for
 *                           https:// REST URLs and saved with the connection for verify-full
 */
public record AttachRequest(
        String name,
        Optional<String> scope,
        List<String> etcdEndpoints,
        Optional<EtcdAuth> etcdAuth,
        Map<String, String> patroniUrls,
        List<String> unnamedPatroniUrls,
        Optional<RouterEndpoints> router,
        Optional<String> dockerStack,
        boolean useDocker,
        Optional<String> caFile) {

    public AttachRequest {
        etcdEndpoints = List.copyOf(etcdEndpoints);
        patroniUrls = Map.copyOf(patroniUrls);
        unnamedPatroniUrls = List.copyOf(unnamedPatroniUrls);
        caFile = caFile == null ? Optional.empty() : caFile;
    }
}
