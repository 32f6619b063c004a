package io.pgha.runtime.dcs;

import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.auth.Permission;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Makes a cluster's etcd match an {@link EtcdAccessPolicy}, then turns authentication on: the security bootstrap of a
 * stack pgha makes, safe to run again (a second run changes nothing, and says so).
 *
 * <p>With authentication still off, it works anonymously; once on, as root with the root password pgha keeps. Roles get
 * exactly the policy's permissions (missing ones granted, others of a managed role revoked); users are added with their
 * password, get exactly the policy's roles, and a user whose password no longer works gets the given one. Users and
 * roles the policy does not name are left alone.
 */
public final class EtcdAccessControl {

    /** What a run did, one line per change; empty when etcd already matched the policy. */
    public record Result(List<String> changes, boolean authenticationWasOn) {
        public Result {
            changes = List.copyOf(changes);
        }

        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    private final List<String> endpoints;
    private final Optional<EtcdAuth> tls;
    private final Duration deadline;

    /**
     * @param tls the CA file (and client certificate, if etcd wants one) to reach etcd with; a user or password in it
     *            is ignored
     */
    public EtcdAccessControl(List<String> endpoints, Optional<EtcdAuth> tls, Duration deadline) {
        this.endpoints = List.copyOf(endpoints);
        this.tls =
                tls.map(t -> new EtcdAuth(Optional.empty(), Optional.empty(), t.caFile(), t.certFile(), t.keyFile()));
        this.deadline = deadline;
    }

    /** Only the CA file: the usual case of a stack pgha made. */
    public static EtcdAccessControl withCa(List<String> endpoints, Optional<String> caFile, Duration deadline) {
        return new EtcdAccessControl(
                endpoints,
                caFile.map(ca -> new EtcdAuth(
                        Optional.empty(), Optional.empty(), Optional.of(ca), Optional.empty(), Optional.empty())),
                deadline);
    }

    /**
     * Applies the policy and turns authentication on.
     *
     * @param passwords every policy user's password by user name, root's included
     */
    public Result apply(EtcdAccessPolicy policy, Map<String, String> passwords) {
        for (String user : policy.userNames()) {
            String p = passwords.get(user);
            if (p == null || p.isEmpty()) {
                throw PghaException.invalidInput("no password given for the etcd user " + user);
            }
        }
        List<String> changes = new ArrayList<>();
        boolean authOn;
        Client client = EtcdClients.create(endpoints, tls, deadline, true);
        try {
            authOn = authenticationOn(client);
            if (authOn) {
                client.close();
                client = EtcdClients.create(endpoints, as(EtcdAccessPolicy.ROOT, passwords), deadline, true);
                await(client.getAuthClient().userList(), "logging in to etcd as root");
            }
            Auth auth = client.getAuthClient();
            reconcileRoles(auth, policy, changes);
            reconcileUsers(auth, policy, passwords, authOn, changes);
            if (!authOn) {
                await(auth.authEnable(), "turning etcd's authentication on");
                changes.add("authentication turned on");
            }
        } finally {
            client.close();
        }
        return new Result(changes, authOn);
    }

    /** Whether etcd asks for a user: an anonymous admin call is refused only then. */
    private boolean authenticationOn(Client anonymous) {
        try {
            anonymous.getAuthClient().userList().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EtcdErrors.translate("asking etcd whether authentication is on", e);
        } catch (Exception e) {
            PghaException p = EtcdErrors.translate("asking etcd whether authentication is on", e);
            if (p.kind() == PghaException.Kind.UNAUTHORIZED
                    && String.valueOf(p.getMessage()).contains("no user")) {
                return true;
            }
            throw p;
        }
    }

    private void reconcileRoles(Auth auth, EtcdAccessPolicy policy, List<String> changes) {
        Set<String> existing =
                new HashSet<>(await(auth.roleList(), "listing etcd's roles").getRoles());
        // roles are independent of each other: reconciled side by side, their changes listed in the policy's order
        eachAtOnce(policy.roles(), changes, (role, roleChanges) -> reconcileRole(auth, existing, role, roleChanges));
    }

    private void reconcileRole(Auth auth, Set<String> existing, EtcdAccessPolicy.Role role, List<String> changes) {
        ByteSequence name = bytes(role.name());
        if (!existing.contains(role.name())) {
            await(auth.roleAdd(name), "adding the etcd role " + role.name());
            changes.add("role " + role.name() + " added");
        }
        if (role.name().equals(EtcdAccessPolicy.ROOT)) {
            return; // root may do everything; etcd keeps no permissions for it
        }
        List<Permission> granted = await(auth.roleGet(name), "reading the etcd role " + role.name())
                .getPermissions();
        for (EtcdAccessPolicy.Permission wanted : role.permissions()) {
            boolean present = granted.stream()
                    .anyMatch(g -> wanted.sameRange(
                                    g.getKey().getBytes(), g.getRangeEnd().getBytes())
                            && g.getPermType().name().equals(wanted.access().name()));
            if (!present) {
                await(
                        auth.roleGrantPermission(
                                name,
                                bytes(wanted.key()),
                                wanted.rangeEnd().map(ByteSequence::from).orElse(ByteSequence.EMPTY),
                                Permission.Type.valueOf(wanted.access().name())),
                        "granting " + wanted + " to the etcd role " + role.name());
                changes.add("role " + role.name() + ": granted " + wanted);
            }
        }
        for (Permission g : granted) {
            boolean wanted = role.permissions().stream()
                    .anyMatch(w ->
                            w.sameRange(g.getKey().getBytes(), g.getRangeEnd().getBytes()));
            if (!wanted) {
                await(
                        auth.roleRevokePermission(name, g.getKey(), g.getRangeEnd()),
                        "revoking a permission of the etcd role " + role.name());
                changes.add("role " + role.name() + ": revoked " + g.getPermType() + " "
                        + g.getKey().toString(StandardCharsets.UTF_8)
                        + (g.getRangeEnd().isEmpty() ? "" : " (range)"));
            }
        }
    }

    private void reconcileUsers(
            Auth auth, EtcdAccessPolicy policy, Map<String, String> passwords, boolean authOn, List<String> changes) {
        Set<String> existing =
                new HashSet<>(await(auth.userList(), "listing etcd's users").getUsers());
        eachAtOnce(
                policy.users(),
                changes,
                (user, userChanges) -> reconcileUser(auth, existing, user, passwords, authOn, userChanges));
    }

    private void reconcileUser(
            Auth auth,
            Set<String> existing,
            EtcdAccessPolicy.User user,
            Map<String, String> passwords,
            boolean authOn,
            List<String> changes) {
        ByteSequence name = bytes(user.name());
        ByteSequence password = bytes(passwords.get(user.name()));
        if (!existing.contains(user.name())) {
            await(auth.userAdd(name, password), "adding the etcd user " + user.name());
            changes.add("user " + user.name() + " added");
        } else if (!authOn || (!user.name().equals(EtcdAccessPolicy.ROOT) && !loginWorks(user.name(), passwords))) {
            // with authentication off a password cannot be checked; root's was checked by logging in
            await(auth.userChangePassword(name, password), "setting the password of the etcd user " + user.name());
            changes.add("user " + user.name() + ": password set");
        }
        List<String> roles = await(auth.userGet(name), "reading the etcd user " + user.name())
                .getRoles();
        for (String role : user.roles()) {
            if (!roles.contains(role)) {
                await(auth.userGrantRole(name, bytes(role)), "granting " + role + " to the etcd user " + user.name());
                changes.add("user " + user.name() + ": role " + role + " granted");
            }
        }
        for (String role : roles) {
            if (!user.roles().contains(role)) {
                await(
                        auth.userRevokeRole(name, bytes(role)),
                        "revoking " + role + " from the etcd user " + user.name());
                changes.add("user " + user.name() + ": role " + role + " revoked");
            }
        }
    }

    /**
     * Runs {@code work} for every item at once (each etcd call waits on the network, and etcd hashes a new password with
     * bcrypt), then adds their changes in the items' order; the first failure is thrown.
     */
    private static <T> void eachAtOnce(List<T> items, List<String> changes, BiConsumer<T, List<String>> work) {
        List<List<String>> each = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                List<String> mine = new ArrayList<>();
                each.add(mine);
                running.add(pool.submit(() -> work.accept(item, mine)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof PghaException p ? p : EtcdErrors.translate("etcd", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw EtcdErrors.translate("etcd", e);
                }
            }
        }
        each.forEach(changes::addAll);
    }

    /**
     * Loads and configures the etcd client (gRPC, Netty, TLS with the CA) without asking etcd anything, so that
     * {@link #apply} right after etcd's quorum pays only for its calls: in a fresh process the first client costs about
     * as much as the calls themselves. Safe to call while etcd is not up yet; failures are ignored.
     */
    public void warmUp() {
        try (Client c = EtcdClients.create(endpoints, tls, deadline, true)) {
            c.getAuthClient();
            c.getKVClient();
        } catch (RuntimeException e) {
            // apply() reports whatever is wrong
        }
    }

    /** Whether etcd takes the user's password: a read as that user is answered, or refused for lack of permission. */
    private boolean loginWorks(String user, Map<String, String> passwords) {
        try (Client c = EtcdClients.create(endpoints, as(user, passwords), deadline, true)) {
            c.getKVClient().get(bytes("/")).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EtcdErrors.translate("logging in to etcd as " + user, e);
        } catch (Exception e) {
            PghaException p = EtcdErrors.translate("logging in to etcd as " + user, e);
            if (p.getMessage().contains("permission denied")) {
                return true;
            }
            if (p.kind() == PghaException.Kind.UNAUTHORIZED) {
                return false;
            }
            throw p;
        }
    }

    private Optional<EtcdAuth> as(String user, Map<String, String> passwords) {
        EtcdAuth t = tls.orElse(
                new EtcdAuth(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        return Optional.of(new EtcdAuth(
                Optional.of(user), Optional.of(passwords.get(user)), t.caFile(), t.certFile(), t.keyFile()));
    }

    private <T> T await(CompletableFuture<T> call, String what) {
        try {
            return EtcdErrors.await(call, deadline, what);
        } catch (PghaException p) {
            if (what.contains("as root") && p.kind() == PghaException.Kind.UNAUTHORIZED) {
                throw new PghaException(
                        PghaException.Kind.UNAUTHORIZED,
                        p.getMessage() + ". etcd has authentication on and refuses the root password pgha keeps:"
                                + " the stack's secrets and its etcd do not belong together",
                        p);
            }
            throw p;
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
