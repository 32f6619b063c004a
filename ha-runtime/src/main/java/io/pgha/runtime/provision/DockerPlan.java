package io.pgha.runtime.provision;

import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.ContainerSpec;
import io.pgha.runtime.docker.PublishedPort;
import io.pgha.runtime.stack.StackImages;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackService;
import io.pgha.runtime.stack.StackService.Role;
import io.pgha.runtime.stack.StackSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker objects a spec makes: the same services the compose rendering has, with the generated
 * credentials in the environment instead of .env.postgres, and haproxy.cfg copied in instead of mounted.
 */
record DockerPlan(
        StackSpec spec,
        StackLayout layout,
        SpecFingerprint fingerprint,
        List<Planned> containers,
        Map<String, Map<String, String>> volumes,
        Map<String, String> networkLabels) {

    /** A container to have, with the service it comes from. */
    record Planned(StackService service, ContainerSpec container) {
        Role role() {
            return service.role();
        }

        String name() {
            return container.name();
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

    /** {@code spec} must have a concrete image profile (not auto). */
    static DockerPlan of(StackSpec spec, StackCredentials credentials) {
        StackLayout layout = StackLayout.of(spec);
        SpecFingerprint fingerprint = SpecFingerprint.of(spec);
        StackImages images = StackImages.of(spec.images());
        List<Planned> containers = layout.services().stream()
                .map(s -> new Planned(s, container(layout, s, images, credentials, fingerprint)))
                .toList();
        Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
        for (String v : layout.volumes()) {
            volumes.put(layout.volumeName(v), StackLabels.volume(spec.name(), kind(v), v));
        }
        return new DockerPlan(spec, layout, fingerprint, containers, volumes, StackLabels.network(spec.name()));
    }

    private static String kind(String volume) {
        return volume.startsWith("etcd")
                ? "etcd-data"
                : volume.startsWith("prometheus") ? "prometheus-data" : "postgres-data";
    }

    List<Planned> withRole(Role role) {
        return containers.stream().filter(p -> p.role() == role).toList();
    }

    private static ContainerSpec container(
            StackLayout layout,
            StackService s,
            StackImages images,
            StackCredentials credentials,
            SpecFingerprint fingerprint) {
        StackSpec spec = layout.spec();
        Map<String, String> env = new LinkedHashMap<>(s.environment());
        if (s.role() == Role.POSTGRES || s.role() == Role.SUPERVISOR) {
            env.put("PGUSER_SUPERUSER", credentials.superuser().user());
            env.put("PGPASSWORD_SUPERUSER", credentials.superuser().password());
        }
        if (s.role() == Role.POSTGRES) {
            env.put("PGUSER_STANDBY", credentials.replication().user());
            env.put("PGPASSWORD_STANDBY", credentials.replication().password());
            env.put("PGUSER_ADMIN", credentials.admin().user());
            env.put("PGPASSWORD_ADMIN", credentials.admin().password());
        } else if (s.role() == Role.EXPORTER) {
            env.put("DATA_SOURCE_USER", credentials.superuser().user());
            env.put("DATA_SOURCE_PASS", credentials.superuser().password());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        s.labels().forEach((k, v) -> labels.put(k, interpolate(v)));
        labels.putAll(StackLabels.container(
                spec.name(),
                s.role().id(),
                s.name(),
                fingerprint.hash(),
                fingerprint.yaml(),
                spec.images().id()));
        Map<String, String> volumes = new LinkedHashMap<>();
        s.volumes().forEach(v -> volumes.put(layout.volumeName(v.volume()), v.path()));
        List<PublishedPort> ports = s.ports().stream()
                .map(p -> new PublishedPort(spec.bindAddress(), p.hostPort(), p.containerPort()))
                .toList();
        Optional<ContainerSpec.Healthcheck> health = s.healthcheck()
                .map(h -> new ContainerSpec.Healthcheck(
                        h.test(),
                        Duration.ofSeconds(h.intervalSeconds()),
                        Duration.ofSeconds(h.timeoutSeconds()),
                        h.retries(),
                        Duration.ofSeconds(h.startPeriodSeconds())));
        return new ContainerSpec(
                layout.containerName(s.name()),
                images.of(s.image()),
                s.name(),
                layout.network(),
                List.of(s.name()),
                env,
                labels,
                volumes,
                ports,
                health,
                s.dnsOptions(),
                s.stopGraceSeconds().map(Duration::ofSeconds),
                true,
                binds(s),
                s.command());
    }

    private static Map<String, String> binds(StackService s) {
        Map<String, String> binds = new LinkedHashMap<>();
        for (String b : s.binds()) {
            int colon = b.indexOf(':');
            binds.put(b.substring(0, colon), b.substring(colon + 1));
        }
        return binds;
    }

    /** Resolves compose-style ${VAR:-default} references from the environment, as compose would. */
    private static String interpolate(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = System.getenv(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null || v.isEmpty() ? m.group(2) : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
