package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a new stack may publish its ports. A loopback address (127.0.0.0/8, ::1) is always allowed; any other
 * address makes PostgreSQL, Patroni's REST API, etcd, the exporters and HAProxy's stats page reachable from other
 * machines, so it is allowed only when the user asked for it explicitly ({@code pgha up --expose}, the wizard's
 * "Publish on other addresses"). Asking permits that address and nothing else: the spec is not changed by it.
 * Both front ends check through here. Pure functions.
 */
public final class PublishedAddress {

    private static final Pattern DOTTED = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private PublishedAddress() {}

    /** Whether the address is this machine's loopback; anything that is not an IP literal is not. */
    public static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.strip();
        if (!DOTTED.matcher(a).matches() && !a.contains(":")) {
            return false; // never a host name: no DNS lookup here
        }
        try {
            return InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Why publishing on {@code address} is refused, or empty when it is allowed.
     *
     * @param exposeAsked whether the user asked explicitly to publish on other addresses
     * @param howToAsk    how this front end asks, e.g. "add --expose"
     */
    public static Optional<String> refusal(String address, boolean exposeAsked, String howToAsk) {
        if (exposeAsked || isLoopback(address)) {
            return Optional.empty();
        }
        return Optional.of("bind address " + address + " is not this machine's loopback: PostgreSQL, Patroni's REST"
                + " API, etcd, the exporters and the router's stats page would be reachable from other machines."
                + " Use 127.0.0.1 (the default), or " + howToAsk + " to publish on " + address + " on purpose");
    }

    /** Refuses ({@link PghaException.Kind#REFUSED}) a spec published beyond loopback that the user did not ask for. */
    public static void check(StackSpec spec, boolean exposeAsked, String howToAsk) {
        Optional<String> refusal = refusal(spec.bindAddress(), exposeAsked, howToAsk);
        if (refusal.isPresent()) {
            throw PghaException.refused(refusal.get());
        }
    }
}
