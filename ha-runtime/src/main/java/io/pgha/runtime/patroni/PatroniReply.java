package io.pgha.runtime.patroni;

/**
 * Patroni's answer to an unsafe call: its status code and its message (Patroni answers these with a
 * sentence, e.g. "Successfully switched over to \"pg-1\"", or with JSON for PATCH /config).
 */
public record PatroniReply(int status, String body) {

    public boolean ok() {
        return status / 100 == 2;
    }

    /** The first line of the body, short enough for one line of output. */
    public String message() {
        String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
