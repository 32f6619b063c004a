package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.SynchronousMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec a plan starts from takes its synchronous settings from the DCS, where an apply may have changed them. */
class StackMembersSynchronousTest {

    private static final StackSpec LABELLED = StackSpec.builder().name("sync").build();

    @Test
    void theDcsValuesWinOverTheLabels() {
        StackSpec now = StackMembers.withSynchronousOf(
                LABELLED, Map.of("synchronous_mode", "true", "synchronous_node_count", 2));
        assertThat(now.patroni().synchronousMode()).isEqualTo(SynchronousMode.ON);
        assertThat(now.patroni().synchronousNodeCount()).isEqualTo(2);
        assertThat(now.patroni().ttl()).isEqualTo(LABELLED.patroni().ttl());
    }

    @Test
    void booleansAndNumbersAsTextAreRead() {
        StackSpec now = StackMembers.withSynchronousOf(
                LABELLED, Map.of("synchronous_mode", false, "synchronous_node_count", "3"));
        assertThat(now.patroni().synchronousMode()).isEqualTo(SynchronousMode.OFF);
        assertThat(now.patroni().synchronousNodeCount()).isEqualTo(3);
    }

    @Test
    void whatTheDcsDoesNotSayStaysAsLabelled() {
        assertThat(StackMembers.withSynchronousOf(LABELLED, Map.of()).patroni()).isEqualTo(LABELLED.patroni());
    }
}
