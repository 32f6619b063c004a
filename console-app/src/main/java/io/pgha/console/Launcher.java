package io.pgha.console;

import io.pgha.runtime.Version;
import java.util.List;
import javafx.application.Application;

/** Entry point that works from a plain class path (JavaFX refuses to start an Application subclass as main). */
public final class Launcher {

    private Launcher() {
    }

    /** {@code --version} prints the version without opening a window (so launchers can be checked headless). */
    public static void main(String[] args) {
        if (List.of(args).contains("--version")) {
            System.out.println("pgha console " + Version.get());
            return;
        }
        Application.launch(ConsoleApp.class, args);
    }
}
