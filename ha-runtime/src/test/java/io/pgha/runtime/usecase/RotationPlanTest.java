package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.usecase.RotationPlan.Action;
import io.pgha.runtime.usecase.RotationPlan.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The roll's order: replicas one by one in name order, the leader last; with a new CA, trust both first and one last. */
class RotationPlanTest {

    @ParameterizedTest(name = "{0} led by {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "pg-0,pg-1,pg-2 | pg-0 | pg-1,pg-2,pg-0",
                "pg-0,pg-1,pg-2 | pg-1 | pg-0,pg-2,pg-1",
                "pg-0,pg-1,pg-2 | pg-2 | pg-0,pg-1,pg-2",
                "pg-2,pg-0,pg-1 | pg-0 | pg-1,pg-2,pg-0",
                "pg-0           | pg-0 | pg-0",
                "shop-pg-1,shop-pg-0 | shop-pg-0 | shop-pg-1,shop-pg-0",
                "pg-0,pg-1,pg-2,pg-3,pg-4 | pg-3 | pg-0,pg-1,pg-2,pg-4,pg-3"
            })
    void replicasFirstTheLeaderLast(String members, String leader, String expected) {
        RotationPlan plan = RotationPlan.of(list(members), Optional.of(leader), false, true, true);

        assertThat(plan.nodeOrder()).containsExactlyElementsOf(list(expected));
        assertThat(plan.steps()).allMatch(s -> s.action() == Action.ROTATE_NODE);
        assertThat(plan.summary()).contains("the leader last (" + expected.replace(",", ", ") + ")");
    }

    @ParameterizedTest(name = "router {0}, supervisor {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "true  | true  | TRUST_BOTH_AUTHORITIES,RELOAD_ROUTER,RESTART_SUPERVISOR,ROTATE_NODE,ROTATE_NODE,ROTATE_NODE,TRUST_NEW_AUTHORITY_ONLY,RELOAD_ROUTER",
                "false | true  | TRUST_BOTH_AUTHORITIES,RESTART_SUPERVISOR,ROTATE_NODE,ROTATE_NODE,ROTATE_NODE,TRUST_NEW_AUTHORITY_ONLY",
                "true  | false | TRUST_BOTH_AUTHORITIES,RELOAD_ROUTER,ROTATE_NODE,ROTATE_NODE,ROTATE_NODE,TRUST_NEW_AUTHORITY_ONLY,RELOAD_ROUTER",
                "false | false | TRUST_BOTH_AUTHORITIES,ROTATE_NODE,ROTATE_NODE,ROTATE_NODE,TRUST_NEW_AUTHORITY_ONLY"
            })
    void aNewAuthorityIsTrustedEverywhereBeforeANodeServesItAndAloneAfterTheLast(
            boolean router, boolean supervisor, String expected) {
        RotationPlan plan = RotationPlan.of(list("pg-0,pg-1,pg-2"), Optional.of("pg-1"), true, router, supervisor);

        assertThat(plan.steps().stream().map(Step::action).map(Enum::name).toList())
                .containsExactlyElementsOf(list(expected));
        assertThat(plan.nodeOrder()).containsExactly("pg-0", "pg-2", "pg-1");
        assertThat(plan.summary()).startsWith("rotate the CA and the node certificates");
    }

    @org.junit.jupiter.api.Test
    void etcdsMembersRestartWithTheBundleThenTakeNewCertificatesThenForgetThePreviousCa() {
        List<String> etcd = list("etcd-1,etcd-2,etcd-3");
        RotationPlan plan = RotationPlan.of(list("pg-0,pg-1,pg-2"), Optional.of("pg-1"), true, true, true, etcd);

        assertThat(plan.steps().stream()
                        .map(s -> s.action().name() + (s.target().startsWith("etcd") ? " " + s.target() : ""))
                        .toList())
                .containsExactly(
                        "TRUST_BOTH_AUTHORITIES",
                        "RELOAD_ROUTER",
                        "RESTART_SUPERVISOR",
                        "RESTART_ETCD_MEMBER etcd-1",
                        "RESTART_ETCD_MEMBER etcd-2",
                        "RESTART_ETCD_MEMBER etcd-3",
                        "ROTATE_ETCD_MEMBER etcd-1",
                        "ROTATE_ETCD_MEMBER etcd-2",
                        "ROTATE_ETCD_MEMBER etcd-3",
                        "ROTATE_NODE",
                        "ROTATE_NODE",
                        "ROTATE_NODE",
                        "TRUST_NEW_AUTHORITY_ONLY",
                        "RESTART_ETCD_MEMBER etcd-1",
                        "RESTART_ETCD_MEMBER etcd-2",
                        "RESTART_ETCD_MEMBER etcd-3",
                        "RELOAD_ROUTER");
        assertThat(plan.etcdOrder()).containsExactlyElementsOf(etcd);
        assertThat(plan.summary()).contains("etcd's 3 members (etcd-1, etcd-2, etcd-3) restarted one at a time");
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.describe()).isNotBlank());
    }

    @org.junit.jupiter.api.Test
    void withoutANewCaEtcdsMembersAreRenewedInPlaceThenTheNodes() {
        RotationPlan plan = RotationPlan.of(
                list("pg-0,pg-1,pg-2"), Optional.of("pg-1"), false, true, true, list("etcd-1,etcd-2,etcd-3"));

        assertThat(plan.steps())
                .extracting(s -> s.action().name() + " " + s.target())
                .containsExactly(
                        "RENEW_ETCD_MEMBER etcd-1",
                        "RENEW_ETCD_MEMBER etcd-2",
                        "RENEW_ETCD_MEMBER etcd-3",
                        "ROTATE_NODE pg-0",
                        "ROTATE_NODE pg-2",
                        "ROTATE_NODE pg-1");
        assertThat(plan.etcdOrder()).containsExactly("etcd-1", "etcd-2", "etcd-3");
        assertThat(plan.summary()).contains("renewed one at a time without a restart");
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.describe()).isNotBlank());
    }

    @ParameterizedTest(name = "leader {0}")
    @CsvSource(
            nullValues = "none",
            value = {"none", "pg-9"})
    void refusedWithoutALeaderAmongTheMembers(String leader) {
        assertThatThrownBy(() -> RotationPlan.of(list("pg-0,pg-1"), Optional.ofNullable(leader), false, true, true))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("no leader");
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).toList();
    }
}
