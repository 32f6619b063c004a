package io.pgha.runtime.pki;

import java.math.BigInteger;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One certificate of a cluster's PKI as stored, with what {@code pgha certs status} shows of it.
 *
 * @param name the file name without {@code .crt}: {@code ca}, {@code pg-0}, …; the previous CA during a CA rotation
 *             is {@code ca-previous}
 * @param kind the cluster's authority, its previous one (trusted until a CA rotation ends), or a component's
 */
public record StoredCertificate(String name, Kind kind, X509Certificate certificate) {

    public enum Kind {
        AUTHORITY,
        PREVIOUS_AUTHORITY,
        COMPONENT
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    public String issuer() {
        return certificate.getIssuerX500Principal().getName();
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    public BigInteger serial() {
        return certificate.getSerialNumber();
    }

    /** The DNS names of its subject alternative names. */
    public List<String> dnsNames() {
        return names(2);
    }

    /** The IP addresses of its subject alternative names. */
    public List<String> ipAddresses() {
        return names(7);
    }

    private List<String> names(int type) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                sans.stream()
                        .filter(san -> Integer.valueOf(type).equals(san.get(0)))
                        .forEach(san -> names.add(String.valueOf(san.get(1))));
            }
        } catch (CertificateParsingException e) {
            throw new IllegalStateException("unreadable subject alternative names in " + name, e);
        }
        return names;
    }

    public CertificateExpiry expiry(Instant now) {
        return CertificateExpiry.at(now, notBefore(), notAfter());
    }
}
