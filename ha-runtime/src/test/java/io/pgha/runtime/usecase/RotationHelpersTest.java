package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which certificate is a member's, and how openssl's answer about the served certificates is read. */
class RotationHelpersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "none",
            value = {"pg-0, pg-0", "shop-pg-1, pg-1", "shop-pg-10, none", "pg-7, none", "x, none"})
    void aMembersCertificate(String member, String expected) {
        assertThat(NodeFiles.certificateFor(member, List.of("pg-0", "pg-1", "pg-2")))
                .isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "serial=0A1B\\nserial=0A1B | true",
                "serial=A1B\\nserial=0a1b  | true",
                "serial=0A1B\\nserial=FFFF | false",
                "serial=0A1B\\nserial=none | false",
                "serial=0A1B               | false",
                "                          | false"
            })
    void bothPortsMustServeTheNewSerial(String answer, boolean expected) {
        String text = answer == null ? "" : answer.replace("\\n", "\n");
        assertThat(ServedSerials.allEqual(text, new BigInteger("a1b", 16), 2)).isEqualTo(expected);
    }
}
