package io.pgha.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillRunner;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.DrillSettings;
import io.pgha.runtime.drill.DrillSummary;
import io.pgha.runtime.drill.DrillTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `pgha drill`: inject a fault into a running stack and measure what clients saw. */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Run a fault drill against a running stack on the local Docker engine and report the write outage,",
                "time to a new leader and to the router flip, acknowledged writes lost (RPO), split brain, and time to heal.",
                "Drills: kill-primary, stop-primary, crash-postgres, partition-primary, freeze-primary, etcd-minority,",
                "etcd-quorum-loss, switchover."})
public final class DrillCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DRILL", description = "Which fault to inject")
    String drill;

    @Option(names = "--runs", defaultValue = "1", description = "How many times to run it (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--json", description = "Print the results as JSON")
    boolean json;

    @Option(names = "--writers", defaultValue = "2")
    int writers;

    @Option(names = "--fault-seconds", defaultValue = "25",
            description = "How long a lasting fault (partition, freeze, etcd stops) is held (default: ${DEFAULT-VALUE})")
    int faultSeconds;

    @Option(names = "--scope", defaultValue = "pg-ha")
    String scope;

    @Option(names = "--network", defaultValue = "pg-ha")
    String network;

    @Option(names = "--members", defaultValue = "pg-0,pg-1,pg-2", split = ",")
    List<String> members;

    @Option(names = "--etcd-members", defaultValue = "etcd-1,etcd-2,etcd-3", split = ",")
    List<String> etcdMembers;

    @Option(names = "--patroni", split = ",", description = "member=URL of its Patroni REST API as the host reaches it "
            + "(default: pg-0=http://127.0.0.1:8008, pg-1=…:8009, …)")
    Map<String, String> patroni;

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--write-port", defaultValue = "5000")
    int writePort;

    @Option(names = "--read-port", defaultValue = "5001")
    int readPort;

    @Option(names = "--env-file", defaultValue = "stack/.env.postgres",
            description = "Where the superuser's credentials are (PGUSER_SUPERUSER, PGPASSWORD_SUPERUSER); "
                    + "PGHA_DRILL_PASSWORD overrides (default: ${DEFAULT-VALUE})")
    Path envFile;

    @Option(names = "--watcher-image", defaultValue = "pgha/supervisor:local",
            description = "An image with the pgha jars, run on the stack network to watch every node (default: ${DEFAULT-VALUE})")
    String watcherImage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DrillScenario scenario = DrillScenario.parse(drill);
        if (runs < 1 || runs > 20) {
            throw PghaException.invalidInput("--runs must be between 1 and 20");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DrillTarget target = target();
        DrillSettings settings = new DrillSettings(writers, Duration.ofSeconds(faultSeconds), Duration.ofSeconds(60),
                Duration.ofSeconds(150));
        List<DrillResult> results = new ArrayList<>();
        try (DockerFaults docker = DockerFaults.connect()) {
            for (int i = 1; i <= runs; i++) {
                int n = i;
                DrillRunner runner = new DrillRunner(target, settings, docker,
                        step -> err.println("[" + scenario.cliName() + " " + n + "/" + runs + "] " + step));
                DrillResult r = runner.run(scenario);
                results.add(r);
                if (!json) {
                    out.println(DrillReport.line(n, r));
                    out.flush();
                }
            }
        }
        DrillSummary summary = DrillSummary.of(scenario, results);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("drill", scenario.cliName());
            doc.put("runs", results);
            doc.put("summary", summary);
            try {
                out.println(new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            } catch (IOException e) {
                throw PghaException.unavailable("cannot write JSON: " + e.getMessage(), e);
            }
        } else {
            out.println(DrillReport.summary(summary));
        }
        return ExitCodes.OK;
    }

    private DrillTarget target() {
        Map<String, String> urls = new LinkedHashMap<>();
        if (patroni != null && !patroni.isEmpty()) {
            urls.putAll(patroni);
        } else {
            for (int i = 0; i < members.size(); i++) {
                urls.put(members.get(i), "http://" + host + ":" + (8008 + i));
            }
        }
        Properties env = new Properties();
        if (Files.isRegularFile(envFile)) {
            try (var in = Files.newBufferedReader(envFile)) {
                env.load(in);
            } catch (IOException e) {
                throw PghaException.invalidInput("cannot read " + envFile + ": " + e.getMessage());
            }
        }
        String user = env.getProperty("PGUSER_SUPERUSER", "postgres");
        String password = Optional.ofNullable(System.getenv("PGHA_DRILL_PASSWORD"))
                .orElse(env.getProperty("PGPASSWORD_SUPERUSER", "postgres"));
        return new DrillTarget(scope, members, etcdMembers, network, host, writePort, readPort, urls, user, password, watcherImage);
    }
}
