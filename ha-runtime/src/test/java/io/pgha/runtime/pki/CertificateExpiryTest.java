package io.pgha.runtime.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expiry classification of the health view and `pgha certs status`: 30 days is the line, the end is the end. */
class CertificateExpiryTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant ISSUED = NOW.minus(Duration.ofDays(300));

    @ParameterizedTest(name = "{0} left -> {1}, {2} days")
    @CsvSource({
        "P365D,       VALID,        365",
        "P30D,        VALID,        30",
        "PT720H1S,    VALID,        30",
        "PT719H59M,   EXPIRES_SOON, 29",
        "P29D,        EXPIRES_SOON, 29",
        "P1D,         EXPIRES_SOON, 1",
        "PT1H,        EXPIRES_SOON, 0",
        "PT1S,        EXPIRES_SOON, 0",
        "PT0S,        EXPIRED,      0",
        "-PT1S,       EXPIRED,      -1",
        "-P1D,        EXPIRED,      -1",
        "-PT25H,      EXPIRED,      -2",
        "-PT23H,      EXPIRED,      -1",
    })
    void classifiesByTimeLeft(String left, CertificateExpiry expected, long days) {
        Instant notAfter = NOW.plus(Duration.parse(left));
        assertThat(CertificateExpiry.at(NOW, ISSUED, notAfter)).isEqualTo(expected);
        assertThat(CertificateExpiry.daysLeft(NOW, notAfter)).isEqualTo(days);
    }

    @ParameterizedTest(name = "not valid before now+{0}")
    @CsvSource({"PT1S", "P1D"})
    void aCertificateNotValidYetIsAnError(String ahead) {
        Instant notBefore = NOW.plus(Duration.parse(ahead));
        assertThat(CertificateExpiry.at(NOW, notBefore, NOW.plus(Duration.ofDays(365))))
                .isEqualTo(CertificateExpiry.EXPIRED);
        assertThat(CertificateExpiry.describe(NOW, notBefore, NOW.plus(Duration.ofDays(365))))
                .contains("not valid before");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "P200D | valid until",
                "P10D  | in 10 days: run `pgha certs rotate`",
                "-P3D  | expired 2026-12-01T12:00:00Z: clients refuse it; run `pgha certs rotate`"
            })
    void saysWhatToDo(String left, String expected) {
        assertThat(CertificateExpiry.describe(NOW, ISSUED, NOW.plus(Duration.parse(left))))
                .contains(expected);
    }
}
