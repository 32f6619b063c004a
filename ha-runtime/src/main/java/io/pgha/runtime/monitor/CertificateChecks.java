package io.pgha.runtime.monitor;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.pki.CertificateExpiry;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.pki.StoredCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A health check per certificate of the cluster's own PKI ({@code pki/} of its config directory), the CA's included:
 * PASS while valid, WARN within 30 days of its end, FAIL past it. The files are read again at most once a minute (a
 * rotation shows within one); a cluster without a PKI there (attached, or the seed's) has no such checks.
 */
final class CertificateChecks {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateChecks.class);
    static final Duration REREAD = Duration.ofMinutes(1);

    private final Optional<Path> dir;
    private List<StoredCertificate> stored = List.of(); // guarded by this
    private Instant readAt = Instant.MIN; // guarded by this

    CertificateChecks(Optional<Path> dir) {
        this.dir = dir;
    }

    /** The checks at {@code now}. */
    synchronized List<HealthCheck> at(Instant now) {
        if (dir.isEmpty()) {
            return List.of();
        }
        if (readAt.equals(Instant.MIN) || !now.isBefore(readAt.plus(REREAD)) || now.isBefore(readAt)) {
            stored = read(dir.get());
            readAt = now;
        }
        return checks(stored, now);
    }

    static List<HealthCheck> checks(List<StoredCertificate> certificates, Instant now) {
        return certificates.stream().map(c -> check(c, now)).toList();
    }

    static HealthCheck check(StoredCertificate c, Instant now) {
        HealthCheck.Status status = switch (c.expiry(now)) {
            case VALID -> HealthCheck.Status.PASS;
            case EXPIRES_SOON -> HealthCheck.Status.WARN;
            case EXPIRED -> HealthCheck.Status.FAIL;
        };
        String what = switch (c.kind()) {
            case AUTHORITY -> "the cluster's CA: ";
            case PREVIOUS_AUTHORITY -> "the previous CA (trusted until the CA rotation ends): ";
            case COMPONENT -> "";
        };
        return new HealthCheck(
                HealthCheck.Kind.CERTIFICATE_EXPIRY,
                c.name(),
                status,
                Duration.ZERO,
                now,
                what + CertificateExpiry.describe(now, c.notBefore(), c.notAfter()));
    }

    private static List<StoredCertificate> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try {
            return new ClusterPki(dir, "", Clock.systemUTC()).certificates();
        } catch (PghaException | IllegalArgumentException e) {
            LOG.warn("cannot read the cluster's certificates in {}: {}", dir, e.getMessage());
            return List.of();
        }
    }
}
