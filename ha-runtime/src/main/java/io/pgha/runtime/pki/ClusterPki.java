package io.pgha.runtime.pki;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One cluster's certificates on disk, in {@code pki/} of its config directory: {@code ca.crt} and {@code ca.key}, then
 * {@code NAME.crt} and {@code NAME.key} per component. The directory is 0700 and every file 0600 (POSIX): only the owner
 * reads a key. Certificates are issued when missing, when their names changed, or within
 * {@link CertificateStatus#RENEW_BEFORE} of their end.
 *
 * <p>A CA rotation ({@link #beginAuthorityRotation}, {@link #finishAuthorityRotation}) makes a new authority and, until
 * it is finished, keeps {@code ca.crt} a bundle of the new authority (first: it signs) and the previous one, so that
 * every client given that file trusts the certificates of either while the components are given new ones.
 */
public final class ClusterPki {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final String CA = "ca";
    private static final String PREVIOUS_CA = "ca-previous";

    private final Path dir;
    private final String cluster;
    private final Clock clock;

    public ClusterPki(Path dir, String cluster, Clock clock) {
        this.dir = dir;
        this.cluster = cluster;
        this.clock = clock;
    }

    /**
     * Makes a throw-away authority and certificate in memory, written nowhere, and reads them back: in a fresh process
     * the classes and code this takes (the EC key generator, BouncyCastle's builders, PEM) cost several times the
     * certificates themselves, so {@code pgha up} runs this on another thread while it asks the engine its first
     * questions (docs/decisions/0036). Failures are ignored: the real issue reports them.
     */
    public static void warmUp() {
        try {
            Clock clock = Clock.systemUTC();
            CertificateAuthority ca = CertificateAuthority.create("warm-up", clock);
            IssuedCertificate leaf =
                    ca.issue(new CertificateRequest("warm-up", List.of("localhost"), List.of("127.0.0.1")), clock);
            Pem.certificate(Pem.of(leaf.certificate()));
            Pem.privateKey(Pem.of(leaf.key()));
        } catch (RuntimeException e) {
            // the real certificates report whatever is wrong
        }
    }

    /** The cluster's authority, made on first use. */
    public CertificateAuthority authority() {
        Optional<CertificateAuthority> existing = readAuthority();
        if (existing.isPresent()) {
            return existing.get();
        }
        CertificateAuthority ca = CertificateAuthority.create(cluster, clock);
        write(CA, Pem.of(ca.certificate()), Pem.of(ca.key()));
        return ca;
    }

    /** The certificate the request describes: the stored one while it still fits, else a new one. */
    public IssuedCertificate ensure(CertificateRequest request) {
        CertificateAuthority ca = authority();
        Optional<IssuedCertificate> stored = read(request.name());
        if (stored.isPresent() && fits(stored.get(), request, ca)) {
            return stored.get();
        }
        return issue(ca, request);
    }

    /** A new certificate for the request, whatever is stored (rotation). */
    public IssuedCertificate rotate(CertificateRequest request) {
        return issue(authority(), request);
    }

    /** A new certificate for the stored one of that name, with the same names (rotation). */
    public IssuedCertificate renew(String name) {
        StoredCertificate stored = certificates().stream()
                .filter(c ->
                        c.kind() == StoredCertificate.Kind.COMPONENT && c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> PghaException.notFound("no certificate " + name + " in " + dir));
        return rotate(new CertificateRequest(name, stored.dnsNames(), stored.ipAddresses()));
    }

    /**
     * Every stored certificate: the authority's first, then the previous authority while a CA rotation is under way,
     * then the components' in name order.
     */
    public List<StoredCertificate> certificates() {
        List<StoredCertificate> all = new ArrayList<>();
        List<java.security.cert.X509Certificate> trusted = trusted();
        for (int i = 0; i < trusted.size(); i++) {
            all.add(new StoredCertificate(
                    i == 0 ? CA : PREVIOUS_CA,
                    i == 0 ? StoredCertificate.Kind.AUTHORITY : StoredCertificate.Kind.PREVIOUS_AUTHORITY,
                    trusted.get(i)));
        }
        for (String name : names()) {
            readPair(name)
                    .ifPresent(p -> all.add(
                            new StoredCertificate(name, StoredCertificate.Kind.COMPONENT, Pem.certificate(p[0]))));
        }
        return all;
    }

    /** Whether {@code ca.crt} holds more than the authority: a CA rotation is under way. */
    public boolean authorityRotationPending() {
        return trusted().size() > 1;
    }

    /**
     * Starts a CA rotation: a new authority signs from now on, and {@code ca.crt} holds it and the previous one. When a
     * rotation is already under way (it was interrupted), that one goes on: no third authority is made.
     *
     * @return whether a new authority was made
     */
    public boolean beginAuthorityRotation() {
        if (authorityRotationPending()) {
            return false;
        }
        CertificateAuthority previous = authority();
        String generation = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
                .withZone(java.time.ZoneOffset.UTC)
                .format(clock.instant());
        CertificateAuthority next = CertificateAuthority.create(cluster, generation, clock);
        write(CA, Pem.of(next.certificate()) + Pem.of(previous.certificate()), Pem.of(next.key()));
        return true;
    }

    /** Ends a CA rotation: {@code ca.crt} holds the new authority alone, the previous one is trusted no more. */
    public void finishAuthorityRotation() {
        CertificateAuthority current = authority();
        write(CA, Pem.of(current.certificate()), Pem.of(current.key()));
    }

    private List<java.security.cert.X509Certificate> trusted() {
        Path crt = caFile();
        if (!Files.isRegularFile(crt)) {
            return List.of();
        }
        return Pem.certificates(text(crt));
    }

    /** Every stored certificate with its end, the authority's first. */
    public List<CertificateStatus> status() {
        List<CertificateStatus> all = new ArrayList<>();
        readAuthority()
                .ifPresent(
                        ca -> all.add(status(CA, ca.certificate().getNotAfter().toInstant())));
        for (String name : names()) {
            read(name).ifPresent(c -> all.add(status(name, c.notAfter())));
        }
        return all;
    }

    public Path caFile() {
        return dir.resolve(CA + ".crt");
    }

    public Path certificateFile(String name) {
        return dir.resolve(name + ".crt");
    }

    public Path keyFile(String name) {
        return dir.resolve(name + ".key");
    }

    /** The PEM text of a stored certificate or key, e.g. to copy into a container. */
    public String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw PghaException.unavailable("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private boolean fits(IssuedCertificate c, CertificateRequest request, CertificateAuthority ca) {
        List<String> wanted = new ArrayList<>(request.dnsNames());
        wanted.addAll(request.ipAddresses());
        boolean signedByThisCa =
                c.certificate().getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())
                        && verifies(c, ca);
        return signedByThisCa
                && c.subjectAlternativeNames().size() == wanted.size()
                && c.subjectAlternativeNames().containsAll(wanted)
                && Duration.between(clock.instant(), c.notAfter()).compareTo(CertificateStatus.RENEW_BEFORE) >= 0;
    }

    private static boolean verifies(IssuedCertificate c, CertificateAuthority ca) {
        try {
            c.certificate().verify(ca.certificate().getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private IssuedCertificate issue(CertificateAuthority ca, CertificateRequest request) {
        IssuedCertificate c = ca.issue(request, clock);
        write(request.name(), Pem.of(c.certificate()), Pem.of(c.key()));
        return c;
    }

    private CertificateStatus status(String name, java.time.Instant notAfter) {
        return new CertificateStatus(name, notAfter, Duration.between(clock.instant(), notAfter));
    }

    private Optional<CertificateAuthority> readAuthority() {
        return readPair(CA).map(p -> new CertificateAuthority(Pem.certificate(p[0]), Pem.privateKey(p[1])));
    }

    private Optional<IssuedCertificate> read(String name) {
        return readPair(name).map(p -> new IssuedCertificate(name, Pem.certificate(p[0]), Pem.privateKey(p[1])));
    }

    private Optional<String[]> readPair(String name) {
        Path crt = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        if (!Files.isRegularFile(crt) || !Files.isRegularFile(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String[] {Files.readString(crt), Files.readString(key)});
        } catch (IOException e) {
            throw PghaException.unavailable("cannot read the certificate " + crt + ": " + e.getMessage(), e);
        }
    }

    private List<String> names() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".crt"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .filter(n -> !n.equals(CA))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw PghaException.unavailable("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private void write(String name, String certificatePem, String keyPem) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (POSIX) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            writeOwnerOnly(dir.resolve(name + ".key"), keyPem);
            writeOwnerOnly(dir.resolve(name + ".crt"), certificatePem);
        } catch (IOException e) {
            throw PghaException.unavailable(
                    "cannot store the certificate " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path tmp = POSIX
                ? Files.createTempFile(
                        file.getParent(),
                        file.getFileName().toString(),
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
