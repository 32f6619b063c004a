package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything that defines a stack: the single source of truth that the provisioner turns into Docker
 * objects and {@code pgha export-compose} into a compose file and haproxy.cfg. The defaults are the
 * committed stack (stack/docker-compose.yml). Invalid values are refused when the record is made.
 *
 * @param name               the stack's name: Patroni scope, compose project and Docker network
 * @param nodes              PostgreSQL nodes pg-0 … (1-7)
 * @param etcdMembers        etcd members etcd-1 … (1, 3 or 5)
 * @param images             which images to run
 * @param bindAddress        the host address every port is published on
 * @param ports              the published host ports
 * @param patroni            Patroni's failure-detection settings
 * @param postgresParameters PostgreSQL parameters set through Patroni's bootstrap configuration, in order
 * @param users              the PostgreSQL role names (passwords are generated per cluster)
 * @param fastPaths          what pgha adds to fail over fast
 * @param monitoring         the stack's own Prometheus
 * @param security           TLS and authentication (secure unless the seed's open stack is asked for)
 * @param backups            WAL archive and base backups (docs/decisions/0021); off on the committed seed stack
 * @param routers            how many routers (HAProxy) the stack runs, 1 or 2: two on a stack {@code pgha up} makes, so
 *                           a client with both in its connection string outlives one's death (docs/decisions/0030); one
 *                           on the committed seed stack
 */
public record StackSpec(
        String name,
        int nodes,
        int etcdMembers,
        ImageProfile images,
        String bindAddress,
        StackPorts ports,
        PatroniTuning patroni,
        Map<String, String> postgresParameters,
        StackUsers users,
        FastPaths fastPaths,
        Monitoring monitoring,
        StackSecurity security,
        Backups backups,
        int routers) {

    public static final String DEFAULT_NAME = "pg-ha";
    public static final int MAX_NODES = 7;
    private static final Set<Integer> ETCD_SIZES = Set.of(1, 3, 5);
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final Pattern PARAMETER = Pattern.compile("[a-z][a-z0-9_.]*");

    public StackSpec {
        ClusterRegistry.checkName(name);
        if (nodes < 1 || nodes > MAX_NODES) {
            throw PghaException.invalidInput("a stack has 1 to " + MAX_NODES + " PostgreSQL nodes, not " + nodes);
        }
        if (!ETCD_SIZES.contains(etcdMembers)) {
            throw PghaException.invalidInput(
                    "a stack has 1, 3 or 5 etcd members (an odd number keeps a quorum), not " + etcdMembers);
        }
        Objects.requireNonNull(images, "images");
        if (bindAddress == null
                || !(IPV4.matcher(bindAddress).matches()
                        || IPV6.matcher(bindAddress).matches())) {
            throw PghaException.invalidInput(
                    "bind address '" + bindAddress + "' is not an IP address: use e.g. 127.0.0.1 (the default)");
        }
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(monitoring, "monitoring");
        if (routers < 1 || routers > 2) {
            throw PghaException.invalidInput("a stack has 1 or 2 routers, not " + routers);
        }
        ports.published(nodes, etcdMembers, monitoring.prometheus(), routers);
        Objects.requireNonNull(patroni, "patroni");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(fastPaths, "fastPaths");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(backups, "backups");
        postgresParameters = Collections.unmodifiableMap(new LinkedHashMap<>(postgresParameters));
        postgresParameters.forEach(StackSpec::checkParameter);
    }

    public static StackSpec defaults() {
        return builder().build();
    }

    /**
     * The committed stack (stack/docker-compose.yml): the defaults with the seed's open security, kept for seed
     * compatibility (postgres/postgres), without backups; never what pgha up makes.
     */
    public static StackSpec committed() {
        return builder()
                .security(StackSecurity.SEED)
                .backups(Backups.OFF)
                .routers(1)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .nodes(nodes)
                .etcdMembers(etcdMembers)
                .images(images)
                .bindAddress(bindAddress)
                .ports(ports)
                .patroni(patroni)
                .postgresParameters(postgresParameters)
                .users(users)
                .fastPaths(fastPaths)
                .monitoring(monitoring)
                .security(security)
                .backups(backups)
                .routers(routers);
    }

    /** Every host port the stack publishes, with what it is for. */
    public Map<Integer, String> publishedPorts() {
        return ports.published(nodes, etcdMembers, monitoring.prometheus(), routers);
    }

    /** Patroni's scope, the DCS namespace /service/&lt;scope&gt;/. */
    public String scope() {
        return name;
    }

    public boolean isDefaultName() {
        return DEFAULT_NAME.equals(name);
    }

    private static void checkParameter(String key, String value) {
        if (key == null || !PARAMETER.matcher(key).matches()) {
            throw PghaException.invalidInput("invalid PostgreSQL parameter name '" + key + "'");
        }
        if (value == null || value.isBlank() || value.contains("\n") || value.contains("'")) {
            throw PghaException.invalidInput("invalid value for PostgreSQL parameter " + key + ": '" + value
                    + "' (give a non-empty value on one line, without quotes)");
        }
    }

    /** Builds a spec from the defaults; every setter replaces one value. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private int nodes = 3;
        private int etcdMembers = 3;
        private ImageProfile images = ImageProfile.AUTO;
        private String bindAddress = "127.0.0.1";
        private StackPorts ports = StackPorts.DEFAULTS;
        private PatroniTuning patroni = PatroniTuning.DEFAULTS;
        private final Map<String, String> postgresParameters = new LinkedHashMap<>(Map.of("max_connections", "200"));
        private StackUsers users = StackUsers.DEFAULTS;
        private FastPaths fastPaths = FastPaths.DEFAULTS;
        private Monitoring monitoring = Monitoring.DEFAULTS;
        private StackSecurity security = StackSecurity.SECURE;
        private Backups backups = Backups.DEFAULTS;
        private int routers = 2;

        private Builder() {
            postgresParameters.put("wal_keep_size", "256MB");
            // A standby whose primary went away retries every 5 s by default, and a promotion waits out that
            // sleep: up to 5 s more write outage (docs/decisions/0013).
            postgresParameters.put("wal_retrieve_retry_interval", "100ms");
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder nodes(int value) {
            this.nodes = value;
            return this;
        }

        public Builder etcdMembers(int value) {
            this.etcdMembers = value;
            return this;
        }

        public Builder images(ImageProfile value) {
            this.images = value;
            return this;
        }

        public Builder bindAddress(String value) {
            this.bindAddress = value;
            return this;
        }

        public Builder ports(StackPorts value) {
            this.ports = value;
            return this;
        }

        public Builder patroni(PatroniTuning value) {
            this.patroni = value;
            return this;
        }

        /** Replaces all parameters. */
        public Builder postgresParameters(Map<String, String> value) {
            postgresParameters.clear();
            postgresParameters.putAll(value);
            return this;
        }

        /** Sets one parameter, keeping the others. */
        public Builder postgresParameter(String key, String value) {
            postgresParameters.put(key, value);
            return this;
        }

        public Builder users(StackUsers value) {
            this.users = value;
            return this;
        }

        public Builder fastPaths(FastPaths value) {
            this.fastPaths = value;
            return this;
        }

        public Builder monitoring(Monitoring value) {
            this.monitoring = value;
            return this;
        }

        public Builder security(StackSecurity value) {
            this.security = value;
            return this;
        }

        public Builder backups(Backups value) {
            this.backups = value;
            return this;
        }

        /** The seed stack's settings: Patroni's defaults, HAProxy checks every 3 s, no fast paths (for benchmarks). */
        public Builder routers(int value) {
            this.routers = value;
            return this;
        }

        public Builder seedSettings() {
            this.patroni = PatroniTuning.SEED;
            this.fastPaths = FastPaths.NONE;
            postgresParameters.remove("wal_retrieve_retry_interval");
            return this;
        }

        public StackSpec build() {
            return new StackSpec(
                    name,
                    nodes,
                    etcdMembers,
                    images,
                    bindAddress,
                    ports,
                    patroni,
                    postgresParameters,
                    users,
                    fastPaths,
                    monitoring,
                    security,
                    backups,
                    routers);
        }
    }
}
