package io.pgha.runtime.model;

import java.util.OptionalLong;

/**
 * One HAProxy server on one listener.
 *
 * @param listener        the HAProxy proxy name: "primary" (write, 5000) or "replicas" (read, 5001)
 * @param server          the server name, equal to the member name
 * @param status          UP, DOWN, MAINT, DRAIN, NOLB or UNKNOWN (transitions such as "UP 1/2" fold into the side they are on)
 * @param checkStatus     HAProxy's last check status (L7OK, L7STS, L4CON, …)
 * @param checkLatencyMs  the last health check's duration
 */
public record RouterBackend(
        String listener,
        String server,
        Status status,
        String checkStatus,
        OptionalLong checkLatencyMs,
        long currentSessions) {

    public enum Status {
        UP,
        DOWN,
        MAINT,
        DRAIN,
        NOLB,
        UNKNOWN
    }

    public static final String WRITE_LISTENER = "primary";
    public static final String READ_LISTENER = "replicas";
}
