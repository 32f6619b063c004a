package io.pgha.runtime.stack;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a stack spec from YAML. Every key is optional and overrides the default; unknown keys and values
 * of the wrong type are refused with the key's path, so a typo never silently falls back to a default.
 *
 * <pre>
 * name: pg-ha
 * nodes: 3
 * etcd_members: 3
 * images: local            # official | local | auto
 * bind_address: 127.0.0.1
 * ports: {write: 5000, read: 5001, stats: 8404, patroni: 8008, etcd: 23791, exporter: 9187, prometheus: 9090}
 * patroni: {ttl: 20, loop_wait: 2, retry_timeout: 5, synchronous_mode: quorum, synchronous_node_count: 1,
 *           maximum_lag_on_failover: 1048576, primary_start_timeout: 10}
 * fast_paths: {supervisor: true, short_dns_timeouts: true,
 *              router_checks: {inter_ms: 1000, fastinter_ms: 500, downinter_ms: 1000, fall: 2, rise: 1}}
 * postgresql: {parameters: {max_connections: 200, wal_keep_size: 256MB, wal_retrieve_retry_interval: 100ms}}
 * users: {superuser: postgres, replication: standby, admin: admin}
 * monitoring: {prometheus: true, retention: 7d}
 * security: {tls: true, authentication: true}   # false, false: the seed's open stack
 * backups: {enabled: true, retention_full: 2}    # pgBackRest, docs/decisions/0021; full_every: 7d, diff_every: 1d (0025)
 * routers: 2               # pg-router and pg-router-2 (docs/decisions/0030); 1 on the committed seed stack
 * </pre>
 */
public final class StackSpecFile {

    private static final ObjectMapper YAML = Json.yaml();

    private StackSpecFile() {}

    /** The spec as YAML in the format {@link #parse} reads: every key, in a fixed order (it is also the spec's fingerprint). */
    public static String write(StackSpec spec) {
        try {
            return YAML.writeValueAsString(tree(spec)).replaceFirst("^---\\n", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The keys and values of a spec, nested as in the file. */
    public static Map<String, Object> tree(StackSpec spec) {
        Map<String, Object> t = new java.util.LinkedHashMap<>();
        t.put("name", spec.name());
        t.put("nodes", spec.nodes());
        t.put("etcd_members", spec.etcdMembers());
        t.put("images", spec.images().id());
        t.put("bind_address", spec.bindAddress());
        StackPorts p = spec.ports();
        t.put(
                "ports",
                ordered(
                        "write",
                        p.write(),
                        "read",
                        p.read(),
                        "stats",
                        p.stats(),
                        "patroni",
                        p.patroni(),
                        "etcd",
                        p.etcd(),
                        "exporter",
                        p.exporter(),
                        "prometheus",
                        p.prometheus()));
        PatroniTuning pt = spec.patroni();
        t.put(
                "patroni",
                ordered(
                        "ttl",
                        pt.ttl(),
                        "loop_wait",
                        pt.loopWait(),
                        "retry_timeout",
                        pt.retryTimeout(),
                        "synchronous_mode",
                        pt.synchronousMode().name().toLowerCase(java.util.Locale.ROOT),
                        "synchronous_node_count",
                        pt.synchronousNodeCount(),
                        "maximum_lag_on_failover",
                        pt.maximumLagOnFailover(),
                        "primary_start_timeout",
                        pt.primaryStartTimeout()));
        FastPaths fp = spec.fastPaths();
        RouterChecks rc = fp.routerChecks();
        t.put(
                "fast_paths",
                ordered(
                        "supervisor",
                        fp.supervisor(),
                        "short_dns_timeouts",
                        fp.shortDnsTimeouts(),
                        "router_checks",
                        ordered(
                                "inter_ms",
                                rc.interMs(),
                                "fastinter_ms",
                                rc.fastInterMs(),
                                "downinter_ms",
                                rc.downInterMs(),
                                "fall",
                                rc.fall(),
                                "rise",
                                rc.rise()),
                        "fast_handover",
                        fp.fastHandover()));
        t.put("postgresql", Map.of("parameters", spec.postgresParameters()));
        StackUsers u = spec.users();
        t.put("users", ordered("superuser", u.superuser(), "replication", u.replication(), "admin", u.admin()));
        t.put(
                "monitoring",
                ordered(
                        "prometheus",
                        spec.monitoring().prometheus(),
                        "retention",
                        spec.monitoring().retention()));
        t.put(
                "security",
                ordered(
                        "tls",
                        spec.security().tls(),
                        "authentication",
                        spec.security().authentication()));
        Map<String, Object> backups = ordered(
                "enabled",
                spec.backups().enabled(),
                "retention_full",
                spec.backups().retentionFull());
        // the schedule only when it is not the default, so that a stack made before it keeps its fingerprint
        BackupSchedule schedule = spec.backups().schedule();
        if (!schedule.fullEvery().equals(BackupSchedule.DEFAULTS.fullEvery())) {
            backups.put("full_every", BackupSchedule.text(schedule.fullEvery()));
        }
        if (!schedule.diffEvery().equals(BackupSchedule.DEFAULTS.diffEvery())) {
            backups.put("diff_every", BackupSchedule.text(schedule.diffEvery()));
        }
        t.put("backups", backups);
        // only when not the default, so that a stack made before there were two keeps its fingerprint
        if (spec.routers() != StackSpec.defaults().routers()) {
            t.put("routers", spec.routers());
        }
        return t;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** The defaults overridden by the file, as a builder so command-line flags can override it in turn. */
    public static StackSpec.Builder load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw PghaException.invalidInput("spec file " + file + " does not exist");
        } catch (IOException e) {
            throw PghaException.invalidInput("cannot read spec file " + file + ": " + e.getMessage());
        }
        try {
            StackSpec.Builder b = parse(text);
            b.build(); // so a bad value is reported with the file's name
            return b;
        } catch (PghaException e) {
            throw new PghaException(e.kind(), file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The defaults overridden by the YAML text. A mistake is refused as INVALID_INPUT naming the key and, when the key is
     * in the text, its line ("unknown key 'nodez'; known keys: … (line 2)"), so an editor can point at it.
     */
    public static StackSpec.Builder parse(String yaml) {
        try {
            return parseTree(yaml);
        } catch (PghaException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("(line ")) {
                throw e;
            }
            int line = lineOf(yaml, message);
            if (line < 1) {
                throw e;
            }
            throw new PghaException(e.kind(), message + " (line " + line + ")", e);
        }
    }

    /** The line of the longest key path that {@code message} names ('patroni.ttl' or "patroni.ttl must …"); 0: none. */
    private static int lineOf(String yaml, String message) {
        Map<String, Integer> lines = new java.util.HashMap<>();
        try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(yaml)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String path = p.getParsingContext()
                            .pathAsPointer()
                            .toString()
                            .substring(1)
                            .replace('/', '.');
                    lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // the key's line is a help: without it the message still names the key
        }
        return lines.entrySet().stream()
                .filter(k -> message.contains("'" + k.getKey() + "'") || message.startsWith(k.getKey() + " "))
                .max(java.util.Comparator.comparingInt(k -> k.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(0);
    }

    private static StackSpec.Builder parseTree(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw PghaException.invalidInput("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IOException e) {
            throw PghaException.invalidInput("cannot read the spec: " + e.getMessage());
        }
        StackSpec.Builder b = StackSpec.builder();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return b;
        }
        StackSpec d = b.build();
        Section top = new Section(
                "",
                root,
                Set.of(
                        "name",
                        "nodes",
                        "etcd_members",
                        "images",
                        "bind_address",
                        "ports",
                        "patroni",
                        "postgresql",
                        "users",
                        "fast_paths",
                        "monitoring",
                        "security",
                        "backups",
                        "routers"));
        top.text("name", b::name);
        top.integer("nodes", b::nodes);
        top.integer("etcd_members", b::etcdMembers);
        top.integer("routers", b::routers);
        top.text("images", v -> b.images(ImageProfile.parse(v)));
        top.text("bind_address", b::bindAddress);
        top.section("ports", Set.of("write", "read", "stats", "patroni", "etcd", "exporter", "prometheus"))
                .ifPresent(p -> {
                    StackPorts o = d.ports();
                    b.ports(new StackPorts(
                            p.integerOr("write", o.write()),
                            p.integerOr("read", o.read()),
                            p.integerOr("stats", o.stats()),
                            p.integerOr("patroni", o.patroni()),
                            p.integerOr("etcd", o.etcd()),
                            p.integerOr("exporter", o.exporter()),
                            p.integerOr("prometheus", o.prometheus())));
                });
        top.section("security", Set.of("tls", "authentication"))
                .ifPresent(m -> b.security(new StackSecurity(
                        m.booleanOr("tls", d.security().tls()),
                        m.booleanOr("authentication", d.security().authentication()))));
        top.section("backups", Set.of("enabled", "retention_full", "full_every", "diff_every"))
                .ifPresent(m -> b.backups(new Backups(
                        m.booleanOr("enabled", d.backups().enabled()),
                        m.integerOr("retention_full", d.backups().retentionFull()),
                        new BackupSchedule(
                                BackupSchedule.parse(
                                        "full_every",
                                        m.textOr(
                                                "full_every",
                                                BackupSchedule.text(
                                                        d.backups().schedule().fullEvery()))),
                                BackupSchedule.parse(
                                        "diff_every",
                                        m.textOr(
                                                "diff_every",
                                                BackupSchedule.text(
                                                        d.backups().schedule().diffEvery())))))));
        top.section("monitoring", Set.of("prometheus", "retention"))
                .ifPresent(m -> b.monitoring(new Monitoring(
                        m.booleanOr("prometheus", d.monitoring().prometheus()),
                        m.textOr("retention", d.monitoring().retention()))));
        top.section(
                        "patroni",
                        Set.of(
                                "ttl",
                                "loop_wait",
                                "retry_timeout",
                                "synchronous_mode",
                                "synchronous_node_count",
                                "maximum_lag_on_failover",
                                "primary_start_timeout"))
                .ifPresent(p -> {
                    PatroniTuning o = d.patroni();
                    b.patroni(new PatroniTuning(
                            p.integerOr("ttl", o.ttl()),
                            p.integerOr("loop_wait", o.loopWait()),
                            p.integerOr("retry_timeout", o.retryTimeout()),
                            p.synchronousModeOr("synchronous_mode", o.synchronousMode()),
                            p.integerOr("synchronous_node_count", o.synchronousNodeCount()),
                            p.longOr("maximum_lag_on_failover", o.maximumLagOnFailover()),
                            p.integerOr("primary_start_timeout", o.primaryStartTimeout())));
                });
        top.section("fast_paths", Set.of("supervisor", "short_dns_timeouts", "router_checks", "fast_handover"))
                .ifPresent(f -> {
                    FastPaths o = d.fastPaths();
                    RouterChecks checks = f.section(
                                    "router_checks", Set.of("inter_ms", "fastinter_ms", "downinter_ms", "fall", "rise"))
                            .map(c -> new RouterChecks(
                                    c.integerOr("inter_ms", o.routerChecks().interMs()),
                                    c.integerOr("fastinter_ms", o.routerChecks().fastInterMs()),
                                    c.integerOr("downinter_ms", o.routerChecks().downInterMs()),
                                    c.integerOr("fall", o.routerChecks().fall()),
                                    c.integerOr("rise", o.routerChecks().rise())))
                            .orElse(o.routerChecks());
                    b.fastPaths(new FastPaths(
                            f.booleanOr("supervisor", o.supervisor()),
                            f.booleanOr("short_dns_timeouts", o.shortDnsTimeouts()),
                            checks,
                            f.booleanOr("fast_handover", o.fastHandover())));
                });
        top.section("postgresql", Set.of("parameters"))
                .flatMap(p -> p.section("parameters", null))
                .ifPresent(params -> {
                    for (Iterator<Map.Entry<String, JsonNode>> it = params.node.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                            throw PghaException.invalidInput(params.path(e.getKey()) + " must be a single value");
                        }
                        b.postgresParameter(e.getKey(), e.getValue().asText());
                    }
                });
        top.section("users", Set.of("superuser", "replication", "admin")).ifPresent(u -> {
            StackUsers o = d.users();
            b.users(new StackUsers(
                    u.textOr("superuser", o.superuser()),
                    u.textOr("replication", o.replication()),
                    u.textOr("admin", o.admin())));
        });
        return b;
    }

    /** One mapping of the file, with the keys it accepts. */
    private record Section(String prefix, JsonNode node, Set<String> keys) {

        Section {
            if (!node.isObject()) {
                throw PghaException.invalidInput(
                        (prefix.isEmpty() ? "the spec" : prefix) + " must be a mapping of keys to values");
            }
            if (keys != null) {
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!keys.contains(k)) {
                        throw PghaException.invalidInput("unknown key '" + (prefix.isEmpty() ? k : prefix + "." + k)
                                + "'; known keys" + (prefix.isEmpty() ? "" : " of " + prefix) + ": "
                                + String.join(", ", new java.util.TreeSet<>(keys)));
                    }
                }
            }
        }

        String path(String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }

        java.util.Optional<Section> section(String key, Set<String> keys) {
            JsonNode n = node.get(key);
            return n == null || n.isNull()
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(new Section(path(key), n, keys));
        }

        void text(String key, Consumer<String> to) {
            JsonNode n = node.get(key);
            if (n != null && !n.isNull()) {
                if (!n.isValueNode()) {
                    throw PghaException.invalidInput(path(key) + " must be a single value");
                }
                to.accept(n.asText());
            }
        }

        String textOr(String key, String otherwise) {
            String[] v = {otherwise};
            text(key, s -> v[0] = s);
            return v[0];
        }

        void integer(String key, java.util.function.IntConsumer to) {
            JsonNode n = node.get(key);
            if (n != null && !n.isNull()) {
                if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                    throw PghaException.invalidInput(path(key) + " must be a whole number, not '" + n.asText() + "'");
                }
                to.accept(n.intValue());
            }
        }

        int integerOr(String key, int otherwise) {
            int[] v = {otherwise};
            integer(key, i -> v[0] = i);
            return v[0];
        }

        long longOr(String key, long otherwise) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return otherwise;
            }
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw PghaException.invalidInput(path(key) + " must be a whole number, not '" + n.asText() + "'");
            }
            return n.longValue();
        }

        boolean booleanOr(String key, boolean otherwise) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return otherwise;
            }
            if (!n.isBoolean()) {
                throw PghaException.invalidInput(path(key) + " must be true or false, not '" + n.asText() + "'");
            }
            return n.booleanValue();
        }

        SynchronousMode synchronousModeOr(String key, SynchronousMode otherwise) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return otherwise;
            }
            if (!n.isValueNode()) {
                throw PghaException.invalidInput(path(key) + " must be off, on or quorum");
            }
            try {
                return SynchronousMode.parse(n.asText());
            } catch (PghaException e) {
                throw PghaException.invalidInput(
                        path(key) + " must be off, on or quorum (or true/false), not '" + n.asText() + "'");
            }
        }
    }
}
