package io.pgha.console.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Attach dialog asks for a cluster pgha did not create: its etcd endpoints and scope, or its Patroni URLs.
 *
 * @param patroniUrls  member name to Patroni REST base URL; empty when the members are found through etcd
 * @param etcdUser     the etcd user, when etcd has authentication on
 * @param etcdPassword its password (a secret: never shown by {@link #toString()})
 * @param etcdCaFile   the CA certificate (PEM) that signed etcd's certificates, when etcd uses TLS
 */
public record AttachForm(
        String name,
        String scope,
        List<String> etcdEndpoints,
        Map<String, String> patroniUrls,
        Optional<String> etcdUser,
        Optional<String> etcdPassword,
        Optional<String> etcdCaFile) {

    public AttachForm {
        etcdEndpoints = List.copyOf(etcdEndpoints);
        patroniUrls = Map.copyOf(patroniUrls);
    }

    /** A form for an etcd without TLS or users, or for Patroni URLs. */
    public AttachForm(String name, String scope, List<String> etcdEndpoints, Map<String, String> patroniUrls) {
        this(name, scope, etcdEndpoints, patroniUrls, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "AttachForm[" + name + ", scope=" + scope + ", etcd=" + etcdEndpoints + ", patroni=" + patroniUrls
                + ", etcdUser=" + etcdUser.orElse("") + ", etcdPassword=" + (etcdPassword.isPresent() ? "***" : "")
                + ", etcdCa=" + etcdCaFile.orElse("") + "]";
    }
}
