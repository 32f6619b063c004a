package io.pgha.runtime.stack;

import java.util.List;
import java.util.Objects;

/** The four images a stack runs, one per kind of container. */
public record StackImages(String etcd, String spilo, String haproxy, String exporter) {

    public static final StackImages OFFICIAL = new StackImages("quay.io/coreos/etcd:v3.6.7",
            "ghcr.io/zalando/spilo-17:4.0-p3", "haproxy:3.3.1", "quay.io/prometheuscommunity/postgres-exporter:v0.17.1");

    public static final StackImages LOCAL = new StackImages("pgha/etcd:local", "pgha/spilo-17:local",
            "pgha/haproxy:local", "pgha/postgres-exporter:local");

    public StackImages {
        Objects.requireNonNull(etcd, "etcd");
        Objects.requireNonNull(spilo, "spilo");
        Objects.requireNonNull(haproxy, "haproxy");
        Objects.requireNonNull(exporter, "exporter");
    }

    /** The images of a concrete profile; AUTO has none until it is resolved against an engine. */
    public static StackImages of(ImageProfile profile) {
        return switch (profile) {
            case OFFICIAL -> OFFICIAL;
            case LOCAL -> LOCAL;
            case AUTO -> throw new IllegalArgumentException("the auto profile is resolved by the provisioner");
        };
    }

    public String of(ImageKind kind) {
        return switch (kind) {
            case ETCD -> etcd;
            case SPILO -> spilo;
            case HAPROXY -> haproxy;
            case EXPORTER -> exporter;
        };
    }

    public List<String> all() {
        return List.of(etcd, spilo, haproxy, exporter);
    }

    /** The kinds of image, with the compose variable that selects each. */
    public enum ImageKind {
        ETCD("ETCD_IMAGE"), SPILO("SPILO_IMAGE"), HAPROXY("HAPROXY_IMAGE"), EXPORTER("EXPORTER_IMAGE");

        private final String composeVariable;

        ImageKind(String composeVariable) {
            this.composeVariable = composeVariable;
        }

        public String composeVariable() {
            return composeVariable;
        }
    }
}
