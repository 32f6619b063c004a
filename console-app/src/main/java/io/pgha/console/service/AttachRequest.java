package io.pgha.console.service;

import java.util.List;
import java.util.Map;

/**
 * A cluster pgha did not create: reached through its etcd endpoints and scope, or its Patroni URLs.
 *
 * @param patroniUrls member name to Patroni REST base URL; empty when the members are found through etcd
 */
public record AttachRequest(String name, String scope, List<String> etcdEndpoints, Map<String, String> patroniUrls) {

    public AttachRequest {
        etcdEndpoints = List.copyOf(etcdEndpoints);
        patroniUrls = Map.copyOf(patroniUrls);
    }
}
