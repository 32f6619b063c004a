package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.apply.PlanStep;
import io.pgha.runtime.apply.PlanStep.Kind;
import io.pgha.runtime.stack.StackSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The etcd count of the spec after each etcd step: an even count half-way is no spec, so the spec stays. */
class EtcdStepsTest {

    @ParameterizedTest(name = "{0} members, {1} {2}: {3}")
    @CsvSource({
        "3, ADD_ETCD_MEMBER, etcd-4, 3",
        "3, ADD_ETCD_MEMBER, etcd-5, 5",
        "5, REMOVE_ETCD_MEMBER, etcd-5, 5",
        "5, REMOVE_ETCD_MEMBER, etcd-4, 3",
        "3, REMOVE_ETCD_MEMBER, etcd-2, 1",
        "3, REPLACE_ETCD_MEMBER, etcd-2, 3"
    })
    void countAfter(int before, Kind kind, String target, int after) {
        StackSpec spec = StackSpec.builder().name("s").etcdMembers(before).build();
        assertThat(EtcdSteps.after(spec, new PlanStep(kind, target, "", "")).etcdMembers())
                .isEqualTo(after);
    }
}
