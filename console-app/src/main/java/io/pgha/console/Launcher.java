package io.pgha.console;

import io.pgha.runtime.Version;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;

/** Entry point that works from a plain class path (JavaFX refuses to start an Application subclass as main). */
public final class Launcher {

    /**
     * JavaFX warns through java.util.logging that it was loaded from the class path, which is how pgha ships it (one
     * class path for the console and the runtime, and jlink's image for the installers): nothing for users to act on.
     * Held here because java.util.logging keeps its loggers only weakly.
     */
    private static final Logger JAVAFX_STARTUP = Logger.getLogger("javafx");

    private Launcher() {}

    /** {@code --version} prints the version without opening a window (so launchers can be checked headless). */
    public static void main(String[] args) {
        if (List.of(args).contains("--version")) {
            System.out.println("pgha console " + Version.get());
            return;
        }
        JAVAFX_STARTUP.setLevel(Level.SEVERE);
        Application.launch(ConsoleApp.class, args);
    }
}
