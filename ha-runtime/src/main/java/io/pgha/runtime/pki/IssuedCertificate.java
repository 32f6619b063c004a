package io.pgha.runtime.pki;

import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A certificate with its private key; the key is a secret and {@link #toString()} never shows it. */
public record IssuedCertificate(String name, X509Certificate certificate, PrivateKey key) {

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** The subject alternative names, DNS names and IP addresses alike, as text. */
    public List<String> subjectAlternativeNames() {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                sans.forEach(san -> names.add(String.valueOf(san.get(1))));
            }
        } catch (CertificateParsingException e) {
            throw new IllegalStateException("unreadable subject alternative names in " + name, e);
        }
        return names;
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + name + ", until " + notAfter() + "]";
    }
}
