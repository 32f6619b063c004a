package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.ContainerFile;
import io.pgha.runtime.pki.CertificateRequest;
import io.pgha.runtime.provision.DockerPlan.Planned;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSecurity;
import io.pgha.runtime.stack.StackService.Role;
import io.pgha.runtime.stack.StackSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What pgha up gives each container of a secure stack: files, not environment, for every secret (docs/decisions/0020). */
class SecureStackPlanTest {

    private static final StackSpec LOCAL =
            StackSpec.builder().images(ImageProfile.LOCAL).build();
    private static final StackCredentials CREDENTIALS = StackCredentials.generate("postgres", "standby", "admin");

    private static List<String> passwords() {
        return List.of(
                CREDENTIALS.superuser().password(),
                CREDENTIALS.replication().password(),
                CREDENTIALS.admin().password(),
                CREDENTIALS.application().password(),
                CREDENTIALS.monitor().password(),
                CREDENTIALS.restApi().password(),
                CREDENTIALS.router().password(),
                CREDENTIALS.etcd().root(),
                CREDENTIALS.etcd().patroni(),
                CREDENTIALS.etcd().supervisor(),
                CREDENTIALS.etcd().pgha());
    }

    @Test
    void aPlanOnTheMembersImageChangesOnlyThePostgresContainers() {
        DockerPlan plan = DockerPlan.of(LOCAL, CREDENTIALS);
        DockerPlan upgraded = plan.withPostgresImage("pgha/spilo-17:next");

        assertThat(upgraded.containers()).hasSameSizeAs(plan.containers());
        for (int i = 0; i < plan.containers().size(); i++) {
            Planned before = plan.containers().get(i);
            Planned after = upgraded.containers().get(i);
            assertThat(after.container().image())
                    .as(before.name())
                    .isEqualTo(
                            before.role() == Role.POSTGRES
                                    ? "pgha/spilo-17:next"
                                    : before.container().image());
            assertThat(after.container().withImage(before.container().image()))
                    .as(before.name() + ": nothing else differs")
                    .isEqualTo(before.container());
            assertThat(after.files()).isEqualTo(before.files());
        }
        assertThat(upgraded.withRole(Role.POSTGRES)).isNotEmpty();
    }

    @Test
    void theDefaultSpecIsSecure() {
        assertThat(StackSpec.defaults().security()).isEqualTo(StackSecurity.SECURE);
        assertThat(StackSpec.committed().security()).isEqualTo(StackSecurity.SEED);
    }

    @Test
    void noContainerOfTheLocalProfileHasAPasswordInItsEnvironmentOrCommand() {
        DockerPlan plan = DockerPlan.of(LOCAL, CREDENTIALS);
        for (Planned p : plan.containers()) {
            String env = String.join("\n", p.container().env().values());
            String cmd = String.join(" ", p.container().command());
            for (String password : passwords()) {
                assertThat(env).as(p.name() + " environment").doesNotContain(password);
                assertThat(cmd).as(p.name() + " command").doesNotContain(password);
            }
            assertThat(p.container().env()).as(p.name()).doesNotContainKeys("PGPASSWORD_SUPERUSER", "DATA_SOURCE_PASS");
        }
    }

    @Test
    void everyPasswordAContainerNeedsIsAnOwnerOnlyFile(@TempDir Path dir) {
        DockerPlan plan = DockerPlan.of(LOCAL, CREDENTIALS);
        StackSecrets material = StackSecrets.of(plan, CREDENTIALS, dir);
        Planned pg0 = planned(plan, "pg-0");
        Map<String, ContainerFile> files = byPath(material.files(pg0));
        assertThat(files)
                .containsKeys(
                        "/run/pgha/secrets/PGPASSWORD_SUPERUSER",
                        "/run/pgha/secrets/PATRONI_RESTAPI_PASSWORD",
                        "/run/pgha/tls/server.key",
                        "/run/pgha/tls/server.crt",
                        "/run/pgha/tls/ca.crt");
        assertThat(text(files.get("/run/pgha/secrets/PGPASSWORD_SUPERUSER")))
                .isEqualTo(CREDENTIALS.superuser().password());
        assertThat(files.get("/run/pgha/secrets/PGPASSWORD_SUPERUSER").mode()).isEqualTo(0400);
        assertThat(files.get("/run/pgha/tls/server.key").mode()).isEqualTo(0600);
        assertThat(pg0.container().env())
                .doesNotContainKey("ALLOW_NOSSL")
                .containsEntry("PATRONI_RESTAPI_USERNAME", "pgha");

        Planned exporter = planned(plan, "pg-0-exporter");
        Map<String, ContainerFile> e = byPath(material.files(exporter));
        assertThat(text(e.get("/run/pgha/secrets/DATA_SOURCE_PASS")))
                .isEqualTo(CREDENTIALS.monitor().password());
        assertThat(e.get("/run/pgha/secrets/DATA_SOURCE_PASS").uid()).isEqualTo(65534);
        assertThat(exporter.container().env())
                .containsEntry("DATA_SOURCE_USER", "pgha_monitor")
                .containsEntry("DATA_SOURCE_PASS_FILE", "/run/pgha/secrets/DATA_SOURCE_PASS");

        Planned supervisor = planned(plan, "pg-supervisor");
        assertThat(byPath(material.files(supervisor))).containsKeys("/run/pgha/secrets/PGHA_POSTGRES_PASSWORD");
        assertThat(supervisor.container().env())
                .containsEntry("PGHA_ROUTER_API", "unix:/var/lib/haproxy/admin.sock,unix:/var/lib/haproxy-2/admin.sock")
                .containsEntry("PGHA_CA_FILE", "/run/pgha/tls/ca.crt")
                .containsEntry("PGHA_POSTGRES_USER", "pgha_monitor");

        Planned router = planned(plan, "pg-router");
        String users = text(byPath(material.files(router)).get("/usr/local/etc/haproxy/users.cfg"));
        assertThat(users).contains("userlist pgha-stats").contains("password $6$");
        assertThat(users).doesNotContain(CREDENTIALS.router().password());
        assertThat(material.caFile()).contains(dir.resolve("pki/ca.crt").toString());
    }

    @Test
    void theOfficialSpiloImageStillTakesItsPasswordsFromTheEnvironment() {
        DockerPlan plan =
                DockerPlan.of(StackSpec.builder().images(ImageProfile.OFFICIAL).build(), CREDENTIALS);
        Planned pg0 = planned(plan, "pg-0");
        assertThat(pg0.container().env())
                .containsEntry("PGPASSWORD_SUPERUSER", CREDENTIALS.superuser().password());
        assertThat(pg0.files()).noneMatch(f -> f.path().startsWith("/run/pgha/secrets/"));
        // unverified here (no registry): whether Spilo hands Patroni this variable (docs/decisions/0020)
        assertThat(pg0.container().env())
                .containsEntry("PATRONI_ETCD3_PASSWORD", CREDENTIALS.etcd().patroni());
        assertThat(planned(plan, "pg-0-exporter").container().env()).doesNotContainKey("DATA_SOURCE_PASS");
    }

    @Test
    void nodeCertificatesCarryEveryNameClientsUse() {
        List<CertificateRequest> requests =
                StackSecrets.requests(StackSpec.builder().name("blue").nodes(2).build());
        assertThat(requests).hasSize(5);
        assertThat(requests.getFirst().dnsNames())
                .containsExactly("pg-0", "blue-pg-0", "pg-router", "pg-router-2", "localhost");
        assertThat(requests.getFirst().ipAddresses()).containsExactly("127.0.0.1");
        CertificateRequest etcd = requests.get(2);
        assertThat(etcd.name()).isEqualTo("etcd-1");
        assertThat(etcd.dnsNames()).containsExactly("etcd-1", "localhost", "blue-etcd-1");
        assertThat(etcd.ipAddresses()).containsExactly("127.0.0.1");
        assertThat(StackSecrets.requests(
                                StackSpec.builder().bindAddress("10.0.0.5").build())
                        .get(3)
                        .ipAddresses())
                .containsExactly("127.0.0.1", "10.0.0.5");
    }

    @Test
    void etcdSpeaksTlsOnBothPortsWithTheMembersOwnCertificate(@TempDir Path dir) {
        DockerPlan plan = DockerPlan.of(LOCAL, CREDENTIALS);
        Planned etcd = planned(plan, "etcd-2");
        assertThat(etcd.container().env())
                .containsEntry("ETCD_LISTEN_CLIENT_URLS", "https://0.0.0.0:2379")
                .containsEntry("ETCD_ADVERTISE_CLIENT_URLS", "https://etcd-2:2379")
                .containsEntry("ETCD_LISTEN_PEER_URLS", "https://0.0.0.0:2380")
                .containsEntry(
                        "ETCD_INITIAL_CLUSTER",
                        "etcd-1=https://etcd-1:2380,etcd-2=https://etcd-2:2380,etcd-3=https://etcd-3:2380")
                .containsEntry("ETCD_PEER_CLIENT_CERT_AUTH", "true")
                .containsEntry("ETCD_PEER_TRUSTED_CA_FILE", "/run/pgha/tls/ca.crt")
                .containsEntry("ETCD_CERT_FILE", "/run/pgha/tls/server.crt")
                .containsEntry("ETCD_NAME", "etcd-2");
        assertThat(etcd.container().healthcheck().orElseThrow().command())
                .contains("--endpoints=https://127.0.0.1:2379", "--cacert=/run/pgha/tls/ca.crt", "status");
        StackSecrets material = StackSecrets.of(plan, CREDENTIALS, dir);
        Map<String, ContainerFile> files = byPath(material.files(etcd));
        assertThat(files)
                .containsOnlyKeys("/run/pgha/tls/ca.crt", "/run/pgha/tls/server.crt", "/run/pgha/tls/server.key");
        assertThat(files.get("/run/pgha/tls/server.key").mode()).isEqualTo(0600);
        assertThat(text(files.get("/run/pgha/tls/server.crt")))
                .isEqualTo(text(byPath(material.files(etcd)).get("/run/pgha/tls/server.crt")))
                .isNotEqualTo(text(byPath(material.files(planned(plan, "pg-0"))).get("/run/pgha/tls/server.crt")));
    }

    @Test
    void patroniAndTheSupervisorLogInToEtcdFromOwnerOnlyFiles(@TempDir Path dir) {
        DockerPlan plan = DockerPlan.of(LOCAL, CREDENTIALS);
        StackSecrets material = StackSecrets.of(plan, CREDENTIALS, dir);
        Planned pg0 = planned(plan, "pg-0");
        ContainerFile patroni = byPath(material.files(pg0)).get("/run/pgha/secrets/PATRONI_ETCD3_PASSWORD");
        assertThat(text(patroni)).isEqualTo(CREDENTIALS.etcd().patroni());
        assertThat(patroni.mode()).isEqualTo(0400);
        assertThat(pg0.container().env().get("SPILO_CONFIGURATION"))
                .contains("etcd3:\n  protocol: https\n  cacert: /run/pgha/tls/ca.crt\n  username: patroni\n");

        Planned supervisor = planned(plan, "pg-supervisor");
        ContainerFile login = byPath(material.files(supervisor)).get("/run/pgha/secrets/etcd-supervisor");
        assertThat(text(login))
                .isEqualTo("pgha-supervisor:" + CREDENTIALS.etcd().supervisor() + "\n");
        assertThat(login.mode()).isEqualTo(0400);
        assertThat(supervisor.container().env())
                .containsEntry("PGHA_ETCD_CA", "/run/pgha/tls/ca.crt")
                .containsEntry("PGHA_ETCD_CREDENTIALS_FILE", "/run/pgha/secrets/etcd-supervisor");
        // etcd's root password goes into no container
        for (Planned p : plan.containers()) {
            assertThat(material.files(p))
                    .noneMatch(f -> text(f).contains(CREDENTIALS.etcd().root()));
        }
    }

    @Test
    void pghaReachesEtcdOverTlsAsItsOwnUser() {
        var connection = DockerStackProvisioner.connection(LOCAL, CREDENTIALS);
        assertThat(connection.etcdEndpoints())
                .containsExactly("https://127.0.0.1:23791", "https://127.0.0.1:23792", "https://127.0.0.1:23793");
        var auth = connection.etcdAuth().orElseThrow();
        assertThat(auth.user()).contains("pgha");
        assertThat(auth.password()).contains(CREDENTIALS.etcd().pgha());
        var seed = DockerStackProvisioner.connection(
                StackSpec.builder().security(StackSecurity.SEED).build(), CREDENTIALS);
        assertThat(seed.etcdEndpoints()).allMatch(e -> e.startsWith("http://"));
        assertThat(seed.etcdAuth()).isEmpty();
    }

    @Test
    void etcdsUsersAreTheStoredPasswords() {
        assertThat(EtcdBootstrap.passwords(CREDENTIALS.etcd()))
                .containsEntry("root", CREDENTIALS.etcd().root())
                .containsEntry("patroni", CREDENTIALS.etcd().patroni())
                .containsEntry("pgha-supervisor", CREDENTIALS.etcd().supervisor())
                .containsEntry("pgha", CREDENTIALS.etcd().pgha())
                .containsOnlyKeys(io.pgha.runtime.dcs.EtcdAccessPolicy.forScope("/service/", "pg-ha")
                        .userNames());
    }

    @Test
    void theSeedSecurityKeepsTheOpenStack() {
        DockerPlan plan = DockerPlan.of(
                StackSpec.builder()
                        .images(ImageProfile.LOCAL)
                        .security(StackSecurity.SEED)
                        .build(),
                CREDENTIALS);
        assertThat(planned(plan, "pg-0").container().env()).containsEntry("ALLOW_NOSSL", "true");
        assertThat(planned(plan, "pg-supervisor").container().env())
                .containsEntry("PGHA_ROUTER_API", "pg-router:9999,pg-router-2:9999")
                .doesNotContainKeys("PGHA_ETCD_CA", "PGHA_ETCD_CREDENTIALS_FILE");
        assertThat(planned(plan, "etcd-1").container().env())
                .containsEntry("ETCD_LISTEN_CLIENT_URLS", "http://0.0.0.0:2379")
                .doesNotContainKey("ETCD_CERT_FILE");
        assertThat(planned(plan, "etcd-1").files()).isEmpty();
        assertThat(planned(plan, "pg-0").container().env().get("SPILO_CONFIGURATION"))
                .doesNotContain("etcd3");
    }

    @Test
    void scramVerifiersAreThoseOfPgjdbc() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        assertThat(StackRoles.verifier("s3cret-Password", salt, 4096))
                .isEqualTo(org.postgresql.util.PasswordUtil.encodeScramSha256(
                        "s3cret-Password".toCharArray(), 4096, salt));
    }

    @Test
    void rolesSqlHoldsNoPassword() {
        String sql = StackRoles.rolesSql(CREDENTIALS.application(), CREDENTIALS.monitor());
        assertThat(sql)
                .doesNotContain(CREDENTIALS.application().password())
                .doesNotContain(CREDENTIALS.monitor().password())
                .contains("GRANT pg_monitor TO pgha_monitor")
                .contains("SCRAM-SHA-256$4096:");
    }

    private static Planned planned(DockerPlan plan, String name) {
        return plan.containers().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, ContainerFile> byPath(List<ContainerFile> files) {
        return files.stream().collect(java.util.stream.Collectors.toMap(ContainerFile::path, f -> f));
    }

    private static String text(ContainerFile f) {
        return new String(f.content(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unused")
    private static final Role UNUSED = Role.ETCD;
}
