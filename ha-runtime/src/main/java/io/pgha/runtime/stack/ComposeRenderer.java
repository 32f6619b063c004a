package io.pgha.runtime.stack;

import io.pgha.runtime.stack.StackService.PortMapping;
import io.pgha.runtime.stack.StackService.VolumeUse;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a spec as a docker-compose.yml that starts the same stack as {@code pgha up}, credentials
 * coming from .env.postgres beside it. The committed stack/docker-compose.yml is this rendering of the
 * default spec, byte for byte.
 */
public final class ComposeRenderer {

    public static final String CREDENTIALS_FILE = ".env.postgres";
    public static final String HAPROXY_CONFIG_FILE = StackLayout.HAPROXY_CONFIG_FILE;

    private ComposeRenderer() {}

    /** Where the committed stack/docker-compose.yml finds the sources its supervisor image is built from. */
    public static final String COMMITTED_BUILD_CONTEXT = "..";
    /** The supervisor's Dockerfile, relative to the build context (the repository root). */
    public static final String SUPERVISOR_DOCKERFILE = "stack/images/supervisor/Dockerfile";

    /** The committed rendering: the supervisor is built from the checkout the compose file sits in. */
    public static String render(StackSpec spec) {
        return render(spec, java.util.Optional.of(COMMITTED_BUILD_CONTEXT));
    }

    /**
     * @param supervisorSources the build context (a checkout's root) compose builds the supervisor's image from when it is
     *                          missing; empty where there are no sources (an installed pgha: `pgha up` builds it from its jars)
     */
    public static String render(StackSpec spec, java.util.Optional<String> supervisorSources) {
        StackLayout layout = StackLayout.compose(spec);
        StackImages defaults = spec.images() == ImageProfile.LOCAL ? StackImages.LOCAL : StackImages.OFFICIAL;
        String pullPolicy = spec.images() == ImageProfile.LOCAL ? "never" : "missing";
        StringBuilder y = new StringBuilder();
        y.append("# The pgha stack: ")
                .append(count(spec.etcdMembers(), "etcd member"))
                .append(", ")
                .append(count(spec.nodes(), "PostgreSQL 17 node"))
                .append(" (Spilo, with Patroni), HAProxy and exporters.\n")
                .append("# Rendered from ")
                .append(spec.equals(StackSpec.committed()) ? "the committed StackSpec" : "a StackSpec")
                .append(" by `pgha export-compose`; a test fails when the two differ.\n")
                .append(
                        "# Official images by default; local ones with: docker compose --env-file stack/local.env -f stack/docker-compose.yml up -d\n")
                .append(
                        spec.security().isSeed()
                                ? "# WARNING: INSECURE SEED STACK. Weak default passwords (postgres/postgres in .env.postgres), no TLS,\n"
                                        + "# no login on Patroni's REST API, HAProxy's runtime API open to every container on the network.\n"
                                        + "# Only for trying pgha on this machine. `pgha up` and `pgha export-compose` make the secure stack.\n"
                                : "# Secure: certificates of the cluster's own CA (tls/), logins on Patroni's REST API and HAProxy's stats\n"
                                        + "# page, generated passwords in .env.postgres (keep it private), docs/decisions/0020.\n"
                                        + "# etcd over TLS without users: nothing in compose can make them between etcd's quorum and\n"
                                        + "# Patroni's start (`pgha up` does, docs/decisions/0019).\n")
                .append("name: ")
                .append(spec.name())
                .append("\n\nservices:\n");
        for (StackService s : layout.services()) {
            // The supervisor's image is always built locally: never try a registry for it.
            service(
                    y,
                    layout,
                    s,
                    defaults.of(s.image()),
                    s.role() == StackService.Role.SUPERVISOR ? "never" : pullPolicy,
                    s.role() == StackService.Role.SUPERVISOR ? supervisorSources : java.util.Optional.empty());
        }
        y.append("\nnetworks:\n  default:\n    name: ").append(layout.network()).append("\n\nvolumes:\n");
        for (String v : layout.volumes()) {
            y.append("  ").append(v).append(":\n");
        }
        return y.toString();
    }

    /** local.env: selects the images build-local.sh makes. */
    public static String localEnv() {
        StringBuilder e = new StringBuilder("""
                # Selects the images built by stack/images/build-local.sh (Debian trixie packages, no registry needed):
                #   stack/images/build-local.sh
                #   docker compose --env-file stack/local.env -f stack/docker-compose.yml up -d
                """);
        for (StackImages.ImageKind kind : StackImages.ImageKind.values()) {
            e.append(kind.composeVariable())
                    .append('=')
                    .append(StackImages.LOCAL.of(kind))
                    .append('\n');
        }
        return e.append("SUPERVISOR_JDK_IMAGE=")
                .append(StackImages.LOCAL_JDK)
                .append('\n')
                .append("SUPERVISOR_JRE_IMAGE=")
                .append(StackImages.LOCAL_JRE)
                .append('\n')
                .append("PULL_POLICY=never\n")
                .toString();
    }

    /** .env.postgres with the given credentials (the exporters log in as the superuser). */
    public static String credentialsEnv(io.pgha.runtime.cluster.StackCredentials c) {
        return credentialsEnv(c, StackSecurity.SEED);
    }

    /**
     * .env.postgres with the given credentials, and with logins the REST API's and the stats page's passwords (a compose
     * project has no provisioner to make the monitoring role: its exporters log in as the superuser).
     */
    public static String credentialsEnv(io.pgha.runtime.cluster.StackCredentials c, StackSecurity security) {
        String env =
                "# Credentials of the PostgreSQL roles (read by the pg-N containers, their exporters and the supervisor).\n"
                        + "# Generated by pgha export-compose; keep this file private.\n"
                        + "PGUSER_SUPERUSER=" + c.superuser().user() + "\nPGPASSWORD_SUPERUSER="
                        + c.superuser().password() + "\n"
                        + "PGUSER_STANDBY=" + c.replication().user() + "\nPGPASSWORD_STANDBY="
                        + c.replication().password() + "\n"
                        + "PGUSER_ADMIN=" + c.admin().user() + "\nPGPASSWORD_ADMIN="
                        + c.admin().password() + "\n"
                        + "DATA_SOURCE_USER=" + c.superuser().user() + "\nDATA_SOURCE_PASS="
                        + c.superuser().password() + "\n";
        if (security.authentication()) {
            env += "# Patroni's REST API (user " + c.restApi().user() + ") and HAProxy's stats page (user "
                    + c.router().user() + ")\n"
                    + "PATRONI_RESTAPI_PASSWORD=" + c.restApi().password() + "\n"
                    + STATS_PASSWORD_VARIABLE + "=" + c.router().password() + "\n";
        }
        return env;
    }

    private static void service(
            StringBuilder y,
            StackLayout layout,
            StackService s,
            String image,
            String pullPolicy,
            java.util.Optional<String> buildContext) {
        y.append("  ")
                .append(s.name())
                .append(":\n")
                .append("    image: ${")
                .append(s.image().composeVariable())
                .append(":-")
                .append(image)
                .append("}\n");
        buildContext.ifPresent(context -> y.append(
                        "    # Built by compose when missing: the pgha jars from these sources, on a JRE (local.env: Debian's)\n")
                .append("    build:\n      context: ")
                .append(Yaml.string(context))
                .append('\n')
                .append("      dockerfile: ")
                .append(SUPERVISOR_DOCKERFILE)
                .append('\n')
                .append("      args:\n")
                .append("        JDK_IMAGE: ${SUPERVISOR_JDK_IMAGE:-")
                .append(StackImages.SUPERVISOR_JDK)
                .append("}\n")
                .append("        JRE_IMAGE: ${SUPERVISOR_JRE_IMAGE:-")
                .append(StackImages.SUPERVISOR_JRE)
                .append("}\n"));
        y.append(
                        s.role() == StackService.Role.SUPERVISOR
                                ? "    pull_policy: never\n"
                                : "    pull_policy: ${PULL_POLICY:-" + pullPolicy + "}\n")
                .append("    container_name: ")
                .append(layout.containerName(s.name()))
                .append('\n')
                .append("    hostname: ")
                .append(s.name())
                .append('\n')
                .append("    restart: unless-stopped\n");
        boolean tls = s.secrets().stream().anyMatch(f -> f.path().startsWith(StackSecurity.TLS_DIR + "/"));
        boolean users = s.secrets().stream().anyMatch(f -> f.secret() == StackService.Secret.ROUTER_USERS);
        if (s.credentials() || users) {
            y.append("    env_file: ").append(CREDENTIALS_FILE).append('\n');
        }
        environment(y, s.environment());
        command(y, s.command());
        if (!s.volumes().isEmpty() || !s.configFiles().isEmpty() || !s.binds().isEmpty() || tls || users) {
            y.append("    volumes:\n");
            for (String b : s.binds()) {
                y.append("      - ").append(b).append('\n');
            }
            for (VolumeUse v : s.volumes()) {
                y.append("      - ")
                        .append(v.volume())
                        .append(':')
                        .append(v.path())
                        .append('\n');
            }
            for (StackService.ConfigFile f : s.configFiles()) {
                y.append("      - ./")
                        .append(f.stackPath())
                        .append(':')
                        .append(f.containerPath())
                        .append(":ro\n");
            }
            if (users) {
                y.append("      - ./")
                        .append(StackLayout.HAPROXY_USERS_FILE)
                        .append(':')
                        .append(StackLayout.HAPROXY_USERS_PATH)
                        .append(":ro\n");
            }
            if (tls) {
                y.append("      - ./")
                        .append(tlsDir(s.name()))
                        .append(':')
                        .append(StackSecurity.TLS_DIR)
                        .append(":ro\n");
            }
        }
        if (!s.ports().isEmpty()) {
            y.append("    ports:\n");
            String bind = layout.spec().bindAddress().contains(":")
                    ? "[" + layout.spec().bindAddress() + "]"
                    : layout.spec().bindAddress();
            for (PortMapping p : s.ports()) {
                y.append("      - \"")
                        .append(bind)
                        .append(':')
                        .append(p.hostPort())
                        .append(':')
                        .append(p.containerPort())
                        .append("\"\n");
            }
        }
        s.healthcheck().ifPresent(h -> healthcheck(y, h));
        s.stopGraceSeconds()
                .ifPresent(g -> y.append("    stop_grace_period: ").append(g).append("s\n"));
        if (!s.dnsOptions().isEmpty()) {
            y.append(
                            "    # Fail name lookups fast when cut off, so Patroni demotes within retry_timeout (well before ttl).\n")
                    .append("    dns_opt:\n");
            s.dnsOptions().forEach(o -> y.append("      - ").append(o).append('\n'));
        }
        labels(y, s.labels());
        if (!s.dependsOn().isEmpty()) {
            y.append("    depends_on:\n");
            s.dependsOn().forEach(d -> y.append("      - ").append(d).append('\n'));
        }
    }

    /** A service's environment, multi-line values as literal blocks (both renderings). */
    static void environment(StringBuilder y, Map<String, String> environment) {
        if (environment.isEmpty()) {
            return;
        }
        y.append("    environment:\n");
        for (Map.Entry<String, String> e : environment.entrySet()) {
            y.append("      ").append(e.getKey()).append(": ");
            if (e.getValue().contains("\n")) {
                y.append("|\n");
                e.getValue().lines().forEach(l -> y.append("        ").append(l).append('\n'));
            } else {
                y.append(Yaml.string(e.getValue())).append('\n');
            }
        }
    }

    static void command(StringBuilder y, java.util.List<String> command) {
        if (!command.isEmpty()) {
            y.append("    command: [")
                    .append(command.stream().map(Yaml::quoted).collect(Collectors.joining(", ")))
                    .append("]\n");
        }
    }

    /** Docker's health check, with compose's $$ escaping (docker stack deploy interpolates the same way). */
    static void healthcheck(StringBuilder y, StackService.Healthcheck h) {
        y.append("    healthcheck:\n")
                .append("      test: [")
                .append(h.test().stream()
                        .map(t -> Yaml.quoted(t.replace("$", "$$")))
                        .collect(Collectors.joining(", ")))
                .append("]\n")
                .append("      interval: ")
                .append(h.intervalSeconds())
                .append("s\n")
                .append("      timeout: ")
                .append(h.timeoutSeconds())
                .append("s\n")
                .append("      retries: ")
                .append(h.retries())
                .append('\n')
                .append(h.startPeriodSeconds() > 0 ? "      start_period: " + h.startPeriodSeconds() + "s\n" : "");
    }

    static void labels(StringBuilder y, Map<String, String> labels) {
        if (!labels.isEmpty()) {
            y.append("    labels:\n");
            labels.forEach((k, v) -> y.append("      ")
                    .append(k)
                    .append(": ")
                    .append(Yaml.string(v))
                    .append('\n'));
        }
    }

    /** Where a compose project keeps the certificates a service reads (its CA's, and a node's own), beside the file. */
    public static String tlsDir(String service) {
        return "tls/" + service;
    }

    /** The compose variable HAProxy's users.cfg takes the stats password from. */
    public static final String STATS_PASSWORD_VARIABLE = "PGHA_STATS_PASSWORD";

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
