package io.pgha.installers.deb;

import io.pgha.runtime.testsupport.Commands;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What installing a package needs from the machine; anything missing fails with the command that fixes it. */
final class HostTools {

    private HostTools() {}

    /** Fails unless every command (name to the Debian package that brings it) is on the PATH. */
    static void require(Map<String, String> commandsToPackages) {
        List<String> missing = new ArrayList<>();
        commandsToPackages.forEach((command, pkg) -> {
            if (!onPath(command)) {
                missing.add(command + " (Debian package " + pkg + ")");
            }
        });
        if (!missing.isEmpty()) {
            throw new AssertionError("installing and running the .deb needs " + String.join(", ", missing)
                    + ". Run: sudo scripts/prepare-machine.sh");
        }
    }

    static void requireRoot() {
        Commands.Result id = Commands.runOk(Duration.ofSeconds(10), "id", "-u");
        if (!id.stdout().strip().equals("0")) {
            throw new AssertionError(
                    "installing the .deb with dpkg needs root (CI runs as root); run the tests as root");
        }
    }

    static void requireDisplay() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new AssertionError(
                    "the installed console needs an X display and DISPLAY is not set. "
                            + "Run the tests under Xvfb: xvfb-run -a ./mvnw verify (sudo scripts/prepare-machine.sh installs Xvfb)");
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
