package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.stack.StackService.ConfigFile;
import io.pgha.runtime.stack.StackService.PortMapping;
import io.pgha.runtime.stack.StackService.Role;
import io.pgha.runtime.stack.StackService.Secret;
import io.pgha.runtime.stack.StackService.SecretFile;
import io.pgha.runtime.stack.StackService.VolumeUse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The Swarm flavour of {@link ComposeRenderer}: the same {@link StackLayout} as a stack file for {@code docker stack
 * deploy} (docs/decisions/0028). What this kernel's Swarm can do decides its shape (docs/decisions/0026): every service
 * {@code endpoint_mode: dnsrr}, ports published in host mode, one plain attachable overlay network, members pinned by
 * {@link SwarmPlacement}, the router a global service. The cluster's files are Swarm secrets and configs mounted where
 * the single-engine stack has them (/run/pgha/tls, /run/pgha/secrets, haproxy.cfg): no password in an environment.
 * Like a compose project, etcd has TLS but no users, and the monitoring role is the superuser (nothing makes them
 * between etcd's quorum and Patroni's start). Backups are off: a pgBackRest repository on a volume would be one per
 * host.
 */
public final class SwarmStackRenderer {

    /** Where the password secrets' files are, beside the stack file. */
    public static final String SECRETS_DIR = "secrets";

    public static final String STACK_FILE = "stack.yml";

    /** Probes while a task starts (compose file 3.12, Docker Engine 25+); the usual interval once it is healthy. */
    static final int START_INTERVAL_SECONDS = 1;

    static final int START_PERIOD_SECONDS = 120;

    private SwarmStackRenderer() {}

    /** The spec a Swarm runs: the spec without backups (no repository shared by the hosts yet). */
    public static StackSpec swarmSpec(StackSpec spec) {
        if (spec.images() == ImageProfile.OFFICIAL) {
            throw PghaException.invalidInput("a Swarm stack runs the local images (--images local): the official Spilo"
                    + " image takes its passwords only from its environment, and a Swarm keeps them in secrets");
        }
        return spec.toBuilder().images(ImageProfile.LOCAL).backups(Backups.OFF).build();
    }

    public static String render(StackSpec requested, SwarmPlacement placement) {
        StackSpec spec = swarmSpec(requested);
        StackLayout layout = StackLayout.compose(spec);
        StringBuilder y = new StringBuilder();
        y.append("# The pgha stack on a Docker Swarm: ")
                .append(spec.etcdMembers())
                .append(" etcd member(s), ")
                .append(spec.nodes())
                .append(" PostgreSQL 17 node(s), the router on every node. Rendered by `pgha export-compose --swarm`\n")
                .append("# from the spec pgha up uses (docs/decisions/0028). Deploy: docker stack deploy -c ")
                .append(STACK_FILE)
                .append(' ')
                .append(spec.name())
                .append('\n')
                .append(
                        placement.hosts().isEmpty()
                                ? "# Placement by node label: docker node update --label-add " + SwarmPlacement.LABEL
                                        + "=N NODE, for N = 1.." + slots(spec) + "\n"
                                : "# Placement by node hostname: " + String.join(", ", placement.hosts()) + "\n")
                .append("version: \"3.12\"\n\nservices:\n");
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> configs = new LinkedHashMap<>();
        for (StackService s : layout.services()) {
            service(y, spec, s, placement, secrets, configs);
        }
        y.append("\nnetworks:\n  default:\n    driver: overlay\n    attachable: true\n\nvolumes:\n");
        layout.volumes().forEach(v -> y.append("  ").append(v).append(":\n"));
        if (!secrets.isEmpty()) {
            y.append("\nsecrets:\n");
            secrets.forEach((name, file) -> y.append("  ")
                    .append(name)
                    .append(":\n    file: ./")
                    .append(file)
                    .append('\n'));
        }
        if (!configs.isEmpty()) {
            y.append("\nconfigs:\n");
            configs.forEach((name, file) -> y.append("  ")
                    .append(name)
                    .append(":\n    file: ./")
                    .append(file)
                    .append('\n'));
        }
        return y.toString();
    }

    /** How many slots the placement needs: one per etcd member or PostgreSQL node, whichever are more. */
    public static int slots(StackSpec spec) {
        return Math.max(spec.etcdMembers(), spec.nodes());
    }

    private static void service(
            StringBuilder y,
            StackSpec spec,
            StackService s,
            SwarmPlacement placement,
            Map<String, String> secrets,
            Map<String, String> configs) {
        y.append("  ")
                .append(s.name())
                .append(":\n    image: ")
                .append(StackImages.LOCAL.of(s.image()))
                .append("\n    hostname: ")
                .append(s.name())
                .append('\n');
        ComposeRenderer.environment(y, environment(spec, s));
        ComposeRenderer.command(y, s.command());
        if (!s.volumes().isEmpty() || !s.binds().isEmpty()) {
            y.append("    volumes:\n");
            s.binds().forEach(b -> y.append("      - ").append(b).append('\n'));
            for (VolumeUse v : s.volumes()) {
                y.append("      - ")
                        .append(v.volume())
                        .append(':')
                        .append(v.path())
                        .append('\n');
            }
        }
        if (!s.secrets().isEmpty()) {
            y.append("    secrets:\n");
            for (SecretFile f : s.secrets()) {
                String name = secretName(s, f);
                secrets.put(name, secretFile(s, f, name));
                y.append("      - source: ")
                        .append(name)
                        .append("\n        target: ")
                        .append(f.path())
                        .append("\n        uid: \"")
                        .append(f.uid())
                        .append("\"\n        gid: \"")
                        .append(f.uid())
                        .append("\"\n        mode: 0")
                        .append(Integer.toOctalString(f.mode()))
                        .append('\n');
            }
        }
        if (!s.configFiles().isEmpty()) {
            y.append("    configs:\n");
            for (ConfigFile f : s.configFiles()) {
                String name = f.stackPath().replace('/', '-');
                configs.put(name, f.stackPath());
                y.append("      - source: ")
                        .append(name)
                        .append("\n        target: ")
                        .append(f.containerPath())
                        .append("\n        mode: 0444\n");
            }
        }
        if (!s.ports().isEmpty()) {
            // host mode: this kernel has no IP_VS, so no ingress routing mesh (docs/decisions/0026)
            y.append("    ports:\n");
            for (PortMapping p : s.ports()) {
                y.append("      - target: ")
                        .append(p.containerPort())
                        .append("\n        published: ")
                        .append(p.hostPort())
                        .append("\n        protocol: tcp\n        mode: host\n");
            }
        }
        if (s.role() == Role.ETCD) {
            // a task's name resolves only once it is healthy, and an etcd member is healthy only with a quorum, which
            // needs the other members' names: a health check would keep every member waiting for the others
            y.append(
                    "    # no health check: Swarm's DNS names a task only once it is healthy, etcd's quorum needs the names\n");
        } else {
            s.healthcheck().ifPresent(h -> healthcheck(y, h));
        }
        s.stopGraceSeconds()
                .ifPresent(g -> y.append("    stop_grace_period: ").append(g).append("s\n"));
        ComposeRenderer.labels(y, s.labels());
        y.append("    deploy:\n");
        OptionalInt slot = SwarmPlacement.slot(s);
        if (slot.isEmpty()) {
            y.append("      mode: global\n");
        }
        y.append("      endpoint_mode: dnsrr\n");
        slot.ifPresent(n -> y.append("      placement:\n        constraints:\n          - ")
                .append(Yaml.quoted(placement.constraint(n)))
                .append('\n'));
    }

    /**
     * The service's health check, probed every second while it starts: Swarm counts a task with a health check as
     * running, and names it in its DNS, only once it is healthy, so the first probe at the 30 s interval would hold every
     * replica's clone (it needs the leader's name) and up's wait for half a minute or more (docs/decisions/0043).
     */
    static void healthcheck(StringBuilder y, StackService.Healthcheck h) {
        ComposeRenderer.healthcheck(
                y,
                new StackService.Healthcheck(
                        h.test(),
                        h.intervalSeconds(),
                        h.timeoutSeconds(),
                        h.retries(),
                        Math.max(h.startPeriodSeconds(), START_PERIOD_SECONDS)));
        y.append("      start_interval: ").append(START_INTERVAL_SECONDS).append("s\n");
    }

    /** The service's environment plus the user names a compose project takes from .env.postgres (never a password). */
    private static Map<String, String> environment(StackSpec spec, StackService s) {
        Map<String, String> env = new LinkedHashMap<>(s.environment());
        StackUsers users = spec.users();
        if (s.role() == Role.POSTGRES) {
            env.put("PGUSER_SUPERUSER", users.superuser());
            env.put("PGUSER_STANDBY", users.replication());
            env.put("PGUSER_ADMIN", users.admin());
        } else if (s.role() == Role.EXPORTER) {
            env.put("DATA_SOURCE_USER", users.superuser());
            s.secrets().stream()
                    .filter(f -> f.path().endsWith("/DATA_SOURCE_PASS"))
                    .forEach(f -> env.put("DATA_SOURCE_PASS_FILE", f.path()));
        } else if (s.role() == Role.SUPERVISOR) {
            env.put(spec.security().authentication() ? "PGHA_POSTGRES_USER" : "PGUSER_SUPERUSER", users.superuser());
        }
        return env;
    }

    /** A secret's Swarm name: the service's own for its certificates, one per kind for passwords and users.cfg. */
    static String secretName(StackService s, SecretFile f) {
        if (f.path().startsWith(StackSecurity.TLS_DIR + "/")) {
            return s.name() + "-" + f.path().substring(f.path().lastIndexOf('/') + 1);
        }
        return passwordOf(f.secret()).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The file beside the stack file a secret is read from (certificates where export-compose writes them). */
    private static String secretFile(StackService s, SecretFile f, String name) {
        if (f.path().startsWith(StackSecurity.TLS_DIR + "/")) {
            return ComposeRenderer.tlsDir(s.name()) + f.path().substring(StackSecurity.TLS_DIR.length());
        }
        return SECRETS_DIR + "/" + name;
    }

    /** The monitoring role is the superuser here: nothing makes pgha_monitor before the exporters start. */
    public static Secret passwordOf(Secret secret) {
        return secret == Secret.MONITOR_PASSWORD ? Secret.SUPERUSER_PASSWORD : secret;
    }
}
