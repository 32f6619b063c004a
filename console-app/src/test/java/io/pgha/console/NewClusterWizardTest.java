package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ProvisioningEvent;
import java.time.Instant;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The wizard: inline validation, then the progress of the (scripted) provisioner, then the new cluster opens. */
class NewClusterWizardTest extends ConsoleUiTest {

    @Test
    void invalidTimingIsExplainedInlineAndBlocksCreating(FxRobot robot) {
        openWizard(robot);
        TextField retry = node(robot, "#wizard-retry-timeout", TextField.class);
        robot.interact(() -> retry.setText("10"));

        until(() -> node(robot, "#wizard-timing-error", Label.class).isVisible());
        assertThat(node(robot, "#wizard-timing-error", Label.class).getText())
                .startsWith("Patroni needs loop_wait + 2·retry_timeout <= ttl, but 2 + 2·10 = 22 > 20");
        assertThat(node(robot, "#wizard-create", Button.class).isDisabled()).isTrue();

        robot.interact(() -> retry.setText("5"));
        until(() -> !node(robot, "#wizard-create", Button.class).isDisabled());
    }

    @Test
    void aBindBeyondLoopbackWaitsForPublishOnOtherAddresses(FxRobot robot) {
        openWizard(robot);
        until(() -> !node(robot, "#wizard-create", Button.class).isDisabled());
        TextField bind = node(robot, "#wizard-bind", TextField.class);
        robot.interact(() -> bind.setText("0.0.0.0"));

        until(() -> node(robot, "#wizard-bind-error", Label.class).isVisible());
        assertThat(node(robot, "#wizard-bind-error", Label.class).getText())
                .contains("reachable from other machines")
                .contains("tick \"Publish on other addresses\"");
        assertThat(node(robot, "#wizard-create", Button.class).isDisabled()).isTrue();

        robot.clickOn("#wizard-expose");
        until(() -> !node(robot, "#wizard-create", Button.class).isDisabled());
        assertThat(node(robot, "#wizard-expose", CheckBox.class).isSelected()).isTrue();
        assertThat(node(robot, "#wizard-bind-error", Label.class).isVisible()).isFalse();
    }

    @Test
    void provisioningShowsEachStepAndOpensTheNewCluster(FxRobot robot) {
        openWizard(robot);
        until(() -> !node(robot, "#wizard-create", Button.class).isDisabled());
        robot.clickOn("#wizard-create");
        until(() -> services.provisioning().started());

        Instant t = Instant.now();
        send(new ProvisioningEvent.StepStarted(t, "etcd", "Starting etcd-1, etcd-2, etcd-3"));
        send(new ProvisioningEvent.Log(t, "etcd", "etcd-1 is healthy"));
        send(new ProvisioningEvent.StepFinished(t.plusSeconds(2), "etcd", true, "quorum"));
        until(() ->
                node(robot, "#provisioning-steps", ListView.class).getItems().size() == 1);
        assertThat(node(robot, "#provisioning-log", ListView.class).getItems())
                .containsExactly("etcd | etcd-1 is healthy");

        services.addCluster("pg-ha");
        send(new ProvisioningEvent.Done(t.plusSeconds(20), "pg-ha"));

        until(() -> node(robot, "#provisioning-message", Label.class).getText().startsWith("pg-ha is up"));
        until(() -> exists(robot, "#cluster-pg-ha") && exists(robot, "#pg-node-pg-0"));
    }

    @Test
    void cancelAsksTheProvisionerToCleanUp(FxRobot robot) {
        openWizard(robot);
        until(() -> !node(robot, "#wizard-create", Button.class).isDisabled());
        robot.clickOn("#wizard-create");
        until(() -> services.provisioning().started());

        robot.clickOn("#wizard-cancel-run");

        until(() -> services.provisioning().cancelled());
        send(new ProvisioningEvent.Cancelled(Instant.now()));
        until(() -> !node(robot, "#wizard-close", Button.class).isDisabled());
    }

    @Test
    void cancelAfterAFailureRemovesWhatTheRunCreated(FxRobot robot) {
        openWizard(robot);
        until(() -> !node(robot, "#wizard-create", Button.class).isDisabled());
        robot.clickOn("#wizard-create");
        until(() -> services.provisioning().started());
        send(new ProvisioningEvent.Failed(Instant.now(), "port 5000 is in use"));
        until(() -> node(robot, "#provisioning-message", Label.class).getText().equals("port 5000 is in use"));
        assertThat(node(robot, "#wizard-cancel-run", Button.class).isDisabled()).isFalse();
        assertThat(services.provisioning().cancelled()).isFalse();

        robot.clickOn("#wizard-cancel-run");

        until(() -> services.provisioning().cancelled());
        send(new ProvisioningEvent.Log(Instant.now(), "cleanup", "removed container pg-ha-etcd-1"));
        send(new ProvisioningEvent.Log(
                Instant.now(), "cleanup", "kept what existed before this run: volume pg-ha_pg-0-data"));
        send(new ProvisioningEvent.Cancelled(Instant.now()));
        until(() -> node(robot, "#provisioning-message", Label.class)
                .getText()
                .startsWith("cancelled; what this run created has been removed"));
        assertThat(node(robot, "#provisioning-log", ListView.class).getItems())
                .contains("cleanup | kept what existed before this run: volume pg-ha_pg-0-data");
        assertThat(node(robot, "#wizard-cancel-run", Button.class).isDisabled()).isTrue();
        assertThat(node(robot, "#wizard-close", Button.class).isDisabled()).isFalse();
    }

    private void openWizard(FxRobot robot) {
        until(() -> !node(robot, "#create-cluster", Button.class).isDisabled());
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        until(() -> exists(robot, "#new-cluster-wizard"));
    }

    private void send(ProvisioningEvent event) {
        services.provisioning().send(event);
    }
}
