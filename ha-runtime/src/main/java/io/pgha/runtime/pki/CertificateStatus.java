package io.pgha.runtime.pki;

import java.time.Duration;
import java.time.Instant;

/** When one of a cluster's certificates expires, for the health view and `pgha certs`. */
public record CertificateStatus(String name, Instant notAfter, Duration left) {

    /** Within this of its end a certificate is renewed by `pgha up` and shown as a warning. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    public boolean expiresSoon() {
        return left.compareTo(RENEW_BEFORE) < 0;
    }
}
