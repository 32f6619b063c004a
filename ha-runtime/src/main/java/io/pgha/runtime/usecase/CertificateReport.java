package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.pki.CertificateExpiry;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.pki.StoredCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Every certificate of a cluster's own PKI ({@code pki/} of its config directory) and how long it has left, for
 * {@code pgha certs status}: a warning within 30 days of its end, an error past it.
 */
public final class CertificateReport {

    /** How a certificate stands. */
    public enum Level {
        OK,
        WARNING,
        ERROR
    }

    /**
     * One certificate.
     *
     * @param name     its file name in pki/ without .crt: ca, ca-previous (during a CA rotation), pg-0, …
     * @param kind     authority, previous authority or component
     * @param serial   its serial number in hexadecimal
     * @param daysLeft whole days until its end (negative once past it)
     * @param message  what its end means, and what to do
     */
    public record Entry(
            String name,
            String kind,
            String subject,
            List<String> dnsNames,
            List<String> ipAddresses,
            String issuer,
            String serial,
            Instant notBefore,
            Instant notAfter,
            long daysLeft,
            Level level,
            String message) {

        public Entry {
            dnsNames = List.copyOf(dnsNames);
            ipAddresses = List.copyOf(ipAddresses);
        }
    }

    private CertificateReport() {}

    /** The certificates of a known cluster; fails when it has no PKI of pgha's (attached, or the seed's stack). */
    public static List<Entry> of(String cluster, Clock clock) {
        ClusterRegistry.checkName(cluster);
        Path dir = ConfigDirs.cluster(cluster).resolve("pki");
        if (!Files.isDirectory(dir)) {
            throw PghaException.notFound("cluster " + cluster + " has no certificates of pgha's (" + dir
                    + "): only a stack made by `pgha up` has its own CA");
        }
        return of(dir, clock);
    }

    static List<Entry> of(Path dir, Clock clock) {
        Instant now = clock.instant();
        return new ClusterPki(dir, "", clock)
                .certificates().stream().map(c -> entry(c, now)).toList();
    }

    static Entry entry(StoredCertificate c, Instant now) {
        Level level = switch (c.expiry(now)) {
            case VALID -> Level.OK;
            case EXPIRES_SOON -> Level.WARNING;
            case EXPIRED -> Level.ERROR;
        };
        return new Entry(
                c.name(),
                c.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                c.subject(),
                c.dnsNames(),
                c.ipAddresses(),
                c.issuer(),
                c.serial().toString(16),
                c.notBefore(),
                c.notAfter(),
                CertificateExpiry.daysLeft(now, c.notAfter()),
                level,
                CertificateExpiry.describe(now, c.notBefore(), c.notAfter()));
    }
}
