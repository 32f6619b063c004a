package io.pgha.runtime.drill;

/**
 * A share of the packets the primary receives dropped at random (iptables' statistic match in its network namespace:
 * netem is missing from some kernels, docs/decisions/0061), held for the fault duration, then removed. Writes ride it
 * out where they are, or on a new leader if Patroni gives up on the old one; either way nothing acknowledged may be
 * lost and no two nodes take writes at once. Healed: the drill's rules are gone from the node's namespace (checked at
 * the heal) and every member streams again.
 */
final class LossyPrimaryFault implements HeldFault {

    static final int DEFAULT_PERCENT = 30;

    private final NetworkFaultCommands commands;

    LossyPrimaryFault() {
        this(DEFAULT_PERCENT);
    }

    LossyPrimaryFault(int percent) {
        this.commands = NetworkFaultCommands.loss(percent);
    }

    NetworkFaultCommands commands() {
        return commands;
    }

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        return NetworkFaultInjection.inject(tools, leader, commands);
    }
}
