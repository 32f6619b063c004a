package io.pgha.console;

import io.pgha.runtime.Version;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The pgha desktop console. */
public class ConsoleApp extends Application {

    public static final String TITLE = "pgha";

    @Override
    public void start(Stage stage) {
        Label welcome = new Label("pgha " + Version.get());
        welcome.setId("welcome");
        stage.setTitle(TITLE);
        stage.setScene(new Scene(new BorderPane(welcome), 1280, 800));
        stage.show();
    }
}
