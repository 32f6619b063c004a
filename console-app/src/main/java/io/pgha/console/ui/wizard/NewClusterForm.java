package io.pgha.console.ui.wizard;

import io.pgha.console.ui.common.FormRows;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The wizard's first page: the spec's fields, each with its inline error. */
final class NewClusterForm extends VBox {

    NewClusterForm(NewClusterViewModel viewModel) {
        setSpacing(8);
        setId("new-cluster-form");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(3);
        int row = FormRows.add(
                grid,
                0,
                "Name (and Patroni scope)",
                text("wizard-name", viewModel.nameProperty(), 18),
                viewModel.nameErrorProperty());

        Spinner<Integer> nodes = new Spinner<>(
                NewClusterViewModel.MIN_NODES,
                NewClusterViewModel.MAX_NODES,
                viewModel.postgresNodesProperty().get());
        nodes.setId("wizard-nodes");
        nodes.setPrefWidth(90);
        nodes.valueProperty()
                .addListener((o, a, v) -> viewModel.postgresNodesProperty().set(v));
        viewModel
                .postgresNodesProperty()
                .addListener((o, a, v) -> nodes.getValueFactory().setValue(v.intValue()));
        ChoiceBox<Integer> etcd = new ChoiceBox<>();
        etcd.setId("wizard-etcd");
        etcd.getItems().setAll(NewClusterViewModel.ETCD_SIZES);
        etcd.valueProperty().bindBidirectional(viewModel.etcdMembersProperty());
        HBox sizes = new HBox(8, FormRows.label("PostgreSQL nodes"), nodes, FormRows.label("etcd members"), etcd);
        sizes.setAlignment(Pos.CENTER_LEFT);
        sizes.setId("wizard-sizes");
        row = FormRows.add(grid, row, "Size", sizes, viewModel.sizeErrorProperty());

        ChoiceBox<String> profile = new ChoiceBox<>();
        profile.setId("wizard-images");
        profile.setMinWidth(Region.USE_PREF_SIZE);
        profile.getItems().setAll(NewClusterViewModel.IMAGE_PROFILES);
        profile.valueProperty().bindBidirectional(viewModel.imageProfileProperty());
        grid.add(FormRows.label("Images"), 0, row);
        grid.add(
                new HBox(8, profile, hint("auto: the official images when present or pullable, else the local ones")),
                1,
                row++);
        CheckBox expose = new CheckBox("Publish on other addresses");
        expose.setId("wizard-expose");
        expose.selectedProperty().bindBidirectional(viewModel.exposeProperty());
        HBox bind = new HBox(
                8,
                text("wizard-bind", viewModel.bindAddressProperty(), 12),
                expose,
                hint("other machines can then reach every port"));
        bind.setAlignment(Pos.CENTER_LEFT);
        grid.add(FormRows.label("Bind address"), 0, row);
        grid.add(bind, 1, row++);
        Label bindError = FormRows.errorLabel(viewModel.bindErrorProperty());
        bindError.setId("wizard-bind-error");
        bindError.setWrapText(true);
        bindError.setMaxWidth(560);
        grid.add(bindError, 1, row++);

        HBox router = new HBox(
                6,
                FormRows.label("writes"),
                port("wizard-write-port", viewModel.writePortProperty()),
                FormRows.label("reads"),
                port("wizard-read-port", viewModel.readPortProperty()),
                FormRows.label("stats"),
                port("wizard-stats-port", viewModel.statsPortProperty()),
                FormRows.label("Prometheus"),
                port("wizard-prometheus-port", viewModel.prometheusPortProperty()));
        HBox bases = new HBox(
                6,
                FormRows.label("Patroni from"),
                port("wizard-patroni-port", viewModel.patroniBasePortProperty()),
                FormRows.label("etcd from"),
                port("wizard-etcd-port", viewModel.etcdBasePortProperty()),
                FormRows.label("exporters from"),
                port("wizard-exporter-port", viewModel.exporterBasePortProperty()));
        router.setAlignment(Pos.CENTER_LEFT);
        bases.setAlignment(Pos.CENTER_LEFT);
        grid.add(FormRows.label("Router ports"), 0, row);
        grid.add(router, 1, row++);
        bases.setId("wizard-ports");
        row = FormRows.add(grid, row, "Member ports", bases, viewModel.portsErrorProperty());

        HBox timing = new HBox(
                6,
                FormRows.label("ttl"),
                port("wizard-ttl", viewModel.ttlProperty()),
                FormRows.label("loop_wait"),
                port("wizard-loop-wait", viewModel.loopWaitProperty()),
                FormRows.label("retry_timeout"),
                port("wizard-retry-timeout", viewModel.retryTimeoutProperty()),
                hint("seconds"));
        timing.setAlignment(Pos.CENTER_LEFT);
        timing.setId("wizard-timing");
        row = FormRows.add(grid, row, "Patroni timing", timing, viewModel.timingErrorProperty());
        grid.add(hint("Patroni needs ttl ≥ 20 and loop_wait + 2·retry_timeout ≤ ttl"), 1, row++);

        Label general = FormRows.errorLabel(viewModel.generalErrorProperty());
        general.setId("wizard-general-error");
        getChildren().addAll(grid, general);
    }

    private static TextField text(String id, StringProperty property, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static TextField port(String id, StringProperty property) {
        TextField field = text(id, property, 5);
        field.setMinWidth(Region.USE_PREF_SIZE);
        return field;
    }

    private static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().add("muted");
        return hint;
    }
}
