package io.pgha.runtime.drill;

import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static io.pgha.runtime.testsupport.ComposeStack.dockerOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.testsupport.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack's two supervisors (docs/decisions/0035): {@code pg-supervisor} and a second container of its image, command,
 * environment, volumes, Docker socket and network beside it. Their logs and their /metrics (port 9188 on the stack
 * network, not published) say which one leads and what each did.
 */
final class Supervisors {

    static final String FIRST = "pg-supervisor";
    static final String SECOND = "pg-supervisor-2";
    static final String LEADING = "leading the supervisors";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Supervisors() {}

    /**
     * Starts the second once the first leads. The environment (the compose stack's env file: secrets among it) goes
     * through a file only this user can read, deleted at once, never a command line.
     */
    static void startTheSecond() throws Exception {
        removeTheSecond();
        await(FIRST + " leads")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> leads(FIRST));
        JsonNode inspect = JSON.readTree(out("inspect", FIRST)).get(0);
        Path envFile = Files.createTempFile(
                "pgha-supervisor-2",
                ".env",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            List<String> env = new ArrayList<>();
            inspect.path("Config").path("Env").forEach(e -> env.add(e.asText()));
            Files.write(envFile, env);
            List<String> create =
                    new ArrayList<>(List.of("create", "--name", SECOND, "--env-file", envFile.toString()));
            for (JsonNode mount : inspect.path("Mounts")) {
                String source = mount.path("Type").asText().equals("volume")
                        ? mount.path("Name").asText()
                        : mount.path("Source").asText();
                create.addAll(List.of(
                        "--volume", source + ":" + mount.path("Destination").asText()));
            }
            List<String> networks = new ArrayList<>();
            inspect.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(networks::add);
            create.addAll(List.of("--network", networks.getFirst()));
            create.add(inspect.path("Config").path("Image").asText());
            inspect.path("Config").path("Cmd").forEach(a -> create.add(a.asText()));
            dockerOk(create.toArray(String[]::new));
            for (String network : networks.subList(1, networks.size())) {
                dockerOk("network", "connect", network, SECOND);
            }
        } finally {
            Files.deleteIfExists(envFile);
        }
        dockerOk("start", SECOND);
    }

    static void removeTheSecond() {
        docker("rm", "-f", SECOND);
    }

    /** Waits (bounded: a JVM starting in a container on a loaded 2-core machine) for a line; fails with the log. */
    static void awaitLog(String container, Instant since, String line) {
        await(container + " logs '" + line + "'")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(logOf(container, since)).contains(line));
    }

    /** The container's log since {@code since}. */
    static String logOf(String container, Instant since) {
        Commands.Result r = docker("logs", "--since", since.toString(), container);
        return r.stdout() + r.stderr();
    }

    /** Whether the container's /metrics says it holds the supervisors' lease. */
    static boolean leads(String container) {
        return "1.0".equals(metric(container, "pgha_supervisor_leader"));
    }

    /** The one that leads now, if exactly one does. */
    static String leader() {
        boolean first = leads(FIRST);
        boolean second = leads(SECOND);
        assertThat(first && second).as("both supervisors say they lead").isFalse();
        assertThat(first || second).as("neither supervisor leads").isTrue();
        return first ? FIRST : SECOND;
    }

    static String other(String container) {
        return container.equals(FIRST) ? SECOND : FIRST;
    }

    /** One metric's value ("absent" when the container or the line is not there). */
    static String metric(String container, String name) {
        Commands.Result ip =
                docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container);
        if (!ip.ok() || ip.stdout().isBlank()) {
            return "absent";
        }
        return scrape(ip.stdout().strip().split(" ")[0])
                .lines()
                .filter(l -> l.startsWith(name + " "))
                .map(l -> l.substring(name.length() + 1).strip())
                .findFirst()
                .orElse("absent");
    }

    private static String scrape(String ip) {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .build()) {
            return http.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + ip + ":9188/metrics"))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException e) {
            return ""; // not listening (yet): no metric
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static int count(String text, String line) {
        Matcher m = Pattern.compile(Pattern.quote(line)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String out(String... args) {
        Commands.Result r = docker(args);
        assertThat(r.ok()).as(r.describe()).isTrue();
        return r.stdout();
    }
}
