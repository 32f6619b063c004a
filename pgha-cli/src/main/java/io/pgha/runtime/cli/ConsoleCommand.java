package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.images.PghaHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code pgha console}: the desktop console of this installation (jpackage puts its launcher, pgha-console, beside
 * pgha's). A checkout's ./pgha starts the console itself, before this command is reached.
 */
@Command(
        name = "console",
        description = {
            "Start the desktop console (needs a display). It runs until its window is closed; other arguments",
            "(--version …) are the console's own."
        })
final class ConsoleCommand implements Callable<Integer> {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    /** Passed on to the console as they are. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Path launcher = launcher()
                .orElseThrow(() -> PghaException.notFound("the console is not installed beside this pgha: "
                        + "install the pgha package (it has pgha-console), or run ./pgha console in a pgha checkout"));
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw PghaException.unavailable("cannot start " + launcher + ": " + e.getMessage(), e);
        }
    }

    /**
     * An installed pgha's console launcher: beside this pgha's own launcher (jpackage names it in {@code jpackage.app-path}:
     * /usr/bin on the .deb, bin/ of an app image, MacOS/, the install directory on Windows), else APP/../bin/pgha-console,
     * APP/../pgha-console.exe or APP/../MacOS/pgha-console.
     */
    static Optional<Path> launcher() {
        Stream<Path> besideThisLauncher = Optional.ofNullable(System.getProperty("jpackage.app-path"))
                .filter(p -> !p.isBlank())
                .map(p -> Path.of(p).toAbsolutePath())
                .stream()
                .flatMap(self ->
                        Stream.of(self.resolveSibling("pgha-console"), self.resolveSibling("pgha-console.exe")));
        Stream<Path> besideTheApp = PghaHome.find()
                .map(home -> home.toAbsolutePath().getParent())
                .stream()
                .flatMap(prefix -> Stream.of(
                        prefix.resolve("bin/pgha-console"),
                        prefix.resolve("pgha-console.exe"),
                        prefix.resolve("MacOS/pgha-console")));
        return Stream.concat(besideThisLauncher, besideTheApp)
                .filter(Files::isExecutable)
                .findFirst();
    }
}
