package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.ops.AuditEntry;
import io.pgha.runtime.ops.AuditJournal;
import io.pgha.runtime.ops.OperationResult;
import io.pgha.runtime.ops.OperationResult.Outcome;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.pki.IssuedCertificate;
import io.pgha.runtime.pki.StoredCertificate;
import io.pgha.runtime.provision.RouterReload;
import io.pgha.runtime.usecase.RotationPlan.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code pgha certs rotate}: new certificates for a running stack made by {@code pgha up}, rolled node by node, the
 * leader last ({@link RotationPlan}), without a restart: each node's files are copied into its container (the copy
 * kept for the container's next start and the one PostgreSQL and Patroni read), PostgreSQL and Patroni reload them on
 * SIGHUP (Patroni's REST API re-reads its certificate when it changed), and the node is asked, inside its container,
 * which certificate it now serves on 5432 and 8008 before the next one is touched. Existing connections keep their
 * sessions. Written to the cluster's audit journal like every operation. With a new CA ({@code --ca}) etcd's members
 * (their certificates are the cluster CA's too) restart one at a time, quorum kept ({@link EtcdMemberRoll}): to trust
 * both authorities, to serve certificates of the new one, and to trust it alone; without one they get new certificates
 * of the same CA in place, one at a time, without a restart (etcd reads its own certificate at every handshake).
 *
 * <pre>{@code
 * try (CertificateRotation r = CertificateRotation.create(monitor)) {
 *     RotationPlan plan = r.plan(false);          // show plan.summary() and plan.steps(), ask
 *     OperationResult result = r.perform(plan, System.err::println);
 * }
 * }</pre>
 */
public final class CertificateRotation implements AutoCloseable {

    static final String OPERATION = "certs-rotate";
    static final String TLS_DIR = io.pgha.runtime.stack.StackSecurity.TLS_DIR;
    /** Where the local image's entrypoint puts the node's files for PostgreSQL and Patroni, owned by postgres. */
    static final String SERVED_DIR = "/run/certs";

    /** The labels the provisioner gives a stack's containers (provision.StackLabels). */
    private static final String STACK_LABEL = "io.pgha.stack";

    private static final String ROLE_LABEL = "io.pgha.role";
    private static final String SERVICE_LABEL = "io.pgha.service";

    static final String PGDATA = "/home/postgres/pgdata/pgroot/data";
    private static final Duration EXEC = Duration.ofSeconds(15);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration ROUTER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SUPERVISOR_TIMEOUT = Duration.ofSeconds(60);

    private final String cluster;
    private final String stack;
    private final Supplier<ClusterSnapshot> snapshot;
    private final DockerEngine docker;
    private final ClusterPki pki;
    private final Optional<AuditJournal> audit;
    private final Clock clock;

    CertificateRotation(
            String cluster,
            String stack,
            Supplier<ClusterSnapshot> snapshot,
            DockerEngine docker,
            ClusterPki pki,
            Optional<AuditJournal> audit,
            Clock clock) {
        this.cluster = cluster;
        this.stack = stack;
        this.snapshot = snapshot;
        this.docker = docker;
        this.pki = pki;
        this.audit = audit;
        this.clock = clock;
    }

    /** The rotation of the monitor's cluster, through the local Docker engine, audited in the cluster's directory. */
    public static CertificateRotation create(ClusterMonitor monitor) {
        String name = monitor.connection().name();
        ClusterRegistry.checkName(name);
        if (monitor.connection().dockerStack().isEmpty()) {
            throw PghaException.conflict("cluster " + name
                    + " does not run on the local Docker engine: only a stack made by `pgha up` can rotate its"
                    + " certificates");
        }
        Path dir = ConfigDirs.cluster(name);
        if (!Files.isRegularFile(dir.resolve("pki").resolve("ca.crt"))) {
            throw PghaException.notFound("cluster " + name + " has no certificates of pgha's (" + dir.resolve("pki")
                    + "): only a stack made by `pgha up` has its own CA");
        }
        return new CertificateRotation(
                name,
                monitor.connection().dockerStack().get(),
                monitor::current,
                DockerJavaEngine.local(),
                new ClusterPki(dir.resolve("pki"), name, Clock.systemUTC()),
                Optional.of(new AuditJournal(dir)),
                Clock.systemUTC());
    }

    /**
     * What a rotation would do on the cluster as it is now; refused (a PghaException) without a leader, or when a
     * node's container is not running or has no certificate of pgha's. Changes nothing.
     */
    public RotationPlan plan(boolean newAuthority) {
        ClusterSnapshot s = snapshot.get();
        List<String> members = s.members().stream().map(Member::name).toList();
        for (String m : members) {
            container(m);
            certificateOf(m);
        }
        List<String> etcd = etcdMembers();
        return RotationPlan.of(
                members,
                s.leader(),
                newAuthority,
                !containers("router").isEmpty(),
                !containers("supervisor").isEmpty(),
                etcd);
    }

    /**
     * The etcd members the cluster's CA issued certificates to (a stack whose etcd speaks TLS with it), in name order;
     * each must have a running container: a member down now would make a restart of another cost etcd its quorum.
     */
    private List<String> etcdMembers() {
        Map<String, String> containers = etcdContainers();
        List<String> members = etcdCertificates();
        for (String m : members) {
            String c = containers.get(m);
            if (c == null) {
                throw PghaException.conflict("no container of stack " + stack + " for etcd member " + m
                        + ": is it a stack made by pgha up?");
            }
            if (stackContainers().stream().noneMatch(d -> d.name().equals(c) && d.running())) {
                throw PghaException.conflict("the container of etcd member " + m + " is not running: start it"
                        + " before rotating the CA (its peers restart one at a time and need it for their quorum)");
            }
        }
        return members;
    }

    /** Every etcd container of the stack, running or not, by its service name (etcd-1). */
    private Map<String, String> etcdContainers() {
        Map<String, String> byMember = new java.util.TreeMap<>();
        for (DockerContainer c : stackContainers()) {
            if ("etcd".equals(c.labels().get(ROLE_LABEL))) {
                byMember.put(c.labels().getOrDefault(SERVICE_LABEL, c.name()), c.name());
            }
        }
        return byMember;
    }

    /**
     * Performs a plan, reporting each step to {@code progress}; refused if the leader changed since the plan was made.
     * Stops at the first step that fails (what was done stays done: running it again goes on from there). Audited.
     */
    public OperationResult perform(RotationPlan plan, Consumer<String> progress) {
        Instant start = clock.instant();
        Map<String, String> parameters = Map.of("ca", String.valueOf(plan.newAuthority()));
        List<String> notes = new ArrayList<>();
        OperationResult result;
        String current = "";
        try {
            Optional<String> leader = snapshot.get().leader();
            List<String> order = plan.nodeOrder();
            if (!leader.equals(Optional.of(order.get(order.size() - 1)))) {
                result = result(
                        parameters,
                        Outcome.REFUSED,
                        "the leader changed since the plan was made (" + leader.orElse("none") + " now): plan again",
                        notes,
                        start,
                        PghaException.Kind.CONFLICT);
                return audited(result);
            }
            int n = 0;
            for (Step step : plan.steps()) {
                n++;
                current = step.describe();
                progress.accept("[" + n + "/" + plan.steps().size() + "] " + current);
                String note = run(step, plan);
                notes.add(note);
                progress.accept("      " + note);
            }
            result = result(
                    parameters,
                    Outcome.SUCCEEDED,
                    "new certificates on " + String.join(", ", order) + ", served without a restart"
                            + (plan.newAuthority()
                                    ? ", of the new CA trusted alone (HAProxy reloaded, the supervisor restarted"
                                            + (plan.etcdOrder().isEmpty()
                                                    ? ""
                                                    : ", etcd members " + String.join(", ", plan.etcdOrder())
                                                            + " restarted one at a time with new certificates")
                                            + ")"
                                    : plan.etcdOrder().isEmpty()
                                            ? ""
                                            : "; etcd members " + String.join(", ", plan.etcdOrder())
                                                    + " renewed without a restart"),
                    notes,
                    start,
                    null);
        } catch (PghaException e) {
            result = result(
                    parameters,
                    e.kind() == PghaException.Kind.TIMEOUT ? Outcome.TIMED_OUT : Outcome.FAILED,
                    "at \"" + current + "\": " + e.getMessage()
                            + ". What was done stays done; `pgha certs rotate` again goes on",
                    notes,
                    start,
                    e.kind());
        } catch (RuntimeException e) {
            result = result(
                    parameters,
                    Outcome.FAILED,
                    "at \"" + current + "\": " + e + ". What was done stays done; `pgha certs rotate` again goes on",
                    notes,
                    start,
                    PghaException.Kind.UNAVAILABLE);
        }
        return audited(result);
    }

    private String run(Step step, RotationPlan plan) {
        // the members as planned: the monitor's view may lag while etcd's members restart
        List<String> members = plan.nodeOrder();
        return switch (step.action()) {
            case TRUST_BOTH_AUTHORITIES -> {
                boolean made = pki.beginAuthorityRotation();
                installTrust(members);
                yield (made ? "new CA " : "CA rotation under way, its CA ")
                        + pki.certificates().get(0).subject() + "; trusted with the previous one everywhere";
            }
            case RELOAD_ROUTER -> {
                List<String> notes = new ArrayList<>();
                for (String router : containers("router")) {
                    notes.add(reloadRouter(router));
                }
                yield String.join("; ", notes);
            }
            case RESTART_SUPERVISOR -> {
                for (String supervisor : containers("supervisor")) {
                    restartSupervisor(supervisor);
                }
                yield "supervisor restarted, heartbeating again";
            }
            case RESTART_ETCD_MEMBER -> etcdRoll().restart(step.target());
            case ROTATE_ETCD_MEMBER -> etcdRoll().rotate(step.target());
            case RENEW_ETCD_MEMBER -> etcdRoll().renew(step.target());
            case ROTATE_NODE -> rotateNode(step.target());
            case TRUST_NEW_AUTHORITY_ONLY -> {
                pki.finishAuthorityRotation();
                installTrust(members);
                for (String m : members) {
                    reload(container(m));
                }
                yield "the previous CA is trusted no more, Patroni and PostgreSQL reloaded"
                        + (plan.etcdOrder().isEmpty() ? "" : " (etcd's members forget it at their restart, next)")
                        + (containers("router").isEmpty() ? "" : " (HAProxy drops it at its reload, last)");
            }
        };
    }

    private EtcdMemberRoll etcdRoll() {
        return new EtcdMemberRoll(docker, pki, this::etcdContainers, clock);
    }

    /** The running container of a member: the stack's container of that service (pg-0 is shop-pg-0 in stack shop). */
    private String container(String member) {
        DockerContainer c = stackContainers().stream()
                .filter(d -> member.equals(d.labels().get(SERVICE_LABEL)) || member.equals(d.name()))
                .findFirst()
                .orElseThrow(() -> PghaException.conflict("no container of stack " + stack + " for member " + member
                        + ": is it a stack made by pgha up?"));
        if (!c.running()) {
            throw PghaException.conflict("the container of " + member + " is " + c.state()
                    + ": start it (or wait for it) before rotating certificates");
        }
        return c.name();
    }

    private List<DockerContainer> stackContainers() {
        return docker.containers(Map.of(STACK_LABEL, stack));
    }

    private String rotateNode(String member) {
        String name = certificateOf(member);
        String container = container(member);
        IssuedCertificate issued = pki.renew(name);
        java.math.BigInteger serial = issued.certificate().getSerialNumber();
        docker.copyFiles(container, NodeFiles.of(pki, name, owner(container)));
        reload(container);
        awaitServed(container, serial);
        return member + " serves certificate " + serial.toString(16) + " until " + issued.notAfter();
    }

    /**
     * Reloads HAProxy (master-worker: {@code kill -USR2 1}) so that it reads its CA file again, its new process
     * starting from the servers' states of the old one ({@link RouterReload}), and waits until the new process has
     * checked every server, each passing in a backend: its checks verify against the CA file as it is now.
     */
    private String reloadRouter(String router) {
        String before = RouterReload.pid(exec(router, RouterReload.ask("show info"), "ask HAProxy its process"))
                .orElseThrow(() -> PghaException.unavailable("HAProxy in " + router + " does not tell its process id"));
        String dump = exec(router, RouterReload.ask("show servers state"), "ask HAProxy its servers' states");
        exec(router, RouterReload.writeStateFile(RouterReload.forReload(dump)), "write HAProxy's server-state file");
        exec(router, List.of("sh", "-c", "kill -USR2 1"), "reload HAProxy");
        Instant deadline = clock.instant().plus(ROUTER_TIMEOUT);
        String waiting = "its new process to start";
        while (true) {
            Optional<String> now = RouterReload.pid(askRouter(router, "show info"));
            if (now.isPresent() && !now.get().equals(before)) {
                List<RouterReload.Server> servers = RouterReload.parse(askRouter(router, "show servers state"));
                Optional<String> pending = RouterReload.pending(servers);
                if (pending.isEmpty()) {
                    exec(router, RouterReload.removeStateFile(), "remove HAProxy's server-state file");
                    return "HAProxy reloaded (process " + before + " -> " + now.get()
                            + "), its new process checked every server against the CA file: "
                            + RouterReload.describe(servers);
                }
                waiting = pending.get();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw PghaException.timeout(
                        "HAProxy in " + router + " after its reload, " + ROUTER_TIMEOUT.toSeconds() + " s: " + waiting);
            }
            pause(router);
        }
    }

    /** A runtime API answer, or "" while the socket changes hands between HAProxy's processes. */
    private String askRouter(String router, String command) {
        var r = docker.exec(router, RouterReload.ask(command), EXEC);
        return r.ok() ? r.stdout() : "";
    }

    /**
     * Restarts the supervisor (it reads its settings and CA at its start) and waits until it heartbeats again: its
     * alive file (touched after each heartbeat written to etcd) is newer than the restart.
     */
    private void restartSupervisor(String supervisor) {
        docker.stop(supervisor, Duration.ofSeconds(10));
        long stopped = clock.instant().getEpochSecond();
        docker.start(supervisor);
        Instant deadline = clock.instant().plus(SUPERVISOR_TIMEOUT);
        String alive = io.pgha.runtime.stack.StackLayout.SUPERVISOR_ALIVE_FILE;
        while (true) {
            var r = docker.exec(supervisor, List.of("stat", "-c", "%Y", alive), EXEC);
            if (r.ok()
                    && r.stdout().strip().matches("\\d+")
                    && Long.parseLong(r.stdout().strip()) > stopped) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw PghaException.timeout("the supervisor " + supervisor + " has not heartbeaten within "
                        + SUPERVISOR_TIMEOUT.toSeconds() + " s of its restart (docker logs " + supervisor + ")");
            }
            pause(supervisor);
        }
    }

    private static void pause(String waitingFor) {
        try {
            Thread.sleep(POLL.toMillis()); // polling a container's answer, bounded by the caller's deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted while waiting for " + waitingFor, e);
        }
    }

    /** The postgres user's ids in the node's container (the image's, not this machine's). */
    private NodeFiles.Owner owner(String member) {
        String out = exec(member, List.of("sh", "-c", "id -u postgres; id -g postgres"), "find the postgres user");
        String[] ids = out.strip().split("\\s+");
        if (ids.length != 2) {
            throw PghaException.unavailable("unexpected answer of `id postgres` in " + member + ": " + out.strip());
        }
        return new NodeFiles.Owner(Integer.parseInt(ids[0]), Integer.parseInt(ids[1]));
    }

    /** SIGHUP to Patroni (PID 1: it re-reads its REST API certificate when that changed) and to the postmaster. */
    private void reload(String member) {
        exec(
                member,
                List.of("sh", "-c", "kill -HUP 1 && kill -HUP \"$(head -n 1 " + PGDATA + "/postmaster.pid)\""),
                "reload PostgreSQL and Patroni");
    }

    /** Until the node serves the certificate on both PostgreSQL's and Patroni's port, asked inside its container. */
    private void awaitServed(String member, java.math.BigInteger serial) {
        Instant deadline = clock.instant().plus(NODE_TIMEOUT);
        String seen = "";
        while (true) {
            seen = exec(member, List.of("sh", "-c", ServedSerials.COMMAND), "ask which certificate is served");
            if (ServedSerials.allEqual(seen, serial, 2)) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw PghaException.timeout(member + " does not serve its new certificate "
                        + serial.toString(16) + " after " + NODE_TIMEOUT.toSeconds() + " s (it serves "
                        + seen.strip().replace('\n', ' ') + ")");
            }
            try {
                Thread.sleep(POLL.toMillis()); // polling a container's answer, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PghaException.unavailable("interrupted while waiting for " + member, e);
            }
        }
    }

    /**
     * The CA file (a bundle during a CA rotation) into every container that reads one: the nodes (Patroni's etcd client
     * reads it at each new connection), the router, exporters, the supervisor and etcd's members (each reads it at its
     * next start).
     */
    private void installTrust(List<String> members) {
        byte[] bundle = pki.text(pki.caFile()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String m : members) {
            String c = container(m);
            docker.copyFiles(c, NodeFiles.trust(bundle, owner(c)));
        }
        for (String role : List.of("router", "exporter", "supervisor", "etcd")) {
            for (String c : containers(role)) {
                docker.copyFiles(c, NodeFiles.trust(bundle));
            }
        }
    }

    private String exec(String container, List<String> command, String what) {
        var r = docker.exec(container, command, EXEC);
        if (!r.ok()) {
            throw PghaException.unavailable("cannot " + what + " in " + container + " (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        return r.stdout();
    }

    /** The certificate in pki/ of a member: named like it, or like its service when its container has a prefix. */
    private String certificateOf(String member) {
        List<String> names = pki.certificates().stream()
                .filter(c -> c.kind() == StoredCertificate.Kind.COMPONENT)
                .map(StoredCertificate::name)
                .toList();
        return NodeFiles.certificateFor(member, names)
                .orElseThrow(() -> PghaException.notFound("no certificate of pgha's for " + member + " in "
                        + pki.caFile().getParent() + " (it has " + String.join(", ", names) + ")"));
    }

    /** The etcd members the cluster's CA issued certificates to (a stack whose etcd speaks TLS with it). */
    private List<String> etcdCertificates() {
        return pki.certificates().stream()
                .filter(c -> c.kind() == StoredCertificate.Kind.COMPONENT)
                .map(StoredCertificate::name)
                .filter(n -> n.startsWith("etcd-"))
                .sorted()
                .toList();
    }

    /** The running containers of the stack with a role (router, exporter, supervisor, etcd). */
    private List<String> containers(String role) {
        return stackContainers().stream()
                .filter(c -> role.equals(c.labels().get(ROLE_LABEL)) && c.running())
                .map(DockerContainer::name)
                .toList();
    }

    private OperationResult result(
            Map<String, String> parameters,
            Outcome outcome,
            String message,
            List<String> notes,
            Instant start,
            PghaException.Kind failure) {
        return new OperationResult(
                OPERATION,
                "cluster",
                parameters,
                outcome,
                message,
                notes,
                start,
                Duration.between(start, clock.instant()),
                Optional.ofNullable(failure));
    }

    private OperationResult audited(OperationResult r) {
        audit.ifPresent(a -> a.append(new AuditEntry(
                r.startedAt(),
                System.getProperty("user.name", "unknown"),
                cluster,
                r.operation(),
                r.target(),
                r.parameters(),
                r.outcome(),
                r.message(),
                r.notes(),
                r.took().toMillis())));
        return r;
    }

    @Override
    public void close() {
        docker.close();
    }
}
