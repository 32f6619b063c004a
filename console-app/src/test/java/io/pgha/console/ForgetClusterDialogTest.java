package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.TestServices;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Forget says what it deletes, keeps the stored passwords unless asked, and warns before deleting a running one's. */
class ForgetClusterDialogTest extends ConsoleUiTest {

    private StackCredentials stored;

    @Override
    protected void prepare(TestServices services) {
        services.addCluster("demo");
        stored = StackCredentials.generate("postgres", "replicator", "admin");
        new CredentialStore(configDir).save("demo", stored);
    }

    @Test
    void forgetKeepsThePasswordsByDefault(FxRobot robot) {
        openForget(robot);
        assertThat(node(robot, "#forget-what", Label.class).getText())
                .isEqualTo("Deletes cluster.json; keeps credentials.json. The cluster itself keeps running.");
        assertThat(node(robot, "#forget-delete-passwords", CheckBox.class).isSelected())
                .isFalse();
        assertThat(node(robot, "#forget-warning", Label.class).isVisible()).isFalse();

        robot.clickOn("#forget-confirm");

        until(() -> !exists(robot, "#cluster-demo"));
        until(() -> services.registry().list().isEmpty());
        assertThat(new CredentialStore(configDir).find("demo")).contains(stored);
    }

    @Test
    void deletingTheRunningClustersPasswordsIsTickedAndWarnedAbout(FxRobot robot) {
        openForget(robot);

        robot.clickOn("#forget-delete-passwords");

        until(() -> node(robot, "#forget-warning", Label.class).isVisible());
        assertThat(node(robot, "#forget-warning", Label.class).getText())
                .startsWith("demo is running, and these are the only copy pgha has of its passwords");
        assertThat(node(robot, "#forget-what", Label.class).getText())
                .isEqualTo("Deletes cluster.json, credentials.json. The cluster itself keeps running.");
        assertThat(node(robot, "#forget-confirm", Button.class).getText()).isEqualTo("Forget and delete passwords");

        robot.clickOn("#forget-confirm");

        until(() -> new CredentialStore(configDir).find("demo").isEmpty());
        assertThat(services.registry().list()).isEmpty();
    }

    @Test
    void cancelDeletesNothing(FxRobot robot) {
        openForget(robot);
        robot.clickOn("#forget-delete-passwords");
        Button cancel = robot.lookup("#forget-dialog .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals("Cancel"))
                .findFirst()
                .orElseThrow();
        robot.clickOn(cancel);

        until(() -> !exists(robot, "#forget-dialog"));
        assertThat(exists(robot, "#cluster-demo")).isTrue();
        assertThat(services.registry().find("demo")).isPresent();
        assertThat(new CredentialStore(configDir).find("demo")).contains(stored);
    }

    @SuppressWarnings("unchecked")
    private void openForget(FxRobot robot) {
        until(() -> exists(robot, "#cluster-demo"));
        until(() -> robot.lookup("#cluster-demo .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> "healthy".equals(l.getText())));
        ListView<?> list = node(robot, "#cluster-list", ListView.class);
        ListCell<?> cell = robot.from(list).lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() != null && c.getItem().toString().equals("demo"))
                .findFirst()
                .orElseThrow();
        robot.interact(() -> cell.getContextMenu().getItems().getFirst().fire());
        until(() -> exists(robot, "#forget-dialog"));
    }
}
