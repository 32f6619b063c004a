package io.pgha.runtime.drill;

import java.time.Duration;

/**
 * What the primary sends held to a low rate with bounded queueing (a tc tbf qdisc on its interfaces, in its network
 * namespace: netem is missing from some kernels, docs/decisions/0061), held for the fault duration, then removed: the
 * WAL stream, Patroni's etcd traffic and the answers to clients all squeeze through it. Nothing acknowledged may be
 * lost, no two nodes take writes at once. Healed: no tbf qdisc left in the node's namespace (checked at the heal) and
 * every member streams again.
 */
final class SlowPrimaryFault implements HeldFault {

    static final String DEFAULT_RATE = "1mbit";
    static final String DEFAULT_BURST = "32kbit";
    static final Duration DEFAULT_LATENCY = Duration.ofMillis(400);

    private final NetworkFaultCommands commands;

    SlowPrimaryFault() {
        this(DEFAULT_RATE, DEFAULT_BURST, DEFAULT_LATENCY);
    }

    SlowPrimaryFault(String rate, String burst, Duration latency) {
        this.commands = NetworkFaultCommands.slowness(rate, burst, latency);
    }

    NetworkFaultCommands commands() {
        return commands;
    }

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        return NetworkFaultInjection.inject(tools, leader, commands);
    }
}
