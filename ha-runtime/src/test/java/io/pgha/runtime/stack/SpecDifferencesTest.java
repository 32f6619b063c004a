package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecDifferencesTest {

    @Test
    void namesEachChangedKey() {
        StackSpec a = StackSpec.defaults();
        StackSpec b = a.toBuilder()
                .nodes(5)
                .patroni(new PatroniTuning(30, 2, 5, SynchronousMode.OFF, 1, 1_048_576, 10))
                .postgresParameter("work_mem", "8MB")
                .build();
        assertThat(SpecDifferences.between(a, b))
                .containsExactly(
                        "nodes: 3 -> 5",
                        "patroni.ttl: 20 -> 30",
                        "patroni.synchronous_mode: quorum -> off",
                        "postgresql.parameters.work_mem: (none) -> 8MB");
        assertThat(SpecDifferences.between(a, a)).isEmpty();
    }
}
