package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.TestServices;
import io.pgha.console.ui.member.DetailRow;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The small things a DBA notices: cut column titles, raw identifiers, buttons that do nothing, unexplained codes. */
class SmallThingsTest extends ConsoleUiTest {

    @Override
    protected void prepare(TestServices services) {
        services.addCluster("demo");
    }

    private void openDemo(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(640);
        });
        openCluster(robot, "demo");
    }

    private static void tab(FxRobot robot, KeyCode digit) {
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
    }

    @Test
    void aHiddenWindowPutsTheMonitorsInTheBackgroundUntilItIsShownAgain(FxRobot robot) {
        openCluster(robot, "demo");
        assertThat(services.cluster("demo").monitor().inBackground()).isFalse();

        robot.interact(stage::hide);
        assertThat(services.cluster("demo").monitor().inBackground()).isTrue();

        robot.interact(stage::show);
        assertThat(services.cluster("demo").monitor().inBackground()).isFalse();
    }

    @Test
    void drillsAndRouterColumnTitlesAreWholeAtTheSmallestWindow(FxRobot robot) {
        openCluster(robot, "demo");
        tab(robot, KeyCode.DIGIT8);
        until(() -> exists(robot, "#drill-results"));
        assertTitlesWhole(robot, "#drill-results");
        tab(robot, KeyCode.DIGIT5);
        until(() -> exists(robot, "#router-table"));
        assertTitlesWhole(robot, "#router-table");
    }

    @Test
    void settingsSayLightNotLightAndOfferNothingToApplyBeforeAChange(FxRobot robot) {
        openCluster(robot, "demo");
        tab(robot, KeyCode.DIGIT9);
        until(() -> exists(robot, "#settings-theme"));

        ComboBox<?> theme = node(robot, "#settings-theme", ComboBox.class);
        until(() -> robot.from(theme).lookup(".list-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(c -> "Light".equals(c.getText())));
        assertThat(robot.from(theme).lookup(".list-cell").queryAllAs(Labeled.class))
                .extracting(Labeled::getText)
                .doesNotContain("LIGHT");
        until(() -> !node(robot, "#config-table", TableView.class).getItems().isEmpty());
        assertThat(node(robot, "#config-apply", Button.class).isDisabled()).isTrue();
        assertThat(node(robot, "#config-preview", Button.class).isDisabled()).isTrue();
        assertThat(node(robot, "#config-discard", Button.class).isDisabled()).isTrue();
        robot.interact(
                () -> app.viewModel().workspaceProperty().get().dynamicConfig().edit("ttl", "30"));
        until(() -> !node(robot, "#config-apply", Button.class).isDisabled());
        assertThat(robot.lookup("#config-table .table-cell").queryAllAs(Labeled.class))
                .extracting(Labeled::getText)
                .contains("seconds", "bytes (1.0 MiB)");
    }

    @Test
    void aReplicasDetailShowsItsApiAsTheHostReachesItAndWhyTheWriteListenerHasItDown(FxRobot robot) {
        openCluster(robot, "demo");
        robot.clickOn("#pg-node-pg-1");
        until(() -> node(robot, "#member-detail", VBox.class).isVisible());

        List<DetailRow> rows =
                app.viewModel().workspaceProperty().get().memberDetail().rows();
        assertThat(rows)
                .filteredOn(r -> r.label().equals("Patroni API"))
                .extracting(DetailRow::value)
                .containsExactly("http://127.0.0.1:8009/patroni");
        assertThat(rows)
                .filteredOn(r -> r.label().equals("router writes"))
                .extracting(DetailRow::value)
                .containsExactly("not a write target: only the primary takes writes");
        assertThat(rows)
                .filteredOn(r -> r.label().equals("router reads"))
                .extracting(DetailRow::value)
                .singleElement()
                .asString()
                .contains("L7OK · check passed");
    }

    private static void assertTitlesWhole(FxRobot robot, String table) {
        List<Labeled> titles =
                List.copyOf(robot.lookup(table + " .column-header .label").queryAllAs(Labeled.class));
        assertThat(titles).as(table).isNotEmpty();
        for (Labeled title : titles) {
            until(() -> title.lookup(".text") instanceof Text t && t.getText().equals(title.getText()));
        }
    }
}
