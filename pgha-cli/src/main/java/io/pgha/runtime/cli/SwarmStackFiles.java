package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.SwarmPlacement;
import io.pgha.runtime.stack.SwarmStackRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code pgha export-compose --swarm --out DIR}: the files {@link io.pgha.runtime.usecase.SwarmStackFiles} writes, and
 * how to deploy them by hand (docs/decisions/0028); {@code pgha up --swarm} deploys the same.
 */
final class SwarmStackFiles {

    private SwarmStackFiles() {}

    static int export(StackSpec requested, SwarmPlacement placement, Path out, PrintWriter stdout) {
        if (out == null) {
            throw PghaException.invalidInput("--swarm writes a stack file with its secrets: give --out DIR");
        }
        StackSpec spec = SwarmStackRenderer.swarmSpec(requested);
        Set<String> written = io.pgha.runtime.usecase.SwarmStackFiles.write(
                spec, placement, out, io.pgha.runtime.usecase.SwarmStackFiles.logins(spec), List.of());
        stdout.println("Wrote " + out.resolve(SwarmStackRenderer.STACK_FILE) + " and its secrets ("
                + String.join(", ", written) + ") for a Swarm of " + SwarmStackRenderer.slots(spec) + " node(s).");
        if (placement.hosts().isEmpty()) {
            stdout.println("Label the nodes first: docker node update --label-add " + SwarmPlacement.LABEL
                    + "=N NODE (N = 1.." + SwarmStackRenderer.slots(spec) + ").");
        }
        stdout.println("Deploy it with: cd " + out + " && docker stack deploy -c " + SwarmStackRenderer.STACK_FILE + " "
                + spec.name() + "  (or let pgha do it: pgha up --swarm ENDPOINT)");
        return ExitCodes.OK;
    }
}
