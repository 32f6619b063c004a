package io.pgha.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cluster.json holds no secret: an attached cluster's etcd password lives in the owner-only credential store. */
class ClusterRegistryTest {

    private static final String SECRET = "s3cr3t-etcd-pa55";

    @TempDir
    Path root;

    @Test
    void theEtcdPasswordIsStoredOwnerOnlyAndReadBackOnUse() throws IOException {
        ClusterRegistry registry = new ClusterRegistry(root);

        registry.save(attached("lab", Optional.of(SECRET)));

        Path clusterJson = registry.dir("lab").resolve("cluster.json");
        assertThat(Files.readString(clusterJson))
                .doesNotContain(SECRET)
                .contains("\"user\" : \"pgha\"")
                .contains("/etc/pgha/etcd-ca.pem");
        Path stored = registry.dir("lab").resolve(CredentialStore.ETCD_FILE);
        assertThat(Files.readString(stored)).contains(SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)))
                .isEqualTo("rw-------");
        assertThat(new CredentialStore(root).findEtcdPassword("lab")).contains(SECRET);
        assertThat(registry.get("lab").etcdAuth().flatMap(EtcdAuth::password)).contains(SECRET);
        assertThat(registry.list())
                .singleElement()
                .satisfies(c ->
                        assertThat(c.etcdAuth().flatMap(EtcdAuth::password)).contains(SECRET));
        assertThat(registry.get("lab")).isEqualTo(attached("lab", Optional.of(SECRET)));
    }

    @Test
    void savingWithoutAPasswordLeavesNoneBehind() {
        ClusterRegistry registry = new ClusterRegistry(root);
        registry.save(attached("lab", Optional.of(SECRET)));

        registry.save(attached("lab", Optional.empty()));

        assertThat(new CredentialStore(root).findEtcdPassword("lab")).isEmpty();
        assertThat(registry.get("lab").etcdAuth().flatMap(EtcdAuth::password)).isEmpty();
    }

    @Test
    void anOldClusterJsonWithThePasswordIsMigratedWhenRead() throws IOException {
        Path dir = root.resolve("clusters/lab");
        Files.createDirectories(dir);
        Path clusterJson = dir.resolve("cluster.json");
        Files.writeString(clusterJson, """
                {
                  "name" : "lab",
                  "scope" : "pg-ha",
                  "etcdEndpoints" : [ "http://10.0.0.5:2379" ],
                  "etcdAuth" : {
                    "user" : "pgha",
                    "password" : "%s",
                    "caFile" : null,
                    "certFile" : null,
                    "keyFile" : null
                  },
                  "patroniUrls" : { "pg-0" : "http://10.0.0.5:8008" },
                  "router" : null,
                  "dockerStack" : null,
                  "origin" : "ATTACHED"
                }
                """.formatted(SECRET));
        ClusterRegistry registry = new ClusterRegistry(root);

        ClusterConnection read = registry.get("lab");

        assertThat(read.etcdAuth().flatMap(EtcdAuth::password)).contains(SECRET);
        assertThat(read.etcdAuth().flatMap(EtcdAuth::user)).contains("pgha");
        assertThat(Files.readString(clusterJson)).as("rewritten without it").doesNotContain(SECRET);
        assertThat(new CredentialStore(root).findEtcdPassword("lab")).contains(SECRET);
        assertThat(registry.get("lab")).as("read again, from the store").isEqualTo(read);
    }

    @Test
    void aConnectionWithoutEtcdAuthIsUntouched() throws IOException {
        ClusterRegistry registry = new ClusterRegistry(root);
        ClusterConnection plain = new ClusterConnection(
                "shop",
                "shop",
                List.of("http://127.0.0.1:23791"),
                Optional.empty(),
                Map.of("pg-0", "http://127.0.0.1:8008"),
                Optional.empty(),
                Optional.of("shop"),
                ClusterConnection.Origin.PROVISIONED);
        registry.save(plain);
        assertThat(registry.get("shop")).isEqualTo(plain);
        assertThat(registry.dir("shop").resolve(CredentialStore.ETCD_FILE)).doesNotExist();
    }

    private static ClusterConnection attached(String name, Optional<String> password) {
        return new ClusterConnection(
                name,
                "pg-ha",
                List.of("https://10.0.0.5:2379"),
                Optional.of(new EtcdAuth(
                        Optional.of("pgha"),
                        password,
                        Optional.of("/etc/pgha/etcd-ca.pem"),
                        Optional.empty(),
                        Optional.empty())),
                Map.of("pg-0", "https://10.0.0.5:8008"),
                Optional.empty(),
                Optional.empty(),
                ClusterConnection.Origin.ATTACHED);
    }
}
