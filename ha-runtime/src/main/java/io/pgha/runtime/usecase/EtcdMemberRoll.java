package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.ContainerFile;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.pki.IssuedCertificate;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The etcd part of a CA rotation ({@code pgha certs rotate --ca}): etcd reloads its own certificate and key at every
 * handshake, but reads the CA files it trusts (its peers', {@code --peer-trusted-ca-file}) only when it starts, so a
 * member must restart to trust the bundle of both authorities and again to forget the previous one. One member at a
 * time, and only while every member answers healthy (its {@code /health}: a leader and a quorum read), waiting until
 * every member is healthy again before the next: at most one member of the cluster is ever down, so quorum is never
 * lost (an etcd leader stopped gracefully hands its leadership over first). Asked inside the members' containers (curl
 * and openssl of the local image), trusting the CA file the member has.
 */
final class EtcdMemberRoll {

    private static final String TLS_DIR = CertificateRotation.TLS_DIR;
    private static final int ROOT = 0;
    private static final Duration EXEC = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(500);

    /** etcd's /health on the member's client port, inside its container, verified against its CA file. */
    static final List<String> HEALTH = List.of(
            "curl",
            "-sS",
            "--max-time",
            "3",
            "--cacert",
            TLS_DIR + "/ca.crt",
            "https://127.0.0.1:" + io.pgha.runtime.dcs.EtcdMemberTls.CLIENT_PORT + "/health");

    /** The serials the member serves to clients (2379) and to peers (2380; shown its own certificate as a peer). */
    static final String SERVED = "for p in " + io.pgha.runtime.dcs.EtcdMemberTls.CLIENT_PORT + " "
            + io.pgha.runtime.dcs.EtcdMemberTls.PEER_PORT + "; do openssl s_client -connect 127.0.0.1:$p -cert "
            + TLS_DIR + "/server.crt -key " + TLS_DIR + "/server.key </dev/null 2>/dev/null"
            + " | openssl x509 -noout -serial || echo serial=none; done";

    private final DockerEngine docker;
    private final ClusterPki pki;
    /**
     * Every etcd member of the stack (service name, e.g. etcd-1) and its container, running or not (one that is not
     * running is not healthy, and no other member restarts meanwhile).
     */
    private final Supplier<Map<String, String>> members;

    private final Clock clock;

    EtcdMemberRoll(DockerEngine docker, ClusterPki pki, Supplier<Map<String, String>> members, Clock clock) {
        this.docker = docker;
        this.pki = pki;
        this.members = members;
        this.clock = clock;
    }

    /** Restarts a member once every member is healthy; returns when every member is healthy again. */
    String restart(String member) {
        Map<String, String> all = new TreeMap<>(members.get());
        String container = containerOf(member, all);
        requireAllHealthy(all, "restarting " + member);
        return member + " " + restartAndAwait(container, all);
    }

    /**
     * A new certificate for a member (of the authority that signs now), copied into its container with the CA file,
     * then the member restarted as in {@link #restart} and asked which certificate it serves on both ports.
     */
    String rotate(String member) {
        Map<String, String> all = new TreeMap<>(members.get());
        String container = containerOf(member, all);
        requireAllHealthy(all, "giving " + member + " a new certificate");
        String certificate = member; // pki/ names an etcd member's certificate like its service (etcd-1)
        IssuedCertificate issued = pki.renew(certificate);
        BigInteger serial = issued.certificate().getSerialNumber();
        docker.copyFiles(container, files(pki, certificate));
        String restarted = restartAndAwait(container, all);
        awaitServed(member, container, serial);
        return member + " serves certificate " + serial.toString(16) + " until " + issued.notAfter()
                + " to clients and peers (" + restarted + ")";
    }

    /**
     * A new certificate for a member of the same authority (a rotation without {@code --ca}): etcd reads its own
     * certificate and key at every handshake, so the member keeps running; done when it serves the new one on both
     * ports. One member at a time, like the restarts, only while every member is healthy.
     */
    String renew(String member) {
        Map<String, String> all = new TreeMap<>(members.get());
        String container = containerOf(member, all);
        requireAllHealthy(all, "giving " + member + " a new certificate");
        IssuedCertificate issued = pki.renew(member);
        BigInteger serial = issued.certificate().getSerialNumber();
        docker.copyFiles(container, files(pki, member));
        awaitServed(member, container, serial);
        return member + " serves certificate " + serial.toString(16) + " until " + issued.notAfter()
                + " to clients and peers, without a restart";
    }

    /** An etcd member's files, root's (etcd runs as root in both images). */
    static List<ContainerFile> files(ClusterPki pki, String certificate) {
        return List.of(
                new ContainerFile(TLS_DIR + "/ca.crt", bytes(pki.text(pki.caFile())), 0644, ROOT, ROOT),
                new ContainerFile(
                        TLS_DIR + "/server.crt", bytes(pki.text(pki.certificateFile(certificate))), 0644, ROOT, ROOT),
                new ContainerFile(
                        TLS_DIR + "/server.key", bytes(pki.text(pki.keyFile(certificate))), 0600, ROOT, ROOT));
    }

    private String restartAndAwait(String container, Map<String, String> all) {
        Instant start = clock.instant();
        docker.stop(container, STOP_GRACE);
        docker.start(container);
        Instant deadline = start.plus(HEALTHY_TIMEOUT);
        while (true) {
            List<String> unhealthy = unhealthy(all);
            if (unhealthy.isEmpty()) {
                return "restarted, the " + all.size() + " etcd members healthy again after "
                        + Duration.between(start, clock.instant()).toMillis() + " ms";
            }
            if (!clock.instant().isBefore(deadline)) {
                throw PghaException.timeout("etcd after restarting " + container + ", "
                        + HEALTHY_TIMEOUT.toSeconds() + " s: " + String.join(", ", unhealthy)
                        + " not healthy (docker logs " + container + ")");
            }
            pause(container);
        }
    }

    private void requireAllHealthy(Map<String, String> all, String what) {
        List<String> unhealthy = unhealthy(all);
        if (!unhealthy.isEmpty()) {
            throw PghaException.conflict("etcd member(s) " + String.join(", ", unhealthy) + " not healthy: "
                    + what + " could cost etcd its quorum, so nothing was done to it. Bring "
                    + String.join(", ", unhealthy) + " back (pgha status), then run the rotation again");
        }
    }

    /** The members whose /health is not true (stopped, starting, without a leader or a quorum). */
    List<String> unhealthy(Map<String, String> all) {
        return all.entrySet().stream()
                .filter(e -> !healthy(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private boolean healthy(String container) {
        try {
            var r = docker.exec(container, HEALTH, EXEC);
            return r.ok() && healthyAnswer(r.stdout());
        } catch (PghaException e) {
            return false; // a stopped or restarting container cannot be asked: not healthy
        }
    }

    /** Whether etcd's /health answer says healthy. */
    static boolean healthyAnswer(String body) {
        return body.replace(" ", "").contains("\"health\":\"true\"");
    }

    private void awaitServed(String member, String container, BigInteger serial) {
        Instant deadline = clock.instant().plus(HEALTHY_TIMEOUT);
        String seen = "";
        while (true) {
            var r = docker.exec(container, List.of("sh", "-c", SERVED), EXEC);
            seen = r.stdout();
            if (ServedSerials.allEqual(seen, serial, 2)) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw PghaException.timeout(member + " does not serve its new certificate " + serial.toString(16)
                        + " after " + HEALTHY_TIMEOUT.toSeconds() + " s (it serves "
                        + seen.strip().replace('\n', ' ') + ")");
            }
            pause(member);
        }
    }

    private static String containerOf(String member, Map<String, String> all) {
        String c = all.get(member);
        if (c == null) {
            throw PghaException.conflict("no running container of etcd member " + member + " (the stack has "
                    + String.join(", ", all.keySet()) + "): start it before rotating the CA");
        }
        return c;
    }

    private static void pause(String waitingFor) {
        try {
            Thread.sleep(POLL.toMillis()); // polling a container's answer, bounded by the caller's deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted while waiting for " + waitingFor, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
