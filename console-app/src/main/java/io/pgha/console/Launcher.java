package io.pgha.console;

import javafx.application.Application;

/** Entry point that works from a plain class path (JavaFX refuses to start an Application subclass as main). */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }
}
