package io.pgha.console.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.SpecProblem;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.InlineScheduler;
import io.pgha.console.testing.TestServices;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewClusterViewModelTest {

    private final InlineScheduler scheduler = new InlineScheduler();
    private final TestServices.ScriptedProvisioning provisioning = new TestServices.ScriptedProvisioning();
    private final NewClusterViewModel viewModel =
            new NewClusterViewModel(provisioning, Inline.executors(scheduler), Clock.systemUTC());

    @Test
    void theDefaultSpecIsValidOnceTheRuntimeHasCheckedIt() {
        assertThat(viewModel.checkingProperty().get()).isTrue();
        assertThat(viewModel.validProperty().get()).isFalse();

        scheduler.runDue();

        assertThat(viewModel.validProperty().get()).isTrue();
        assertThat(viewModel.request().postgresNodes()).isEqualTo(3);
        assertThat(viewModel.request().etcdMembers()).isEqualTo(3);
    }

    @Test
    void aBindAddressBeyondLoopbackNeedsPublishOnOtherAddresses() {
        scheduler.runDue();
        viewModel.bindAddressProperty().set("0.0.0.0");

        assertThat(viewModel.bindErrorProperty().get())
                .startsWith("bind address 0.0.0.0 is not this machine's loopback")
                .contains("tick \"Publish on other addresses\"");
        assertThat(viewModel.validProperty().get()).isFalse();

        viewModel.exposeProperty().set(true);
        scheduler.runDue();
        assertThat(viewModel.bindErrorProperty().get()).isEmpty();
        assertThat(viewModel.validProperty().get()).isTrue();
        assertThat(viewModel.request().expose()).isTrue();
        assertThat(viewModel.request().bindAddress()).isEqualTo("0.0.0.0");

        viewModel.exposeProperty().set(false);
        viewModel.bindAddressProperty().set("127.0.0.1");
        scheduler.runDue();
        assertThat(viewModel.bindErrorProperty().get()).isEmpty();
        assertThat(viewModel.validProperty().get()).isTrue();
    }

    @Test
    void namesFollowTheRegistryRule() {
        viewModel.nameProperty().set("Billing DB");

        assertThat(viewModel.nameErrorProperty().get()).startsWith("invalid cluster name 'Billing DB'");
        assertThat(viewModel.validProperty().get()).isFalse();
    }

    @Test
    void nodeCountsAreOneToSevenAndEtcdOneThreeOrFive() {
        viewModel.postgresNodesProperty().set(8);
        assertThat(viewModel.sizeErrorProperty().get()).isEqualTo("PostgreSQL nodes: 1 to 7");

        viewModel.postgresNodesProperty().set(7);
        viewModel.etcdMembersProperty().set(2);
        assertThat(viewModel.sizeErrorProperty().get()).startsWith("etcd members: 1, 3 or 5");

        viewModel.etcdMembersProperty().set(5);
        assertThat(viewModel.sizeErrorProperty().get()).isEmpty();
    }

    @Test
    void patroniTimingMustLeaveTheLeaderKeyTimeToExpire() {
        viewModel.retryTimeoutProperty().set("10");
        assertThat(viewModel.timingErrorProperty().get())
                .isEqualTo(
                        "Patroni needs loop_wait + 2·retry_timeout <= ttl, but 2 + 2·10 = 22 > 20: raise ttl or lower loop_wait or retry_timeout");

        viewModel.ttlProperty().set("15");
        assertThat(viewModel.timingErrorProperty().get())
                .isEqualTo("Patroni ttl 15 is below Patroni's minimum of 20 seconds");

        viewModel.ttlProperty().set("30");
        assertThat(viewModel.timingErrorProperty().get()).isEmpty();
    }

    @Test
    void portsMustBeNumbersInRange() {
        viewModel.writePortProperty().set("50o0");
        assertThat(viewModel.portsErrorProperty().get()).isEqualTo("write port: '50o0' is not a whole number");

        viewModel.writePortProperty().set("70000");
        assertThat(viewModel.portsErrorProperty().get()).isEqualTo("write port 70000 is out of range: use 1-65535");

        viewModel.writePortProperty().set("8009");
        assertThat(viewModel.portsErrorProperty().get())
                .isEqualTo("port 8009 is given to both the router writes and the Patroni REST of pg-1"
                        + ": choose ports that do not overlap");
    }

    @Test
    void whatTheRuntimeFindsShowsOnTheFieldItConcerns() {
        provisioning.problems(List.of(
                new SpecProblem(SpecProblem.PORTS, "port 5000 (router writes) is in use on 127.0.0.1"),
                new SpecProblem(SpecProblem.GENERAL, "the Docker engine is not reachable")));
        viewModel.nameProperty().set("billing");
        scheduler.runDue();

        assertThat(viewModel.portsErrorProperty().get()).isEqualTo("port 5000 (router writes) is in use on 127.0.0.1");
        assertThat(viewModel.generalErrorProperty().get()).isEqualTo("the Docker engine is not reachable");
        assertThat(viewModel.validProperty().get()).isFalse();
    }

    @Test
    void onlyTheLatestEditIsCheckedByTheRuntime() {
        viewModel.nameProperty().set("a");
        viewModel.nameProperty().set("ab");
        provisioning.problems(List.of(new SpecProblem(SpecProblem.NAME, "a cluster named 'ab' already exists")));
        scheduler.runDue();

        assertThat(viewModel.nameErrorProperty().get()).isEqualTo("a cluster named 'ab' already exists");
        assertThat(scheduler.pending()).isZero();
    }
}
