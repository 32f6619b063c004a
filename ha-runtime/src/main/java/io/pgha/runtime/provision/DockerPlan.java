package io.pgha.runtime.provision;

import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.ContainerSpec;
import io.pgha.runtime.docker.PublishedPort;
import io.pgha.runtime.stack.ImageProfile;
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
 * The Docker objects a spec makes: the same services the compose rendering has, the generated credentials in files
 * copied into each container before it starts (owner-only; in the environment only where an image reads nothing else,
 * the official Spilo image), and haproxy.cfg copied in instead of mounted.
 */
record DockerPlan(
        StackSpec spec,
        StackLayout layout,
        SpecFingerprint fingerprint,
        List<Planned> containers,
        Map<String, Map<String, String>> volumes,
        Map<String, String> networkLabels) {

    /**
     * A container to have, with the service it comes from and the secret files to copy into it before it starts (the
     * service's, less those its image can only read from its environment).
     */
    record Planned(StackService service, ContainerSpec container, List<StackService.SecretFile> files) {
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
                .map(s -> new Planned(s, container(layout, s, images, credentials, fingerprint), files(spec, s)))
                .toList();
        Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
        for (String v : layout.volumes()) {
            volumes.put(layout.volumeName(v), StackLabels.volume(spec.name(), kind(v), v));
        }
        return new DockerPlan(spec, layout, fingerprint, containers, volumes, StackLabels.network(spec.name()));
    }

    private static String kind(String volume) {
        if (volume.startsWith("router")) {
            return "router-api";
        }
        if (volume.equals(io.pgha.runtime.stack.Backups.VOLUME)) {
            return "backups";
        }
        return volume.startsWith("etcd")
                ? "etcd-data"
                : volume.startsWith("prometheus") ? "prometheus-data" : "postgres-data";
    }

    /** The same plan with every PostgreSQL container of {@code image} (the one the running members run). */
    DockerPlan withPostgresImage(String image) {
        List<Planned> replaced = containers.stream()
                .map(p -> p.role() == Role.POSTGRES
                        ? new Planned(p.service(), p.container().withImage(image), p.files())
                        : p)
                .toList();
        return new DockerPlan(spec, layout, fingerprint, replaced, volumes, networkLabels);
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
        if (s.role() == Role.POSTGRES) {
            env.put("PGUSER_SUPERUSER", credentials.superuser().user());
            env.put("PGUSER_STANDBY", credentials.replication().user());
            env.put("PGUSER_ADMIN", credentials.admin().user());
        } else if (s.role() == Role.EXPORTER) {
            env.put("DATA_SOURCE_USER", layout.monitorRole());
        } else if (s.role() == Role.SUPERVISOR) {
            if (spec.security().authentication()) {
                env.put("PGHA_POSTGRES_USER", layout.monitorRole());
            } else {
                env.put("PGUSER_SUPERUSER", credentials.superuser().user());
            }
        }
        for (StackService.SecretFile f : s.secrets()) {
            if (!isPassword(f.secret())) {
                continue;
            }
            String variable = f.path().substring(f.path().lastIndexOf('/') + 1);
            if (!readsFiles(spec, s)) {
                env.put(variable, password(credentials, f.secret())); // official Spilo: docs/decisions/0020
            } else if (s.role() == Role.EXPORTER) {
                env.put(variable + "_FILE", f.path());
            }
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

    /** The secret files copied into a service's container: all but the passwords an image takes only from its environment. */
    static List<StackService.SecretFile> files(StackSpec spec, StackService s) {
        return s.secrets().stream()
                .filter(f -> readsFiles(spec, s) || !isPassword(f.secret()))
                .toList();
    }

    /**
     * Whether the service's image reads its passwords from files: every image but the official Spilo one, which takes
     * them from its environment only.
     */
    static boolean readsFiles(StackSpec spec, StackService s) {
        return s.role() != Role.POSTGRES || spec.images() != ImageProfile.OFFICIAL;
    }

    static boolean isPassword(StackService.Secret secret) {
        return switch (secret) {
            case SUPERUSER_PASSWORD,
                    REPLICATION_PASSWORD,
                    ADMIN_PASSWORD,
                    REST_API_PASSWORD,
                    MONITOR_PASSWORD,
                    ETCD_PATRONI_PASSWORD,
                    ETCD_SUPERVISOR_LOGIN -> true;
            case CA_CERTIFICATE, NODE_CERTIFICATE, NODE_KEY, ROUTER_USERS -> false;
        };
    }

    static String password(StackCredentials c, StackService.Secret secret) {
        return switch (secret) {
            case SUPERUSER_PASSWORD -> c.superuser().password();
            case REPLICATION_PASSWORD -> c.replication().password();
            case ADMIN_PASSWORD -> c.admin().password();
            case REST_API_PASSWORD -> c.restApi().password();
            case MONITOR_PASSWORD -> c.monitor().password();
            case ETCD_PATRONI_PASSWORD -> c.etcd().patroni();
            default -> throw new IllegalArgumentException(secret + " is not a password");
        };
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
