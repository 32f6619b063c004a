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
                CREDENTIALS.router().password());
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
                .containsEntry("PGHA_ROUTER_API", "unix:/var/lib/haproxy/admin.sock")
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
        assertThat(planned(plan, "pg-0-exporter").container().env()).doesNotContainKey("DATA_SOURCE_PASS");
    }

    @Test
    void nodeCertificatesCarryEveryNameClientsUse() {
        List<CertificateRequest> requests =
                StackSecrets.requests(StackSpec.builder().name("blue").nodes(2).build());
        assertThat(requests).hasSize(2);
        assertThat(requests.getFirst().dnsNames()).containsExactly("pg-0", "blue-pg-0", "pg-router", "localhost");
        assertThat(requests.getFirst().ipAddresses()).containsExactly("127.0.0.1");
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
        assertThat(planned(plan, "pg-supervisor").container().env()).containsEntry("PGHA_ROUTER_API", "pg-router:9999");
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
