package io.pgha.runtime.dcs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what in a cluster's etcd: a role per client, each allowed only the keys it uses (etcd grants read, write
 * or both on one key or on a prefix), and a user per role. {@link EtcdAccessControl} makes etcd match it.
 *
 * <table>
 * <caption>The roles for scope S (namespace /service/)</caption>
 * <tr><th>user = role</th><th>read</th><th>write</th><th>why</th></tr>
 * <tr><td>root</td><td>all</td><td>all</td><td>etcd's own; only pgha knows its password (bootstrap, repairs)</td></tr>
 * <tr><td>patroni</td><td>/service/S/*</td><td>/service/S/*</td><td>Patroni's DCS: leader, members, config, sync,
 *     history, failover, status, initialize</td></tr>
 * <tr><td>pgha-supervisor</td><td>/service/S/*</td><td>/service/S/leader, /pgha/S/supervisor</td><td>watches the
 *     scope, compare-and-deletes the leader key of a dead primary, holds the supervisors' lease-bound key (its
 *     heartbeat, docs/decisions/0035)</td></tr>
 * <tr><td>pgha</td><td>/service/S/*, /pgha/S/*</td><td>/service/S/*</td><td>the console and CLI: watch, status,
 *     operations and drills</td></tr>
 * </table>
 *
 * @param roles the roles pgha manages, root first
 * @param users the users pgha manages, each with exactly these roles
 */
public record EtcdAccessPolicy(List<Role> roles, List<User> users) {

    public static final String ROOT = "root";
    public static final String PATRONI = "patroni";
    public static final String SUPERVISOR = "pgha-supervisor";
    public static final String PGHA = "pgha";

    /** What a permission allows; the names are etcd's. */
    public enum Access {
        READ,
        WRITE,
        READWRITE
    }

    /**
     * One grant: {@code key} alone, or every key that starts with it when {@code prefix}.
     *
     * @param key a key or prefix, e.g. /service/pg-ha/
     */
    public record Permission(Access access, String key, boolean prefix) {
        public Permission {
            Objects.requireNonNull(access, "access");
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("a permission needs a key");
            }
        }

        public static Permission prefix(Access access, String prefix) {
            return new Permission(access, prefix, true);
        }

        public static Permission key(Access access, String key) {
            return new Permission(access, key, false);
        }

        /** etcd's range end for this grant: the prefix with its last byte incremented, or none for one key. */
        public Optional<byte[]> rangeEnd() {
            return prefix ? Optional.of(prefixEnd(key.getBytes(StandardCharsets.UTF_8))) : Optional.empty();
        }

        /** Whether etcd's permission (key and range end, as stored) is this grant's range. */
        boolean sameRange(byte[] etcdKey, byte[] etcdRangeEnd) {
            return Arrays.equals(etcdKey, key.getBytes(StandardCharsets.UTF_8))
                    && Arrays.equals(etcdRangeEnd, rangeEnd().orElse(new byte[0]));
        }

        @Override
        public String toString() {
            return access + " " + key + (prefix ? "*" : "");
        }
    }

    /** A role; root's permissions are etcd's own (everything) and never listed. */
    public record Role(String name, List<Permission> permissions) {
        public Role {
            Objects.requireNonNull(name, "name");
            permissions = List.copyOf(permissions);
        }
    }

    public record User(String name, List<String> roles) {
        public User {
            Objects.requireNonNull(name, "name");
            roles = List.copyOf(roles);
        }
    }

    public EtcdAccessPolicy {
        roles = List.copyOf(roles);
        users = List.copyOf(users);
        if (users.stream().noneMatch(u -> u.name().equals(ROOT) && u.roles().contains(ROOT))) {
            throw new IllegalArgumentException("etcd turns authentication on only with a root user in the root role");
        }
        for (User u : users) {
            for (String r : u.roles()) {
                if (roles.stream().noneMatch(x -> x.name().equals(r))) {
                    throw new IllegalArgumentException("user " + u.name() + " has the unknown role " + r);
                }
            }
        }
    }

    /** The roles and users of a cluster whose Patroni uses {@code namespace} (normally /service/) and {@code scope}. */
    public static EtcdAccessPolicy forScope(String namespace, String scope) {
        if (scope == null || scope.isBlank() || scope.contains("/")) {
            throw new IllegalArgumentException("invalid Patroni scope '" + scope + "'");
        }
        String ns = namespace.endsWith("/") ? namespace : namespace + "/";
        if (!ns.startsWith("/")) {
            ns = "/" + ns;
        }
        String service = ns + scope + "/";
        String leader = service + "leader";
        String pghaKeys = pghaPrefix(scope);
        List<Role> roles = List.of(
                new Role(ROOT, List.of()),
                new Role(PATRONI, List.of(Permission.prefix(Access.READWRITE, service))),
                new Role(
                        SUPERVISOR,
                        List.of(
                                Permission.prefix(Access.READ, service),
                                Permission.key(Access.WRITE, leader),
                                Permission.key(Access.READWRITE, supervisorStateKey(scope)))),
                new Role(
                        PGHA,
                        List.of(
                                Permission.prefix(Access.READWRITE, service),
                                Permission.prefix(Access.READ, pghaKeys))));
        List<User> users = List.of(
                new User(ROOT, List.of(ROOT)),
                new User(PATRONI, List.of(PATRONI)),
                new User(SUPERVISOR, List.of(SUPERVISOR)),
                new User(PGHA, List.of(PGHA)));
        return new EtcdAccessPolicy(roles, users);
    }

    /** Where pgha keeps its own keys of a scope (the supervisor's heartbeat). */
    public static String pghaPrefix(String scope) {
        return "/pgha/" + scope + "/";
    }

    /** The supervisor's heartbeat key (see SupervisorSettings#stateKey). */
    public static String supervisorStateKey(String scope) {
        return pghaPrefix(scope) + "supervisor";
    }

    public Optional<Role> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public List<String> userNames() {
        return users.stream().map(User::name).toList();
    }

    /** etcdctl's --prefix range end: the shortest key after every key that starts with {@code prefix}. */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i] = (byte) (end[i] + 1);
                return Arrays.copyOf(end, i + 1);
            }
        }
        return new byte[] {0}; // every key
    }
}
