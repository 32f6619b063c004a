package io.pgha.runtime.usecase;

import io.pgha.runtime.docker.ContainerFile;
import io.pgha.runtime.pki.ClusterPki;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The certificate files a rotation copies into a container: a node's in two places, the stack's copy ({@code
 * /run/pgha/tls}, root's, read by the image's entrypoint at the container's next start) and the copy PostgreSQL and
 * Patroni read now ({@code /run/certs}, postgres's: PostgreSQL refuses a key others can read); the CA file alone in the
 * other containers.
 */
final class NodeFiles {

    private static final int ROOT = 0;

    /** The numeric ids of the postgres user in a node's image. */
    record Owner(int uid, int gid) {}

    private NodeFiles() {}

    static List<ContainerFile> of(ClusterPki pki, String certificate, Owner postgres) {
        byte[] crt = bytes(pki.text(pki.certificateFile(certificate)));
        byte[] key = bytes(pki.text(pki.keyFile(certificate)));
        byte[] ca = bytes(pki.text(pki.caFile()));
        String stack = CertificateRotation.TLS_DIR;
        String served = CertificateRotation.SERVED_DIR;
        return List.of(
                new ContainerFile(stack + "/ca.crt", ca, 0644, ROOT, ROOT),
                new ContainerFile(stack + "/server.crt", crt, 0644, ROOT, ROOT),
                new ContainerFile(stack + "/server.key", key, 0600, ROOT, ROOT),
                new ContainerFile(served + "/ca.crt", ca, 0644, postgres.uid(), postgres.gid()),
                new ContainerFile(served + "/server.crt", crt, 0644, postgres.uid(), postgres.gid()),
                new ContainerFile(served + "/server.key", key, 0600, postgres.uid(), postgres.gid()));
    }

    /** A node's CA files. */
    static List<ContainerFile> trust(byte[] bundle, Owner postgres) {
        return List.of(
                new ContainerFile(CertificateRotation.TLS_DIR + "/ca.crt", bundle, 0644, ROOT, ROOT),
                new ContainerFile(
                        CertificateRotation.SERVED_DIR + "/ca.crt", bundle, 0644, postgres.uid(), postgres.gid()));
    }

    /** The CA file of a router, exporter or supervisor. */
    static List<ContainerFile> trust(byte[] bundle) {
        return List.of(new ContainerFile(CertificateRotation.TLS_DIR + "/ca.crt", bundle, 0644, ROOT, ROOT));
    }

    /**
     * Which of the stored certificates is a member's: the one named like it (pg-0), or like its service when its
     * container's name has the stack's prefix (shop-pg-0 → pg-0).
     */
    static Optional<String> certificateFor(String member, List<String> certificates) {
        if (certificates.contains(member)) {
            return Optional.of(member);
        }
        return certificates.stream()
                .filter(c -> member.endsWith("-" + c))
                .max(java.util.Comparator.comparingInt(String::length));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
