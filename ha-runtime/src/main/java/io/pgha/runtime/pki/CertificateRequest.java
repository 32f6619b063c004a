package io.pgha.runtime.pki;

import java.util.List;
import java.util.Objects;

/**
 * A certificate to issue: a name (its file name and common name) and the names clients reach it by.
 *
 * @param dnsNames    DNS subject alternative names, e.g. pg-0, pg-router, localhost
 * @param ipAddresses IP subject alternative names, e.g. 127.0.0.1
 */
public record CertificateRequest(String name, List<String> dnsNames, List<String> ipAddresses) {

    public CertificateRequest {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9.-]{0,62}")) {
            throw new IllegalArgumentException(
                    "certificate name '" + name + "': lower-case letters, digits, '.' and '-'");
        }
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }
}
