package io.pgha.runtime.stack;

import io.pgha.runtime.stack.StackService.PortMapping;
import io.pgha.runtime.stack.StackService.VolumeUse;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a spec as a docker-compose.yml that starts the same stack as {@code pgha up}, credentials
 * coming from .env.postgres beside it. The committed stack/docker-compose.yml is this rendering of the
 * default spec, byte for byte.
 */
public final class ComposeRenderer {

    public static final String CREDENTIALS_FILE = ".env.postgres";
    public static final String HAPROXY_CONFIG_FILE = "haproxy/haproxy.cfg";

    private ComposeRenderer() {
    }

    public static String render(StackSpec spec) {
        StackLayout layout = StackLayout.of(spec);
        StackImages defaults = spec.images() == ImageProfile.LOCAL ? StackImages.LOCAL : StackImages.OFFICIAL;
        String pullPolicy = spec.images() == ImageProfile.LOCAL ? "never" : "missing";
        StringBuilder y = new StringBuilder();
        y.append("# The pgha stack: ").append(count(spec.etcdMembers(), "etcd member")).append(", ")
                .append(count(spec.nodes(), "PostgreSQL 17 node")).append(" (Spilo, with Patroni), HAProxy and exporters.\n")
                .append("# Rendered from ").append(spec.equals(StackSpec.defaults()) ? "the default StackSpec" : "a StackSpec")
                .append(" by `pgha export-compose`; a test fails when the two differ.\n")
                .append("# Official images by default; local ones with: docker compose --env-file stack/local.env -f stack/docker-compose.yml up -d\n")
                .append("name: ").append(spec.name()).append("\n\nservices:\n");
        for (StackService s : layout.services()) {
            service(y, layout, s, defaults.of(s.image()), pullPolicy);
        }
        y.append("\nnetworks:\n  default:\n    name: ").append(layout.network()).append("\n\nvolumes:\n");
        for (String v : layout.volumes()) {
            y.append("  ").append(v).append(":\n");
        }
        return y.toString();
    }

    private static void service(StringBuilder y, StackLayout layout, StackService s, String image, String pullPolicy) {
        y.append("  ").append(s.name()).append(":\n")
                .append("    image: ${").append(s.image().composeVariable()).append(":-").append(image).append("}\n")
                .append("    pull_policy: ${PULL_POLICY:-").append(pullPolicy).append("}\n")
                .append("    container_name: ").append(layout.containerName(s.name())).append('\n')
                .append("    hostname: ").append(s.name()).append('\n')
                .append("    restart: unless-stopped\n");
        if (s.credentials()) {
            y.append("    env_file: ").append(CREDENTIALS_FILE).append('\n');
        }
        if (!s.environment().isEmpty()) {
            y.append("    environment:\n");
            for (Map.Entry<String, String> e : s.environment().entrySet()) {
                y.append("      ").append(e.getKey()).append(": ");
                if (e.getValue().contains("\n")) {
                    y.append("|\n");
                    e.getValue().lines().forEach(l -> y.append("        ").append(l).append('\n'));
                } else {
                    y.append(Yaml.string(e.getValue())).append('\n');
                }
            }
        }
        if (!s.volumes().isEmpty() || s.routerConfig()) {
            y.append("    volumes:\n");
            for (VolumeUse v : s.volumes()) {
                y.append("      - ").append(v.volume()).append(':').append(v.path()).append('\n');
            }
            if (s.routerConfig()) {
                y.append("      - ./").append(HAPROXY_CONFIG_FILE).append(':').append(StackLayout.HAPROXY_CONFIG_PATH).append(":ro\n");
            }
        }
        if (!s.ports().isEmpty()) {
            y.append("    ports:\n");
            String bind = layout.spec().bindAddress().contains(":") ? "[" + layout.spec().bindAddress() + "]" : layout.spec().bindAddress();
            for (PortMapping p : s.ports()) {
                y.append("      - \"").append(bind).append(':').append(p.hostPort()).append(':').append(p.containerPort()).append("\"\n");
            }
        }
        s.healthcheck().ifPresent(h -> y.append("    healthcheck:\n")
                .append("      test: [").append(h.test().stream().map(Yaml::quoted).collect(Collectors.joining(", "))).append("]\n")
                .append("      interval: ").append(h.intervalSeconds()).append("s\n")
                .append("      timeout: ").append(h.timeoutSeconds()).append("s\n")
                .append("      retries: ").append(h.retries()).append('\n'));
        s.stopGraceSeconds().ifPresent(g -> y.append("    stop_grace_period: ").append(g).append("s\n"));
        if (!s.dnsOptions().isEmpty()) {
            y.append("    # Fail name lookups fast when cut off, so Patroni demotes within retry_timeout (well before ttl).\n")
                    .append("    dns_opt:\n");
            s.dnsOptions().forEach(o -> y.append("      - ").append(o).append('\n'));
        }
        if (!s.labels().isEmpty()) {
            y.append("    labels:\n");
            s.labels().forEach((k, v) -> y.append("      ").append(k).append(": ").append(Yaml.string(v)).append('\n'));
        }
        if (!s.dependsOn().isEmpty()) {
            y.append("    depends_on:\n");
            s.dependsOn().forEach(d -> y.append("      - ").append(d).append('\n'));
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
