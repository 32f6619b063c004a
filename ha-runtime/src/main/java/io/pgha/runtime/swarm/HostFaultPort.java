package io.pgha.runtime.swarm;

/**
 * The port through which a drill stops, cuts off and asks a whole host of a Swarm (docs/decisions/0045). A host is
 * named by its Swarm node's hostname. Swarm itself can do none of it (it cannot fence, docs/decisions/0042): the one
 * implementation today is {@link TestHostFaults}, for the test hosts of scripts/test-hosts.sh on this machine's engine;
 * real hosts would need a fence or power hook.
 */
public interface HostFaultPort extends AutoCloseable {

    /** Every process of the host gone at once (its engine killed, as a power cut). */
    void stop(String node);

    /** The stopped host started again, with the address it advertised. */
    void start(String node);

    /** The host cut off from the others, alive. */
    void cut(String node);

    /** The cut-off host connected again, with the address it advertised. */
    void reconnect(String node);

    /**
     * Whether the stack's {@code service} task on {@code node} accepts writes, asked inside its container over the local
     * socket through the host's own engine (which answers while the host is cut off from the others).
     */
    HostRole role(String node, String stack, String service, String superuser);

    /** What the drill's confirmation names: how the host is stopped and cut here. */
    String describe(String node);

    @Override
    void close();
}
