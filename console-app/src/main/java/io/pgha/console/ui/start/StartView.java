package io.pgha.console.ui.start;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Shown while no cluster is selected: create one (needs Docker) or attach to one (does not). */
public final class StartView extends VBox {

    public StartView(StartViewModel viewModel, Runnable create, Runnable attach) {
        setId("start-view");
        getStyleClass().add("start-screen");
        Label headline = new Label("Highly available PostgreSQL on Docker");
        headline.getStyleClass().add("headline");
        Label explain =
                new Label("3 etcd members, 3 PostgreSQL 17 nodes with Patroni, and HAProxy sending writes to port 5000 "
                        + "and reads to 5001 — created in one click, or attach to a cluster you already run.");
        explain.setWrapText(true);
        explain.setMaxWidth(560);
        explain.getStyleClass().add("muted");
        Button createButton = new Button("Create cluster");
        createButton.setId("create-cluster");
        createButton.getStyleClass().addAll("big-button", Styles.ACCENT);
        createButton.setDefaultButton(true);
        createButton.disableProperty().bind(viewModel.dockerReachableProperty().not());
        createButton.setOnAction(e -> create.run());
        Button attachButton = new Button("Attach to a cluster");
        attachButton.setId("attach-cluster");
        attachButton.getStyleClass().add("big-button");
        attachButton.setOnAction(e -> attach.run());
        HBox buttons = new HBox(16, createButton, attachButton);
        buttons.setAlignment(Pos.CENTER);
        Label docker = new Label();
        docker.setId("docker-status");
        docker.setWrapText(true);
        docker.setMaxWidth(560);
        docker.textProperty().bind(viewModel.dockerMessageProperty());
        Label fix = new Label();
        fix.setId("docker-fix");
        fix.setWrapText(true);
        fix.setMaxWidth(560);
        fix.textProperty().bind(viewModel.dockerFixProperty());
        fix.getStyleClass().add("field-error");
        Button recheck = new Button("Check Docker again");
        recheck.setId("docker-recheck");
        recheck.getStyleClass().add(Styles.FLAT);
        recheck.disableProperty().bind(viewModel.checkingProperty());
        recheck.visibleProperty().bind(viewModel.dockerReachableProperty().not());
        recheck.setOnAction(e -> viewModel.checkDocker());
        getChildren().addAll(headline, explain, buttons, docker, fix, recheck);
    }
}
