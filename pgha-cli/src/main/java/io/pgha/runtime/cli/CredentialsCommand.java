package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterConnection.RouterEndpoints;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.cluster.StackCredentials.Login;
import io.pgha.runtime.dcs.EtcdAccessPolicy;
import io.pgha.runtime.monitor.ProbeLogins;
import io.pgha.runtime.stack.StackSpec;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "credentials",
        mixinStandardHelpOptions = true,
        description = {
            "Print how applications connect to a stack pgha made: the application role's login and its verify-full",
            "connection strings for writes and reads (with the cluster CA's certificate as sslrootcert). --all adds the",
            "superuser, replication, admin, monitoring and API logins."
        })
final class CredentialsCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "stack name; default pg-ha")
    String name;

    @Mixin
    ClusterOption cluster;

    @Option(names = "--json", description = "as one JSON object")
    boolean json;

    @Option(
            names = {"--all", "--superuser"},
            description = "also the superuser's and the stack's own logins (keep them for administration)")
    boolean all;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        name = cluster.or(name).orElse(StackSpec.DEFAULT_NAME);
        PrintWriter out = command.commandLine().getOut();
        CredentialStore store = new CredentialStore();
        StackCredentials c = store.get(name);
        RouterEndpoints router = new ClusterRegistry()
                .find(name)
                .flatMap(k -> k.router())
                .orElse(new RouterEndpoints("127.0.0.1", 5000, 5001, "http://127.0.0.1:8404/"));
        Optional<String> ca = ProbeLogins.caFile(name);
        // the application's login on a stack that has one; the superuser's on a stack made before there was one
        Login app = c.application() != null ? c.application() : c.superuser();
        String database = c.application() != null ? app.user() : "postgres";
        String write = ConnectionUris.uri(app, router.host(), router.writePort(), database, ca);
        String read = ConnectionUris.uri(app, router.host(), router.readPort(), database, ca);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", name);
            doc.put("application", login(app));
            doc.put("database", database);
            doc.put("write_uri", write);
            doc.put("read_uri", read);
            doc.put("write_jdbc", ConnectionUris.jdbc(app, router.host(), router.writePort(), database, ca));
            doc.put("read_jdbc", ConnectionUris.jdbc(app, router.host(), router.readPort(), database, ca));
            if (router.writePorts().size() > 1) {
                doc.put(
                        "write_conninfo",
                        ConnectionUris.conninfo(app, router.host(), router.writePorts(), database, ca, true));
                doc.put(
                        "read_conninfo",
                        ConnectionUris.conninfo(app, router.host(), router.readPorts(), database, ca, false));
                doc.put(
                        "write_jdbc_routers",
                        ConnectionUris.jdbc(app, router.host(), router.writePorts(), database, ca, true));
                doc.put(
                        "read_jdbc_routers",
                        ConnectionUris.jdbc(app, router.host(), router.readPorts(), database, ca, false));
            }
            ca.ifPresent(f -> doc.put("sslrootcert", f));
            if (all) {
                doc.put("superuser", login(c.superuser()));
                doc.put("replication", login(c.replication()));
                doc.put("admin", login(c.admin()));
                optional(doc, "monitor", c.monitor());
                optional(doc, "patroni_rest_api", c.restApi());
                optional(doc, "router_stats", c.router());
                optional(doc, "etcd", etcdLogin(c));
                doc.put(
                        "superuser_write_uri",
                        ConnectionUris.uri(c.superuser(), router.host(), router.writePort(), "postgres", ca));
            }
            ProgressPrinter.printJson(out, doc);
        } else {
            out.println("Stack " + name + " (stored in " + store.file(name) + ", readable by you only)");
            out.println("  application  " + app.user() + "  " + app.password() + "  (database " + database + ")");
            out.println("  writes (primary):  " + write);
            out.println("  reads (replicas):  " + read);
            if (router.writePorts().size() > 1) {
                out.println("  through both routers (a client outlives one router's death):");
                out.println("    writes, libpq:   "
                        + ConnectionUris.conninfo(app, router.host(), router.writePorts(), database, ca, true));
                out.println("    reads, libpq:    "
                        + ConnectionUris.conninfo(app, router.host(), router.readPorts(), database, ca, false));
                out.println("    writes, pgjdbc:  "
                        + ConnectionUris.jdbc(app, router.host(), router.writePorts(), database, ca, true));
                out.println("    reads, pgjdbc:   "
                        + ConnectionUris.jdbc(app, router.host(), router.readPorts(), database, ca, false));
            }
            ca.ifPresent(f -> out.println("  sslrootcert:       " + f + "  (the cluster's CA; sslmode=verify-full)"));
            if (all) {
                out.println("  superuser    " + c.superuser().user() + "  "
                        + c.superuser().password());
                out.println("  replication  " + c.replication().user() + "  "
                        + c.replication().password());
                out.println(
                        "  admin        " + c.admin().user() + "  " + c.admin().password());
                print(out, "monitor     ", c.monitor());
                print(out, "rest api    ", c.restApi());
                print(out, "router stats", c.router());
                print(out, "etcd        ", etcdLogin(c));
                out.println("  superuser writes:  "
                        + ConnectionUris.uri(c.superuser(), router.host(), router.writePort(), "postgres", ca));
            } else {
                out.println("  (the superuser and the stack's own logins: pgha credentials --all"
                        + ("pg-ha".equals(name) ? "" : " " + name) + ")");
            }
        }
        return ExitCodes.OK;
    }

    /** pgha's own etcd login (etcd's root stays in the credential store: only pgha uses it, to make the users). */
    private static Login etcdLogin(StackCredentials c) {
        return c.etcd() == null
                ? null
                : new Login(EtcdAccessPolicy.PGHA, c.etcd().pgha());
    }

    private static void optional(Map<String, Object> doc, String key, Login l) {
        if (l != null) {
            doc.put(key, login(l));
        }
    }

    private static void print(PrintWriter out, String what, Login l) {
        if (l != null) {
            out.println("  " + what + " " + l.user() + "  " + l.password());
        }
    }

    private static Map<String, String> login(Login l) {
        return Map.of("user", l.user(), "password", l.password());
    }
}
