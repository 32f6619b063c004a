package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.docker.DockerFaults.Restarts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which containers are the stack's supervisors, and when a crashed one counts as back. */
class SupervisorKilledMidFailoverTest {

    static Stream<Arguments> names() {
        List<String> engine = List.of(
                "pg-0",
                "pg-supervisor",
                "pg-supervisor-2",
                "pg-supervisor-x",
                "hla-a-pg-supervisor",
                "pg-supervisor-backup",
                "hla-a-pg-supervisor-3");
        return Stream.of(
                Arguments.of(
                        "the default stack's, and the second beside it",
                        engine,
                        "pg-supervisor",
                        List.of("pg-supervisor", "pg-supervisor-2")),
                Arguments.of(
                        "a named stack's",
                        engine,
                        "hla-a-pg-supervisor",
                        List.of("hla-a-pg-supervisor", "hla-a-pg-supervisor-3")),
                Arguments.of("none", List.of("pg-0", "pg-router"), "pg-supervisor", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void theStacksSupervisors(String what, List<String> containers, String base, List<String> expected) {
        assertThat(SupervisorKilledMidFailoverFault.supervisors(containers, base))
                .containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> comebacks() {
        Restarts policy = new Restarts("unless-stopped", 3);
        Restarts none = new Restarts("no", 0);
        return Stream.of(
                Arguments.of("restarted by the engine", policy, new Restarts("unless-stopped", 4), "running", true),
                Arguments.of(
                        "restarting, not yet running", policy, new Restarts("unless-stopped", 4), "restarting", false),
                Arguments.of(
                        "running, but started by hand, not by its policy",
                        policy,
                        new Restarts("unless-stopped", 3),
                        "running",
                        false),
                Arguments.of("no policy: started by the heal", none, none, "running", true),
                Arguments.of("no policy, not started yet", none, none, "exited", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comebacks")
    void aCrashedSupervisorIsBack(String what, Restarts before, Restarts now, String state, boolean back) {
        assertThat(SupervisorKilledMidFailoverFault.backUp(before, now, state)).isEqualTo(back);
    }

    @Test
    void onlyAPolicyOtherThanNoRestartsACrash() {
        assertThat(new Restarts("unless-stopped", 0).restartsOnCrash()).isTrue();
        assertThat(new Restarts("always", 0).restartsOnCrash()).isTrue();
        assertThat(new Restarts("on-failure", 0).restartsOnCrash()).isTrue();
        assertThat(new Restarts("no", 0).restartsOnCrash()).isFalse();
    }

    @Test
    void theDescriptionSaysHowItIsKilledAndWhatHealedMeans() {
        assertThat(DrillScenario.SUPERVISOR_KILLED_MID_FAILOVER.description())
                .contains("SIGKILL", "Patroni alone", "leader TTL", "healed when", "restart policy");
    }
}
