package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForgetClusterTest {

    private static final List<String> ALL = List.of(
            "cluster.json",
            "credentials.json",
            "patroni-rest.json",
            "etcd-auth.json",
            "audit.jsonl",
            "events.jsonl",
            "events.1.jsonl",
            "pki",
            ".env.postgres",
            "notes.txt");

    @ParameterizedTest(name = "delete secrets {0}, running {1}: deleted [{2}], kept [{3}], warns {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "false | false | audit.jsonl cluster.json events.1.jsonl events.jsonl "
                        + "| .env.postgres credentials.json etcd-auth.json notes.txt patroni-rest.json pki | false",
                "false | true  | audit.jsonl cluster.json events.1.jsonl events.jsonl "
                        + "| .env.postgres credentials.json etcd-auth.json notes.txt patroni-rest.json pki | false",
                "true  | false | .env.postgres audit.jsonl cluster.json credentials.json etcd-auth.json events.1.jsonl "
                        + "events.jsonl notes.txt patroni-rest.json pki |  | false",
                "true  | true  | .env.postgres audit.jsonl cluster.json credentials.json etcd-auth.json events.1.jsonl "
                        + "events.jsonl notes.txt patroni-rest.json pki |  | true",
            })
    void secretsStayUnlessAskedAndDeletingThoseOfARunningClusterWarns(
            boolean deleteSecrets, boolean running, String deleted, String kept, boolean warns) {
        ForgetCluster.Plan plan = ForgetCluster.decide("orders", ALL, deleteSecrets, running);

        assertThat(plan.deleted()).containsExactlyElementsOf(words(deleted));
        assertThat(plan.kept()).containsExactlyElementsOf(words(kept));
        assertThat(plan.warning().isPresent()).isEqualTo(warns);
    }

    @Test
    void aClusterWithoutSecretsNeverWarns() {
        ForgetCluster.Plan plan = ForgetCluster.decide("orders", List.of("cluster.json", "audit.jsonl"), true, true);
        assertThat(plan.warning()).isEmpty();
        assertThat(plan.summary()).isEqualTo("Deletes audit.jsonl, cluster.json. The cluster itself keeps running.");
    }

    @Test
    void forgettingKeepsTheCredentialsAndUpFindsThemAgain(@TempDir Path root) throws IOException {
        ClusterRegistry registry = new ClusterRegistry(root);
        CredentialStore credentials = new CredentialStore(root);
        registry.save(connection("orders"));
        StackCredentials stored = StackCredentials.generate("postgres", "replicator", "admin");
        credentials.save("orders", stored);
        Files.writeString(registry.dir("orders").resolve("audit.jsonl"), "{}\n");
        ForgetCluster forget = new ForgetCluster(registry);

        ForgetCluster.Plan plan = forget.plan("orders", false, true);
        assertThat(plan.summary())
                .isEqualTo(
                        "Deletes audit.jsonl, cluster.json; keeps credentials.json. The cluster itself keeps running.");
        forget.forget(plan);

        assertThat(registry.list()).isEmpty();
        assertThat(credentials.find("orders")).contains(stored);
        assertThat(registry.dir("orders").resolve("audit.jsonl")).doesNotExist();

        registry.save(connection("orders"));
        forget.forget(forget.plan("orders", true, false));
        assertThat(credentials.find("orders")).isEmpty();
        assertThat(registry.dir("orders")).doesNotExist();
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
    }

    private static ClusterConnection connection(String name) {
        return new ClusterConnection(
                name,
                name,
                List.of("http://127.0.0.1:23791"),
                Optional.empty(),
                Map.of("pg-0", "http://127.0.0.1:8008"),
                Optional.empty(),
                Optional.of(name),
                ClusterConnection.Origin.PROVISIONED);
    }
}
