package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.postgres.RoleProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `pgha probe-roles`: run inside the stack network by `pgha drill`, it asks every node directly whether it
 * accepts writes, every interval, and prints one line per sample: {@code S <epoch-ms> <node> <w|r|u>}
 * (writable, read-only, unreachable). It logs in as PGHA_PROBE_USER with the password in the file PGHA_PROBE_PASSWORD_FILE
 * names (never a password in the environment, where {@code docker inspect} shows it).
 */
@Command(
        name = "probe-roles",
        hidden = true,
        description = "Print whether each node accepts writes, continuously (used by pgha drill).")
public final class ProbeRolesCommand implements Callable<Integer> {

    @Option(names = "--members", required = true, split = ",")
    List<String> members;

    @Option(names = "--port", defaultValue = "5432")
    int port;

    @Option(names = "--interval-ms", defaultValue = "50")
    long intervalMs;

    @Option(names = "--for", defaultValue = "PT5M", description = "Stop after this long (ISO-8601 duration)")
    Duration duration;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String user = Optional.ofNullable(System.getenv("PGHA_PROBE_USER")).orElse("postgres");
        String password = password();
        PrintWriter out = spec.commandLine().getOut();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (String member : members) {
            Thread t = new Thread(
                    () -> {
                        try (RoleProbe probe = new RoleProbe(member, port, user, password)) {
                            while (System.nanoTime() < end) {
                                String state = probe.writeRole()
                                        .map(r -> switch (r) {
                                            case WRITABLE -> "w";
                                            case WAITING_FOR_STANDBYS -> "q";
                                            case READ_ONLY -> "r";
                                        })
                                        .orElse("u");
                                synchronized (out) {
                                    out.println("S " + System.currentTimeMillis() + " " + member + " " + state);
                                    out.flush();
                                }
                                Thread.sleep(intervalMs); // the sampling period
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "probe-" + member);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return ExitCodes.OK;
    }

    private static String password() {
        String file = System.getenv("PGHA_PROBE_PASSWORD_FILE");
        if (file == null) {
            return "";
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw PghaException.unavailable("cannot read the probe's password file " + file + ": " + e);
        }
    }
}
