package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.PghaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Swarm flavour of the compose export (docs/decisions/0028): what this kernel's Swarm can run (docs/decisions/0026). */
class SwarmStackRendererTest {

    private static final StackSpec SPEC =
            StackSpec.builder().name("sw").images(ImageProfile.LOCAL).build();
    private static final SwarmPlacement HOSTS = new SwarmPlacement(List.of("h-1", "h-2", "h-3"));

    private static JsonNode stack(StackSpec spec, SwarmPlacement placement) throws Exception {
        return io.pgha.runtime.json.Json.yaml().readTree(SwarmStackRenderer.render(spec, placement));
    }

    @Test
    void everyServiceOfTheLayoutIsThereWithDnsRoundRobinAndHostModePorts() throws Exception {
        JsonNode services = stack(SPEC, HOSTS).get("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactlyElementsOf(StackLayout.compose(SwarmStackRenderer.swarmSpec(SPEC)).services().stream()
                        .map(StackService::name)
                        .toList());
        services.forEach(s -> {
            assertThat(s.at("/deploy/endpoint_mode").asText()).isEqualTo("dnsrr");
            s.path("ports").forEach(p -> assertThat(p.get("mode").asText()).isEqualTo("host"));
            assertThat(s.has("container_name") || s.has("dns_opt") || s.has("pull_policy") || s.has("env_file"))
                    .as("keys docker stack deploy refuses or ignores")
                    .isFalse();
        });
        assertThat(services.at("/pg-router/deploy/mode").asText()).isEqualTo("global");
        assertThat(services.at("/pg-router/ports/0/published").asInt()).isEqualTo(5000);
        JsonNode root = stack(SPEC, HOSTS);
        assertThat(root.at("/networks/default/driver").asText()).isEqualTo("overlay");
        assertThat(root.at("/networks/default/attachable").asBoolean()).isTrue();
        assertThat(root.at("/networks/default").has("driver_opts"))
                .as("no encrypted overlay")
                .isFalse();
    }

    @Test
    void eachMemberIsPinnedToItsOwnHostAndItsExporterBesideIt() throws Exception {
        JsonNode services = stack(SPEC, HOSTS).get("services");
        Map<String, String> expected = Map.of(
                "etcd-1",
                "h-1",
                "etcd-2",
                "h-2",
                "etcd-3",
                "h-3",
                "pg-0",
                "h-1",
                "pg-1",
                "h-2",
                "pg-2",
                "h-3",
                "pg-2-exporter",
                "h-3",
                "pg-supervisor",
                "h-1");
        expected.forEach((service, host) -> assertThat(services.at("/" + service + "/deploy/placement/constraints/0")
                        .asText())
                .as(service)
                .isEqualTo("node.hostname == " + host));
        assertThat(stack(SPEC, SwarmPlacement.byLabels())
                        .at("/services/pg-1/deploy/placement/constraints/0")
                        .asText())
                .isEqualTo("node.labels.io.pgha.slot == 2");
    }

    @Test
    void passwordsAndKeysAreSwarmSecretsWhereTheSingleEngineStackHasThemNeverInTheEnvironment() throws Exception {
        JsonNode root = stack(SPEC, HOSTS);
        JsonNode pg = root.at("/services/pg-0");
        List<String> targets = new ArrayList<>();
        pg.get("secrets").forEach(s -> targets.add(s.get("target").asText()));
        assertThat(targets)
                .contains(
                        "/run/pgha/tls/server.key",
                        "/run/pgha/secrets/PGPASSWORD_SUPERUSER",
                        "/run/pgha/secrets/PATRONI_RESTAPI_PASSWORD");
        assertThat(root.at("/secrets/pg-0-server.key/file").asText()).isEqualTo("./tls/pg-0/server.key");
        assertThat(root.at("/secrets/superuser-password/file").asText()).isEqualTo("./secrets/superuser-password");
        root.get("services")
                .forEach(s -> s.path("environment")
                        .fieldNames()
                        .forEachRemaining(variable ->
                                assertThat(variable).doesNotContain("PASSWORD").isNotEqualTo("DATA_SOURCE_PASS")));
        assertThat(root.at("/services/pg-0-exporter/environment/DATA_SOURCE_PASS_FILE")
                        .asText())
                .isEqualTo("/run/pgha/secrets/DATA_SOURCE_PASS");
        assertThat(root.at("/services/pg-router/configs/0/target").asText()).isEqualTo(StackLayout.HAPROXY_CONFIG_PATH);
        assertThat(root.at("/services/etcd-1").has("healthcheck"))
                .as("a health check would hide etcd members from each other until they had quorum")
                .isFalse();
        assertThat(root.at("/services/pg-0/healthcheck/start_interval").asText())
                .as("probed every second while starting: a task is running, and named in DNS, only once healthy")
                .isEqualTo("1s");
        assertThat(root.at("/services/pg-0/healthcheck/interval").asText()).isEqualTo("30s");
        assertThat(root.at("/services/pg-0/healthcheck/start_period").asText()).isEqualTo("120s");
        assertThat(root.at("/services/pg-router/healthcheck/start_interval").asText())
                .isEqualTo("1s");
        assertThat(root.at("/version").asText())
                .as("start_interval needs compose file 3.12")
                .isEqualTo("3.12");
    }

    @Test
    void refusesTheOfficialImagesAndLeavesBackupsOff() {
        assertThatThrownBy(() -> SwarmStackRenderer.render(
                        SPEC.toBuilder().images(ImageProfile.OFFICIAL).build(), HOSTS))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("--images local");
        assertThat(SwarmStackRenderer.render(SPEC, HOSTS))
                .doesNotContain("pgbackrest")
                .doesNotContain("backups");
        assertThatThrownBy(() -> new SwarmPlacement(List.of("bad host"))).isInstanceOf(PghaException.class);
    }
}
