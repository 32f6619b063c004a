package io.pgha.runtime.usecase;

import java.math.BigInteger;
import java.util.List;

/**
 * Which certificates a node serves, asked inside its container with openssl: on Patroni's REST API (8008) and on
 * PostgreSQL (5432, after its STARTTLS-like SSLRequest), one {@code serial=HEX} line each.
 */
final class ServedSerials {

    static final String COMMAND = "for a in '-connect 127.0.0.1:8008' '-starttls postgres -connect 127.0.0.1:5432'; do"
            + " openssl s_client $a </dev/null 2>/dev/null | openssl x509 -noout -serial || echo serial=none; done";

    private ServedSerials() {}

    /** The serials in openssl's answer, in order ({@code null} for a port that served none). */
    static List<BigInteger> parse(String answer) {
        return answer.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("serial="))
                .map(l -> l.substring("serial=".length()))
                .map(hex -> hex.matches("[0-9A-Fa-f]+") ? new BigInteger(hex, 16) : null)
                .toList();
    }

    /** Whether the answer names {@code count} serials, all equal to {@code serial}. */
    static boolean allEqual(String answer, BigInteger serial, int count) {
        List<BigInteger> serials = parse(answer);
        return serials.size() == count && serials.stream().allMatch(serial::equals);
    }
}
