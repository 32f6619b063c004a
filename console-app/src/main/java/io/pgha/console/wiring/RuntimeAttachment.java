package io.pgha.console.wiring;

import io.pgha.console.service.AttachRequest;
import io.pgha.console.service.ClusterAttachment;
import io.pgha.runtime.attach.ClusterDiscovery;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime's attach ({@code pgha attach}): after a quick reachability check ({@link HttpAttachment}), the
 * runtime's discovery finds the members, their REST URLs (among the local containers' published ports when the
 * cluster runs on this machine's Docker) and the router; the connection is saved in the registry.
 */
final class RuntimeAttachment implements ClusterAttachment {

    private final ClusterRegistry registry;
    private final HttpAttachment reachability;

    RuntimeAttachment(ClusterRegistry registry) {
        this.registry = registry;
        this.reachability = new HttpAttachment(registry);
    }

    @Override
    public ClusterConnection attach(AttachRequest request) {
        HttpAttachment.requireNewName(registry, request.name());
        ClusterConnection reached = reachability.reach(request);
        Map<String, String> named = new LinkedHashMap<>();
        List<String> unnamed = new ArrayList<>();
        request.patroniUrls().forEach((name, url) -> {
            if (name.equals(url)) {
                unnamed.add(url);
            } else {
                named.put(name, url);
            }
        });
        ClusterDiscovery.Result result = ClusterDiscovery.discover(new io.pgha.runtime.attach.AttachRequest(request.name(),
                Optional.of(reached.scope()).filter(s -> !s.isBlank()), request.etcdEndpoints(), Optional.empty(), named, unnamed,
                Optional.empty(), Optional.empty(), true));
        registry.save(result.connection());
        return result.connection();
    }
}
