package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.stack.StackImages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Two faults close together (issue 22): every supervisor of the stack crashes (SIGKILL to its process, not {@code docker
 * kill}, so that the engine's restart policy applies as it would to a real crash), then at once the primary's container
 * is killed. No supervisor can fence the dead primary, so Patroni alone must elect a new leader, within its leader TTL,
 * while the supervisors come back in the middle of that failover. Killed in that order, the supervisor never sees the
 * primary die; killed together, whether it fenced first would be a race. Healed: the primary started again and streaming,
 * and every crashed supervisor running again: restarted by the engine where its restart policy says so (its restart count
 * went up), started by the heal where it has none.
 */
final class SupervisorKilledMidFailoverFault implements HandoverFault {

    private final Map<String, DockerFaults.Restarts> before = new LinkedHashMap<>();

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        DockerFaults docker = tools.docker();
        String primary = tools.target().containerOf(leader);
        List<String> supervisors = supervisors(
                        docker.containerNames(), tools.target().supervisorContainer())
                .stream()
                .filter(s -> "running".equals(docker.state(s)))
                .toList();
        if (supervisors.isEmpty()) {
            throw PghaException.invalidInput("no supervisor runs in "
                    + tools.target().scope() + " (looked for "
                    + tools.target().supervisorContainer() + "): the supervisor-killed-mid-failover drill needs one"
                    + " (a stack made with --no-supervisor has none)");
        }
        if (!docker.hasImage(StackImages.NET_FAULT)) {
            throw PghaException.notFound(
                    "the supervisor-killed-mid-failover drill crashes the supervisor from the image "
                            + StackImages.NET_FAULT + ", which this Docker engine does not have: build it with"
                            + " stack/images/build-local.sh (pgha up builds it with the other local images)");
        }
        supervisors.forEach(s -> before.put(s, docker.restarts(s)));
        for (String s : supervisors) {
            docker.crash(s, StackImages.NET_FAULT);
        }
        docker.kill(primary);
        List<String> without = supervisors.stream()
                .filter(s -> !before.get(s).restartsOnCrash())
                .toList();
        InjectedFault injected = InjectedFault.healedBy(() -> {
                    docker.start(primary);
                    for (String s : supervisors) {
                        // the engine restarts one with a policy by itself; one it did not is started, and not healed
                        String state = docker.state(s);
                        if (!"running".equals(state) && !"restarting".equals(state)) {
                            docker.start(s);
                        }
                    }
                })
                .withNote("crashed the supervisor" + (supervisors.size() > 1 ? "s " : " ")
                        + String.join(", ", supervisors)
                        + " (SIGKILL to the process, which the restart policy answers), then killed the primary "
                        + leader + ": no supervisor sees its death; one that leads again fences it (ADR 71),"
                        + " or Patroni's TTL ends its leadership");
        if (!without.isEmpty()) {
            injected = injected.withNote(
                    String.join(", ", without) + " without a restart policy: started by the drill at the heal");
        }
        return injected;
    }

    /** Every crashed supervisor runs again; those with a restart policy were restarted by the engine. */
    @Override
    public boolean healed(FaultTools tools) {
        try {
            return before.entrySet().stream()
                    .allMatch(e -> backUp(
                            e.getValue(),
                            tools.docker().restarts(e.getKey()),
                            tools.docker().state(e.getKey())));
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Whether a supervisor crashed with restart state {@code before} counts as back (the heal starts one without a policy). */
    static boolean backUp(DockerFaults.Restarts before, DockerFaults.Restarts now, String state) {
        return "running".equals(state) && (!before.restartsOnCrash() || now.count() > before.count());
    }

    /** The stack's supervisors among the engine's containers: {@code base} and {@code base-N} (a second one, ADR 35). */
    static List<String> supervisors(List<String> containers, String base) {
        Pattern name = Pattern.compile(Pattern.quote(base) + "(-[0-9]+)?");
        List<String> found = new ArrayList<>();
        containers.stream().filter(c -> name.matcher(c).matches()).sorted().forEach(found::add);
        return found;
    }
}
