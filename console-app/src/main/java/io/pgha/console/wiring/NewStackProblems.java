package io.pgha.console.wiring;

import io.pgha.console.service.SpecProblem;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.stack.StackSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What this machine says against a new stack's spec, for Create and for a restore into a new cluster: a name pgha
 * knows already, a published port in use. Each caller says what the user should do about either.
 */
final class NewStackProblems {

    private NewStackProblems() {}

    /**
     * @param nameAdvice what follows "a cluster named 'NAME' " in the message
     * @param portAdvice what follows "port P (what) is in use on ADDRESS: " in the message
     */
    static List<SpecProblem> of(
            ClusterRegistry registry,
            StackSpec spec,
            DockerStackProvisioning.PortProbe ports,
            String nameAdvice,
            String portAdvice) {
        List<SpecProblem> problems = new ArrayList<>();
        if (registry.find(spec.name()).isPresent()) {
            problems.add(new SpecProblem(SpecProblem.NAME, "a cluster named '" + spec.name() + "' " + nameAdvice));
        }
        spec.publishedPorts().forEach((port, what) -> {
            if (!ports.bindable(spec.bindAddress(), port)) {
                problems.add(new SpecProblem(
                        SpecProblem.PORTS,
                        "port " + port + " (" + what + ") is in use on " + spec.bindAddress() + ": " + portAdvice));
            }
        });
        return problems;
    }
}
