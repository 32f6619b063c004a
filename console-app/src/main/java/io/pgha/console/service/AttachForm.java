package io.pgha.console.service;

import java.util.List;
import java.util.Map;

/**
 * What the Attach dialog asks for a cluster pgha did not create: its etcd endpoints and scope, or its Patroni URLs.
 *
 * @param patroniUrls member name to Patroni REST base URL; empty when the members are found through etcd
 */
public record AttachForm(String name, String scope, List<String> etcdEndpoints, Map<String, String> patroniUrls) {

    public AttachForm {
        etcdEndpoints = List.copyOf(etcdEndpoints);
        patroniUrls = Map.copyOf(patroniUrls);
    }
}
