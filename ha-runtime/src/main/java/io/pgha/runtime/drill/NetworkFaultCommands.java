package io.pgha.runtime.drill;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a network fault runs in the faulty node's network namespace, as sh scripts: {@code apply} puts it in place after
 * undoing any leftover, and stops at the first error; {@code heal} undoes whatever is left of it and never fails;
 * {@code healed} succeeds only when nothing of it is left. Without netem, which some kernels lack
 * (docs/decisions/0061): loss and a dead inbound direction are iptables rules in a chain of their own, hooked first into
 * INPUT with loopback let through; slowness is a tbf qdisc on every interface but loopback.
 *
 * @param mechanism how the fault is made, in words, for the drill's result
 */
record NetworkFaultCommands(String apply, String heal, String healed, String mechanism) {

    /** The iptables chain of the drill's rules: removing it removes all of them. */
    static final String CHAIN = "PGHA-DRILL";

    private static final Pattern RATE = Pattern.compile("[1-9][0-9]*(bit|kbit|mbit|gbit)");

    private static final String EVERY_INTERFACE_BUT_LOOPBACK =
            "for dev in $(ls /sys/class/net); do [ \"$dev\" = lo ] || ";

    /** {@code percent} of the packets the node receives dropped at random, on every interface but loopback. */
    static NetworkFaultCommands loss(int percent) {
        if (percent < 1 || percent > 99) {
            throw new IllegalArgumentException("loss must be 1..99 %, not " + percent);
        }
        String probability = String.format(Locale.ROOT, "%.2f", percent / 100.0);
        return chain(
                "-m statistic --mode random --probability " + probability + " -j DROP",
                "iptables statistic match: " + percent + " % of the packets the node receives dropped at random"
                        + " (netem is not used)");
    }

    /** Nothing reaches the node but its own loopback traffic; what it sends still leaves. */
    static NetworkFaultCommands receiveNothing() {
        return chain(
                "-j DROP",
                "iptables: every packet the node receives dropped, loopback excepted; what it sends still leaves");
    }

    /** What the node sends held to {@code rate} with at most {@code latency} of queueing (tbf), every interface but lo. */
    static NetworkFaultCommands slowness(String rate, String burst, Duration latency) {
        if (!RATE.matcher(rate).matches() || !RATE.matcher(burst).matches()) {
            throw new IllegalArgumentException(
                    "rate and burst are tc sizes such as 1mbit or 32kbit: " + rate + ", " + burst);
        }
        if (latency.toMillis() < 1) {
            throw new IllegalArgumentException("latency must be at least 1 ms");
        }
        String tbf = "tbf rate " + rate + " burst " + burst + " latency " + latency.toMillis() + "ms";
        String heal = EVERY_INTERFACE_BUT_LOOPBACK
                + "{ tc qdisc show dev \"$dev\" root | grep -q '^qdisc tbf' && tc qdisc del dev \"$dev\" root; }; done; true";
        return new NetworkFaultCommands(
                heal + "\nset -e\n" + EVERY_INTERFACE_BUT_LOOPBACK + "tc qdisc replace dev \"$dev\" root " + tbf
                        + "; done",
                heal,
                "! tc qdisc show | grep -q '^qdisc tbf'",
                "tc " + tbf + " on what the node sends (netem is not used)");
    }

    private static NetworkFaultCommands chain(String rule, String mechanism) {
        String heal = "while iptables -w -D INPUT -j " + CHAIN + " 2>/dev/null; do :; done; " + "iptables -w -F "
                + CHAIN + " 2>/dev/null; iptables -w -X " + CHAIN + " 2>/dev/null; true";
        String apply = String.join(
                "\n",
                heal,
                "set -e",
                "iptables -w -N " + CHAIN,
                "iptables -w -A " + CHAIN + " -i lo -j RETURN",
                "iptables -w -A " + CHAIN + " " + rule,
                "iptables -w -I INPUT 1 -j " + CHAIN);
        return new NetworkFaultCommands(apply, heal, "! iptables -w -S " + CHAIN + " >/dev/null 2>&1", mechanism);
    }

    /**
     * The command of the container that holds the fault: it waits, and undoes the fault when it is stopped (SIGTERM)
     * or when {@code deadline} is up, so a drill that dies leaves no fault behind for longer than that.
     */
    List<String> holder(Duration deadline) {
        return List.of(
                "sh",
                "-c",
                "heal() { " + heal + "; }\ntrap 'heal; exit 0' TERM INT\nsleep " + deadline.toSeconds()
                        + " & wait $!\nheal");
    }
}
