package io.pgha.runtime.swarm;

import com.github.dockerjava.api.exception.DockerException;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerErrors;
import java.util.Locale;

/** The one translator of the Swarm adapter: the Swarm's own refusals, then what the Docker adapter knows. */
public final class SwarmErrors {

    private SwarmErrors() {}

    public static PghaException translate(String endpoint, String action, RuntimeException e) {
        if (e instanceof DockerException d && d.getHttpStatus() == 503) {
            String m = String.valueOf(d.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("swarm init") || m.contains("not part of a swarm")) {
                return new PghaException(
                        PghaException.Kind.UNAVAILABLE,
                        action + ": the engine at " + endpoint + " is not in a Swarm; make one (docker swarm init, "
                                + "or scripts/test-hosts.sh up 3 on one machine) and point at a manager",
                        e);
            }
            if (m.contains("not a swarm manager")) {
                return new PghaException(
                        PghaException.Kind.UNAVAILABLE,
                        action + ": the engine at " + endpoint + " is a Swarm worker, not a manager; point at a "
                                + "manager's endpoint (docker node ls there lists the nodes)",
                        e);
            }
            if (m.contains("no leader") || m.contains("rpc error")) {
                return new PghaException(
                        PghaException.Kind.UNAVAILABLE,
                        action + ": the Swarm's managers have no quorum (" + firstLine(d) + "); bring back enough "
                                + "manager hosts, or point at a manager on the majority's side",
                        e);
            }
        }
        return DockerErrors.translate(action + " (Swarm manager " + endpoint + ")", e);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
