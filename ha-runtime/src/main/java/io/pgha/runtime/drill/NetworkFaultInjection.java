package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.NetworkSidecar;
import io.pgha.runtime.stack.StackImages;
import java.time.Duration;

/**
 * Puts a {@link NetworkFaultCommands} fault in a node's network namespace from a sidecar container (image
 * {@link StackImages#NET_FAULT}, NET_ADMIN for the sidecar only) that holds it, and heals it: the sidecar stopped (its
 * command undoes the fault on SIGTERM), then the fault undone again and checked gone, from a new sidecar when the first
 * one could not answer. The node is asked over its local socket whether it takes writes meanwhile, as in
 * partition-primary: the watcher on the network may not reach it.
 */
final class NetworkFaultInjection {

    /** The longest a fault outlives a drill that died without healing it: the holder undoes it then. */
    static final Duration DEAD_MAN = Duration.ofMinutes(15);

    static final String APPLIED = "pgha-net-fault-applied";
    static final String HEALED = "pgha-net-fault-healed";

    private static final Duration EXEC_LIMIT = Duration.ofSeconds(15);

    private NetworkFaultInjection() {}

    static InjectedFault inject(FaultTools tools, String member, NetworkFaultCommands commands) {
        String image = StackImages.NET_FAULT;
        if (!tools.docker().hasImage(image)) {
            throw PghaException.notFound("the network drills run iptables and tc from the image " + image
                    + ", which this Docker engine does not have: build it with stack/images/build-local.sh"
                    + " (pgha up builds it with the other local images)");
        }
        String container = tools.target().containerOf(member);
        String name = "pgha-drill-net-" + container;
        NetworkSidecar holder = tools.docker().networkSidecar(image, name, container, commands.holder(DEAD_MAN));
        String out;
        try {
            out = tools.docker().exec(holder.name(), EXEC_LIMIT, "sh", "-c", commands.apply() + "\necho " + APPLIED);
        } catch (RuntimeException e) {
            holder.close();
            throw e;
        }
        if (!out.contains(APPLIED)) {
            holder.close();
            throw PghaException.unavailable("could not put the fault in " + container + "'s network namespace ("
                    + commands.mechanism() + "): " + out.strip());
        }
        return InjectedFault.healedBy(() -> heal(tools, holder, container, name + "-heal", commands))
                .watchedBy(PartitionPrimaryFault.probeFromInside(tools, member))
                .withNote(commands.mechanism() + ", in " + container + "'s network namespace");
    }

    private static void heal(
            FaultTools tools, NetworkSidecar holder, String container, String again, NetworkFaultCommands commands) {
        boolean interrupted = Thread.interrupted(); // a cancelled drill heals too: the engine calls must not see it
        try {
            String out = "";
            try {
                out = healIn(tools, holder.name(), commands);
            } catch (PghaException gone) {
                // the holder is gone (its time ran out) or the engine did not answer: checked from a new sidecar below
            } finally {
                holder.close();
            }
            if (!out.contains(HEALED)) {
                try (NetworkSidecar check = tools.docker()
                        .networkSidecar(StackImages.NET_FAULT, again, container, commands.holder(EXEC_LIMIT))) {
                    out = healIn(tools, check.name(), commands);
                }
            }
            if (!out.contains(HEALED)) {
                throw PghaException.unavailable("the fault is still in " + container + "'s network namespace ("
                        + commands.mechanism() + "): " + out.strip());
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String healIn(FaultTools tools, String sidecar, NetworkFaultCommands commands) {
        return tools.docker()
                .exec(
                        sidecar,
                        EXEC_LIMIT,
                        "sh",
                        "-c",
                        commands.heal() + "\n" + commands.healed() + " && echo " + HEALED);
    }
}
