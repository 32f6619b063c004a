package io.pgha.runtime.drill;

/**
 * The primary can send but receives nothing (iptables drops every packet that reaches its network namespace but
 * loopback's; established connections included), held until another member takes writes, at least the fault duration:
 * its etcd lease cannot be renewed, so Patroni demotes it and the supervisor then deletes its key (docs/decisions/0073-fence-a-demoted-holder;
 * without a supervisor the key expires with the TTL). Like partition-primary: nothing
 * acknowledged may be lost and the isolated primary, asked over its local socket, must not take writes while another
 * does. Healed: the drill's rules are gone from the node's namespace (checked at the heal) and the old primary streams
 * from the new one.
 */
final class AsymmetricPartitionFault implements DrillFault {

    private final NetworkFaultCommands commands = NetworkFaultCommands.receiveNothing();

    NetworkFaultCommands commands() {
        return commands;
    }

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        return NetworkFaultInjection.inject(tools, leader, commands);
    }

    @Override
    public boolean lasting() {
        return true;
    }

    @Override
    public RecoveredWhen recoveredWhen() {
        return RecoveredWhen.NEW_LEADER_TAKES_WRITES;
    }
}
