package io.pgha.console.ui.common;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.RouterBackend;

/** HAProxy's view of a server in words: its check codes, and which DOWN is by design. */
public final class RouterWords {

    private RouterWords() {}

    /** A check code with its meaning, e.g. "L7STS · answered 'not this role' (HTTP 503)"; HAProxy's pages show only the code. */
    public static String check(String code) {
        String meaning = switch (code == null ? "" : code.strip()) {
            case "" -> "";
            case "L7OK" -> "check passed";
            case "L7OKC" -> "check passed (conditionally)";
            case "L7STS" -> "answered 'not this role' (HTTP 503)";
            case "L7RSP" -> "invalid HTTP answer";
            case "L7TOUT" -> "HTTP check timed out";
            case "L6OK" -> "TLS handshake passed";
            case "L6RSP", "L6TOUT" -> "TLS handshake failed";
            case "L4OK" -> "port open";
            case "L4CON" -> "connection refused";
            case "L4TOUT" -> "connection timed out";
            case "SOCKERR" -> "socket error";
            case "INI" -> "not checked yet";
            default -> "";
        };
        return meaning.isEmpty() ? String.valueOf(code == null ? "" : code) : code + " · " + meaning;
    }

    /** Down by design: a replica on the write listener while there is a primary, the primary on the read listener. */
    public static boolean standby(ClusterSnapshot snapshot, RouterBackend b) {
        boolean leader = snapshot.leader().map(b.server()::equals).orElse(false);
        if (RouterBackend.WRITE_LISTENER.equals(b.listener())) {
            return snapshot.leader().isPresent() && !leader;
        }
        return RouterBackend.READ_LISTENER.equals(b.listener()) && leader;
    }

    /** Why a server is down by design on this listener, for a member's detail. */
    public static String byDesign(RouterBackend b) {
        return RouterBackend.WRITE_LISTENER.equals(b.listener())
                ? "not a write target: only the primary takes writes"
                : "not a read target: reads go to the replicas";
    }
}
