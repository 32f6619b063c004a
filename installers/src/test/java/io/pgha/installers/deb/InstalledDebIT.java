package io.pgha.installers.deb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.TestMachine;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb the build made, used as a user uses it: dpkg -i, the pgha CLI on the PATH, the console from its
 * desktop entry, a cluster from the installed files (not the checkout), then dpkg --purge leaves nothing behind.
 * Holds the machine-wide Docker test lock throughout, so two test runs never install the package at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstalledDebIT {

    static final DebPackage PGHA = new DebPackage("pgha");
    static final Path PREFIX = Path.of("/usr/lib/pgha");
    static final Path APP_DIR = PREFIX.resolve("app");
    static final Path INSTALLED_STACK = APP_DIR.resolve("stack");
    static final Path CLI = Path.of("/usr/bin/pgha");
    static final Path CONSOLE = Path.of("/usr/bin/pgha-console");
    static final Path DESKTOP_ENTRY = Path.of("/usr/share/applications/pgha.desktop");
    static final String WINDOW_TITLE = "pgha";

    private Path deb;
    private List<Path> packaged;
    private Process console;

    @BeforeAll
    void install() {
        Instant asked = Instant.now();
        TestMachine.requireDocker();
        System.out.printf(
                "took the machine-wide Docker test lock after %d ms%n",
                Duration.between(asked, Instant.now()).toMillis());
        HostTools.requireRoot();
        HostTools.requireDisplay();
        HostTools.require(Map.of("dpkg", "dpkg", "dpkg-deb", "dpkg", "xwininfo", "x11-utils"));
        deb = InstallerFiles.deb();
        if (PGHA.isKnown()) {
            System.out.println("removing the pgha package an earlier, interrupted run left: " + PGHA.status());
            PGHA.purge();
        }
        assertThat(CLI)
                .as("%s belongs to no package; remove it (a link to a checkout?) so the package can install it", CLI)
                .doesNotExist();

        Instant start = Instant.now();
        PGHA.install(deb);
        System.out.printf(
                "installed %s (%d bytes, Installed-Size %s KiB) in %d ms%n",
                deb.getFileName(),
                size(deb),
                DebPackage.field(deb, "Installed-Size"),
                Duration.between(start, Instant.now()).toMillis());
        assertThat(PGHA.isInstalled()).as("dpkg status: %s", PGHA.status()).isTrue();
        packaged = PGHA.files();
    }

    @Test
    @Order(1)
    void cliIsOnThePathAndPrintsTheBuildVersion() {
        assertThat(packaged).contains(CLI, CONSOLE);
        Commands.Result version = Commands.runOk(Duration.ofMinutes(1), "pgha", "--version");
        assertThat(version.stdout()).startsWith("pgha " + System.getProperty("pgha.version"));
        assertThat(DebPackage.field(deb, "Version"))
                .isEqualTo(System.getProperty("pgha.version").replaceAll("-.*$", ""));
        assertThat(DebPackage.field(deb, "Maintainer")).startsWith("pgha");
    }

    @Test
    @Order(2)
    void cliShowsItsCommands() {
        Commands.Result status = Commands.runOk(Duration.ofMinutes(1), "pgha", "status", "--help");
        assertThat(status.stdout()).contains("Usage: pgha status").contains("--json");
        Commands.Result help = Commands.runOk(Duration.ofMinutes(1), "pgha", "--help");
        assertThat(help.stdout())
                .contains("Usage: pgha")
                .contains("switchover")
                .contains("drill")
                .contains("watch")
                .contains("clusters")
                .contains("console");
        Commands.Result console = Commands.runOk(Duration.ofMinutes(1), "pgha", "console", "--version");
        assertThat(console.stdout())
                .as("pgha console starts the installed console")
                .startsWith("pgha console ");
        for (Commands.Result r :
                List.of(status, help, console, Commands.runOk(Duration.ofMinutes(1), "pgha", "clusters"))) {
            assertThat(r.stderr()).as("no JVM warning reaches users").doesNotContain("WARNING");
        }
    }

    @Test
    @Order(3)
    void launchersPointPghaHomeAtTheInstalledStackFiles() throws IOException {
        for (String launcher : List.of("pgha", "pgha-console")) {
            assertThat(Files.readAllLines(APP_DIR.resolve(launcher + ".cfg")))
                    .as("%s.cfg", launcher)
                    .contains("java-options=-Dpgha.home=$APPDIR");
        }
        for (String file : List.of(
                "docker-compose.yml",
                ".env.postgres",
                "local.env",
                "haproxy/haproxy.cfg",
                "images/Dockerfile",
                "images/spilo/spilo_entrypoint.py")) {
            assertThat(INSTALLED_STACK.resolve(file)).isRegularFile();
        }
        for (String script :
                List.of("stack.sh", "images/build-local.sh", "images/debian-mirror.sh", "images/spilo/post_init.sh")) {
            assertThat(INSTALLED_STACK.resolve(script)).isExecutable();
        }
    }

    @Test
    @Order(4)
    void desktopEntryStartsTheConsoleWindow() throws IOException {
        assertThat(DESKTOP_ENTRY).isRegularFile();
        DesktopEntry entry = DesktopEntry.read(DESKTOP_ENTRY);
        assertThat(entry.get("Type")).isEqualTo("Application");
        assertThat(entry.get("Name")).isEqualTo("pgha");
        assertThat(entry.get("Categories")).contains("Database");
        assertThat(entry.command()).containsExactly(CONSOLE.toString());
        assertThat(Path.of(entry.get("Icon"))).isRegularFile().startsWith(PREFIX);
        assertThat(X11Windows.titled(WINDOW_TITLE))
                .as("no pgha window before the console starts")
                .isEmpty();

        Path log = outputDir().resolve("installed-console.log");
        Files.createDirectories(log.getParent());
        console = new ProcessBuilder(entry.command())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Rectangle window = X11Windows.awaitViewable(WINDOW_TITLE, Duration.ofSeconds(90));
        BufferedImage shot =
                Screenshots.awaitPainted(window, outputDir().resolve("installed-console.png"), Duration.ofSeconds(30));

        assertThat(console.isAlive())
                .as("console still running; its output:\n%s", Files.readString(log))
                .isTrue();
        assertThat(shot.getWidth()).isGreaterThanOrEqualTo(640);
        assertThat(systemProperties(console.pid()))
                .as("the running console's system properties")
                .contains("pgha.home=" + APP_DIR, "java.home=" + PREFIX.resolve("runtime"));
        stopConsole();
    }

    /**
     * On an engine without any of the stack's images, the installed `pgha up` builds them itself from the installed recipes
     * and jars (the supervisor's image from the package's own jars), with progress, and creates the cluster.
     */
    @Test
    @Order(5)
    void installedPghaUpBuildsTheImagesAndProvisionsAClusterWithoutTheCheckout(@TempDir Path elsewhere)
            throws Exception {
        installedScript(elsewhere, Duration.ofMinutes(3), "stack.sh", "down", "--volumes");
        List<String> stackImages = List.of(
                "pgha/spilo-17:local",
                "pgha/etcd:local",
                "pgha/haproxy:local",
                "pgha/postgres-exporter:local",
                "pgha/supervisor:local",
                "pgha/jre-21:local");
        Commands.run(
                Duration.ofMinutes(3),
                Stream.concat(Stream.of("docker", "rmi", "-f"), stackImages.stream())
                        .toArray(String[]::new));
        for (String image : stackImages) {
            assertThat(Commands.run(Duration.ofMinutes(1), "docker", "image", "inspect", image)
                            .ok())
                    .as("%s removed", image)
                    .isFalse();
        }
        Map<String, String> env =
                Map.of("PGHA_CONFIG_DIR", elsewhere.resolve("config").toString());
        try {
            Commands.Result up = Commands.run(Duration.ofMinutes(20), elsewhere, env, CLI.toString(), "up");
            assertThat(up.exitCode())
                    .as("installed pgha up:%n%s", up.describe())
                    .isZero();
            assertThat(up.stdout())
                    .as("progress of the image build")
                    .contains("building pgha/spilo-17:local")
                    .contains("building pgha/supervisor:local from the pgha jars");
            for (String image : stackImages) {
                assertThat(Commands.run(Duration.ofMinutes(1), "docker", "image", "inspect", image)
                                .ok())
                        .as("%s built", image)
                        .isTrue();
            }
            assertThat(ComposeStack.patronictlList())
                    .filteredOn(ComposeStack.PatroniRow::isLeader)
                    .hasSize(1);
            assertThat(ComposeStack.patronictlList())
                    .filteredOn(ComposeStack.PatroniRow::isStreamingReplica)
                    .hasSize(2);
            Commands.Result credentials =
                    Commands.run(Duration.ofMinutes(1), elsewhere, env, CLI.toString(), "credentials", "--json");
            assertThat(credentials.exitCode()).as(credentials.describe()).isZero();
            String writeJdbc = new ObjectMapper()
                    .readTree(credentials.stdout())
                    .path("write_jdbc")
                    .asText();
            assertThat(writeJdbc).as("the application's verify-full URL").contains("sslmode=verify-full");
            try (Connection c = DriverManager.getConnection(writeJdbc);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                assertThat(rs.getBoolean(1))
                        .as("the installed CLI's stack is writable on 5000")
                        .isFalse();
            }
        } finally {
            Commands.Result down =
                    Commands.run(Duration.ofMinutes(3), elsewhere, env, CLI.toString(), "down", "--volumes", "--yes");
            assertThat(down.exitCode()).as(down.describe()).isZero();
        }
    }

    @Test
    @Order(6)
    void removingThePackageLeavesNothingBehind() {
        PGHA.purge();
        assertThat(PGHA.isKnown())
                .as("dpkg still knows the package: %s", PGHA.status())
                .isFalse();
        assertThat(PREFIX).doesNotExist();
        assertThat(CLI).doesNotExist();
        assertThat(CONSOLE).doesNotExist();
        assertThat(DESKTOP_ENTRY).doesNotExist();
        List<Path> left = packaged.stream()
                .filter(p -> !isSharedDirectory(p))
                .filter(Files::exists)
                .toList();
        assertThat(left).as("files of the package still on the machine").isEmpty();
    }

    @AfterAll
    void leaveTheMachineAsFound() {
        stopConsole();
        if (PGHA.isKnown()) {
            PGHA.purge();
        }
    }

    private void stopConsole() {
        if (console == null) {
            return;
        }
        Stream.concat(console.descendants(), Stream.of(console.toHandle())).forEach(ProcessHandle::destroy);
        try {
            if (!console.waitFor(30, TimeUnit.SECONDS)) {
                console.destroyForcibly();
                console.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        console = null;
    }

    /** What the JVM of a running process says its system properties are (jcmd, from the JDK running the tests). */
    private static List<String> systemProperties(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Commands.Result r =
                Commands.runOk(Duration.ofMinutes(1), jcmd.toString(), String.valueOf(pid), "VM.system_properties");
        return r.stdout().lines().map(l -> l.replace("\\:", ":")).toList();
    }

    private static void installedScript(Path workingDir, Duration timeout, String script, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = INSTALLED_STACK.resolve(script).toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Commands.Result r = Commands.run(timeout, workingDir, Map.of(), command);
        assertThat(r.ok()).as(r.describe()).isTrue();
    }

    /** Directories the package shares with the rest of the system (dpkg -L lists them too). */
    private static boolean isSharedDirectory(Path p) {
        Path dir = p.normalize();
        return !dir.startsWith(PREFIX)
                && Files.isDirectory(dir)
                && Stream.of("/", "/usr", "/usr/bin", "/usr/lib", "/usr/share", "/usr/share/doc")
                        .map(Path::of)
                        .anyMatch(dir::equals);
    }

    private static Path outputDir() {
        return Path.of(System.getProperty("pgha.screenshots.dir", "target/screenshots"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
