package io.pgha.runtime.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.model.ContainerInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attaching a local stack whose etcd speaks TLS: its endpoints are https; for a stack pgha made, the CA and the etcd
 * login pgha keeps in its config directory are used unless the user gave others; for another stack a note asks for
 * the CA.
 */
class StackTlsDiscoveryTest {

    @TempDir
    Path root;

    private static StackContainer container(String name, String role, int port, boolean tls, String pghaStack) {
        return new StackContainer(
                new ContainerInfo(
                        name, "id-" + name, role, "img", "running", "none", 0, Optional.empty(), OptionalInt.empty()),
                port == 0
                        ? Map.of()
                        : Map.of(role.equals("etcd") ? 2379 : 8008, new StackContainer.HostPort("127.0.0.1", port)),
                Optional.of("shop"),
                Optional.of(name),
                role.equals("postgres") ? Optional.of("shop") : Optional.empty(),
                tls,
                Optional.ofNullable(pghaStack));
    }

    private static List<StackContainer> stack(boolean tls, String pghaStack) {
        return List.of(
                container("etcd-1", "etcd", 33791, tls, pghaStack),
                container("etcd-2", "etcd", 33792, tls, pghaStack),
                container("pg-0", "postgres", 18008, false, pghaStack));
    }

    @Test
    void aPghaStackWithEtcdTlsIsAttachedByItsNameAloneOverHttps() {
        LocalStack s = LocalStacks.of("shop", stack(true, "shop")).orElseThrow();

        assertThat(s.etcdEndpoints()).containsExactly("https://127.0.0.1:33791", "https://127.0.0.1:33792");
        assertThat(s.etcdTls()).isTrue();
        assertThat(s.pghaStack()).contains("shop");
        assertThat(s.attachCommand()).isEqualTo("pgha attach shop");
    }

    @Test
    void anotherStackWithEtcdTlsIsProposedWithHttpsAndTheCaToGive() {
        LocalStack s = LocalStacks.of("shop", stack(true, null)).orElseThrow();

        assertThat(s.attachCommand())
                .isEqualTo("pgha attach shop --etcd https://127.0.0.1:33791,https://127.0.0.1:33792 --scope shop"
                        + " --ca CA.crt");
    }

    @Test
    void theCaAndTheEtcdLoginPghaKeepsForTheStackAreUsed() throws Exception {
        Path ca = root.resolve("clusters/shop/pki/ca.crt");
        Files.createDirectories(ca.getParent());
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n");
        StackCredentials credentials = StackCredentials.generate("postgres", "standby", "admin");
        new CredentialStore(root).save("shop", credentials);
        LocalStack s = LocalStacks.of("shop", stack(true, "shop")).orElseThrow();
        List<String> notes = new ArrayList<>();

        AttachRequest r = ClusterDiscovery.withStackTls(request(Optional.empty(), Optional.empty()), s, files(), notes);

        assertThat(r.caFile()).contains(ca.toAbsolutePath().toString());
        assertThat(r.etcdAuth().flatMap(EtcdAuth::user)).contains("pgha");
        assertThat(r.etcdAuth().flatMap(EtcdAuth::password))
                .contains(credentials.etcd().pgha());
        assertThat(String.join("\n", notes))
                .contains("trusting the CA pgha keeps for stack shop")
                .contains("etcd login: user pgha")
                .doesNotContain(credentials.etcd().pgha());
    }

    @Test
    void whatTheUserGaveWins() throws Exception {
        Path ca = root.resolve("clusters/shop/pki/ca.crt");
        Files.createDirectories(ca.getParent());
        Files.writeString(ca, "x");
        new CredentialStore(root).save("shop", StackCredentials.generate("postgres", "standby", "admin"));
        EtcdAuth given = new EtcdAuth(
                Optional.of("ops"), Optional.of("secret"), Optional.empty(), Optional.empty(), Optional.empty());
        LocalStack s = LocalStacks.of("shop", stack(true, "shop")).orElseThrow();

        AttachRequest r = ClusterDiscovery.withStackTls(
                request(Optional.of("/elsewhere/ca.crt"), Optional.of(given)), s, files(), new ArrayList<>());

        assertThat(r.caFile()).contains("/elsewhere/ca.crt");
        assertThat(r.etcdAuth()).contains(given);
    }

    @Test
    void withoutEtcdTlsNothingIsAddedAndWithoutAKnownCaTheUserIsAskedForOne() {
        List<String> notes = new ArrayList<>();
        AttachRequest plain = request(Optional.empty(), Optional.empty());

        assertThat(ClusterDiscovery.withStackTls(
                        plain, LocalStacks.of("shop", stack(false, "shop")).orElseThrow(), files(), notes))
                .isEqualTo(plain);
        AttachRequest foreign = ClusterDiscovery.withStackTls(
                plain, LocalStacks.of("shop", stack(true, null)).orElseThrow(), files(), notes);
        assertThat(foreign.caFile()).isEmpty();
        assertThat(foreign.etcdAuth()).isEmpty();
        assertThat(notes).singleElement().asString().contains("give --ca");
    }

    private PghaStackFiles files() {
        return new PghaStackFiles(root);
    }

    private static AttachRequest request(Optional<String> ca, Optional<EtcdAuth> auth) {
        return new AttachRequest(
                "shop",
                Optional.empty(),
                List.of(),
                auth,
                Map.of(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                true,
                ca);
    }
}
