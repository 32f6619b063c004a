package io.pgha.runtime.stack;

import java.util.List;
import java.util.Objects;

/**
 * The five images a stack runs, one per kind of container, plus the supervisor's, which is always built
 * locally whatever the profile: from the pgha jars on a JRE (stack/images/build-local.sh), or from the sources by compose.
 */
public record StackImages(String etcd, String spilo, String haproxy, String exporter, String prometheus) {

    public static final StackImages OFFICIAL = new StackImages(
            "quay.io/coreos/etcd:v3.6.7",
            "ghcr.io/zalando/spilo-17:4.0-p3",
            "haproxy:3.3.1",
            "quay.io/prometheuscommunity/postgres-exporter:v0.17.1",
            "quay.io/prometheus/prometheus:v3.5.0");

    public static final StackImages LOCAL = new StackImages(
            "pgha/etcd:local",
            "pgha/spilo-17:local",
            "pgha/haproxy:local",
            "pgha/postgres-exporter:local",
            "pgha/prometheus:local");

    public static final String SUPERVISOR = "pgha/supervisor:local";

    /**
     * iptables and tc for the network drills, run beside a node in its network namespace (stack/images/net-fault,
     * built by build-local.sh whatever the profile).
     */
    public static final String NET_FAULT = "pgha/net-fault:local";

    /** What the supervisor's image is built with from sources (stack/images/supervisor/Dockerfile): a registry's JDK and JRE… */
    public static final String SUPERVISOR_JDK = "eclipse-temurin:21-jdk";

    public static final String SUPERVISOR_JRE = "eclipse-temurin:21-jre";
    /** …or the ones build-local.sh makes from Debian packages. */
    public static final String LOCAL_JDK = "pgha/jdk-21:local";

    public static final String LOCAL_JRE = "pgha/jre-21:local";

    public StackImages {
        Objects.requireNonNull(etcd, "etcd");
        Objects.requireNonNull(spilo, "spilo");
        Objects.requireNonNull(haproxy, "haproxy");
        Objects.requireNonNull(exporter, "exporter");
        Objects.requireNonNull(prometheus, "prometheus");
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
            case PROMETHEUS -> prometheus;
            case SUPERVISOR -> SUPERVISOR;
        };
    }

    public List<String> all() {
        return List.of(etcd, spilo, haproxy, exporter, prometheus);
    }

    /** The kinds of image, with the compose variable that selects each. */
    public enum ImageKind {
        ETCD("ETCD_IMAGE"),
        SPILO("SPILO_IMAGE"),
        HAPROXY("HAPROXY_IMAGE"),
        EXPORTER("EXPORTER_IMAGE"),
        PROMETHEUS("PROMETHEUS_IMAGE"),
        SUPERVISOR("SUPERVISOR_IMAGE");

        private final String composeVariable;

        ImageKind(String composeVariable) {
            this.composeVariable = composeVariable;
        }

        public String composeVariable() {
            return composeVariable;
        }
    }
}
