package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterConnection.RouterEndpoints;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.cluster.StackCredentials.Login;
import io.pgha.runtime.stack.StackSpec;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "credentials",
        mixinStandardHelpOptions = true,
        description =
                "Print the generated passwords of a stack pgha made, with connection strings for writes and reads.")
final class CredentialsCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "NAME",
            defaultValue = StackSpec.DEFAULT_NAME,
            description = "stack name; default pg-ha")
    String name;

    @Option(names = "--json", description = "as one JSON object")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        CredentialStore store = new CredentialStore();
        StackCredentials c = store.get(name);
        RouterEndpoints router = new ClusterRegistry()
                .find(name)
                .flatMap(k -> k.router())
                .orElse(new RouterEndpoints("127.0.0.1", 5000, 5001, "http://127.0.0.1:8404/"));
        Login su = c.superuser();
        String write = uri(su, router.host(), router.writePort());
        String read = uri(su, router.host(), router.readPort());
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", name);
            doc.put("superuser", login(su));
            doc.put("replication", login(c.replication()));
            doc.put("admin", login(c.admin()));
            doc.put("write_uri", write);
            doc.put("read_uri", read);
            doc.put("write_jdbc", jdbc(su, router.host(), router.writePort()));
            doc.put("read_jdbc", jdbc(su, router.host(), router.readPort()));
            ProgressPrinter.printJson(out, doc);
        } else {
            out.println("Stack " + name + " (stored in " + store.file(name) + ", readable by you only)");
            out.println("  superuser    " + su.user() + "  " + su.password());
            out.println("  replication  " + c.replication().user() + "  "
                    + c.replication().password());
            out.println("  admin        " + c.admin().user() + "  " + c.admin().password());
            out.println("  writes (primary):  " + write);
            out.println("  reads (replicas):  " + read);
        }
        return ExitCodes.OK;
    }

    private static Map<String, String> login(Login l) {
        return Map.of("user", l.user(), "password", l.password());
    }

    private static String uri(Login l, String host, int port) {
        return "postgresql://" + enc(l.user()) + ":" + enc(l.password()) + "@" + host + ":" + port + "/postgres";
    }

    private static String jdbc(Login l, String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres?user=" + enc(l.user()) + "&password="
                + enc(l.password());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
