package io.pgha.runtime.pki;

import java.time.Duration;
import java.time.Instant;

/**
 * How close a certificate is to its end, for the health view and {@code pgha certs status}: fine, within
 * {@link CertificateStatus#RENEW_BEFORE} (30 days) of it, or past it (or not valid yet).
 */
public enum CertificateExpiry {
    VALID,
    EXPIRES_SOON,
    EXPIRED;

    /** The level of a certificate valid from {@code notBefore} to {@code notAfter}, at {@code now}. */
    public static CertificateExpiry at(Instant now, Instant notBefore, Instant notAfter) {
        if (!now.isBefore(notAfter) || now.isBefore(notBefore)) {
            return EXPIRED;
        }
        return Duration.between(now, notAfter).compareTo(CertificateStatus.RENEW_BEFORE) < 0 ? EXPIRES_SOON : VALID;
    }

    /** Whole days left (0 on its last day, negative once expired). */
    public static long daysLeft(Instant now, Instant notAfter) {
        return Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
    }

    /** One sentence: how long the certificate has left, and what to do about it. */
    public static String describe(Instant now, Instant notBefore, Instant notAfter) {
        long days = daysLeft(now, notAfter);
        return switch (at(now, notBefore, notAfter)) {
            case VALID -> "valid until " + notAfter + " (" + days + " days left)";
            case EXPIRES_SOON -> "expires " + notAfter + ", in " + days + " days: run `pgha certs rotate`";
            case EXPIRED ->
                now.isBefore(notBefore)
                        ? "not valid before " + notBefore + " (check this machine's clock)"
                        : "expired " + notAfter + ": clients refuse it; run `pgha certs rotate`";
        };
    }
}
