package io.pgha.installers.deb;

import static org.awaitility.Awaitility.await;

import io.pgha.runtime.testsupport.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A Debian package on this machine, driven with dpkg as a user or an administrator would. */
final class DebPackage {

    private static final Duration DPKG_TIMEOUT = Duration.ofMinutes(5);
    /** How long to wait for another dpkg or apt (another session, unattended upgrades) to let go of its lock. */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(3);

    private final String name;

    DebPackage(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** dpkg -i; a dependency the machine lacks is a failure that says how to add it. */
    void install(Path deb) {
        Commands.Result r = dpkg("-i", deb.toString());
        if (!r.ok()) {
            String why = r.stderr().contains("dependency problems")
                    ? "the machine lacks packages it depends on (" + dependencyLines(r.stderr())
                            + "): run sudo scripts/prepare-machine.sh, or apt-get install -f"
                    : "dpkg failed";
            throw new AssertionError("installing " + deb + " failed: " + why + "\n" + r.describe());
        }
    }

    /** dpkg --purge: removes the files and the configuration. */
    void purge() {
        Commands.Result r = dpkg("--purge", name);
        if (!r.ok()) {
            throw new AssertionError("removing the package " + name + " failed:\n" + r.describe());
        }
    }

    /** The package's dpkg status ("install ok installed", …), or empty when dpkg knows nothing of it. */
    String status() {
        Commands.Result r = Commands.run(Duration.ofSeconds(30), "dpkg-query", "-W", "-f=${Status}", name);
        return r.ok() ? r.stdout().strip() : "";
    }

    boolean isKnown() {
        return !status().isEmpty() && !status().endsWith("not-installed");
    }

    boolean isInstalled() {
        return status().equals("install ok installed");
    }

    /** Every path the package put on the machine (dpkg -L), directories included. */
    List<Path> files() {
        Commands.Result r = Commands.runOk(Duration.ofSeconds(30), "dpkg", "-L", name);
        return r.stdout()
                .lines()
                .map(String::strip)
                .filter(l -> l.startsWith("/"))
                .map(Path::of)
                .toList();
    }

    /** A field of a .deb's control file, read from the file itself. */
    static String field(Path deb, String field) {
        return Commands.runOk(Duration.ofSeconds(30), "dpkg-deb", "-f", deb.toString(), field)
                .stdout()
                .strip();
    }

    private static Commands.Result dpkg(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "dpkg";
        System.arraycopy(args, 0, command, 1, args.length);
        AtomicReference<Commands.Result> last = new AtomicReference<>();
        await("dpkg " + String.join(" ", args) + " without another package manager holding the dpkg lock")
                .atMost(LOCK_WAIT)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Commands.Result r = Commands.run(DPKG_TIMEOUT, command);
                    last.set(r);
                    return !isLockHeld(r);
                });
        return last.get();
    }

    private static boolean isLockHeld(Commands.Result r) {
        return !r.ok() && r.stderr().contains("locked by another process");
    }

    private static String dependencyLines(String stderr) {
        return String.join(
                "; ",
                stderr.lines()
                        .map(String::strip)
                        .filter(l -> l.contains("depends on"))
                        .toList());
    }
}
