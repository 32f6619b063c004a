package io.pgha.runtime.stack;

import io.pgha.runtime.stack.StackImages.ImageKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container of a stack as both renderings need it: the compose file and the provisioner's Docker
 * calls are made from these, so they cannot disagree.
 *
 * @param name            the service name, which is also the container's host name on the stack network
 * @param role            what the container is
 * @param image           which of the stack's images it runs
 * @param environment     its environment, in order, without credentials
 * @param credentials     whether it needs the PostgreSQL credentials (compose: env_file .env.postgres)
 * @param volumes         named volumes it mounts
 * @param ports           host ports it publishes on the bind address
 * @param healthcheck     Docker's health check, if any
 * @param dnsOptions      resolver options (resolv.conf)
 * @param stopGraceSeconds how long Docker waits after SIGTERM before it kills, if not the default
 * @param dependsOn       services that must be started first
 * @param labels          extra labels (e.g. for Traefik); values may hold ${VAR:-default} references
 * @param configFiles     files rendered from the spec that it reads (haproxy.cfg, prometheus.yml)
 * @param binds           host paths mounted into it, as host:container (the supervisor's Docker socket)
 * @param command         arguments to its image's entry point, when not the image's own
 * @param secrets         the cluster's own material it reads from files (certificates, passwords): the provisioner copies
 *                        them in, owner-only, before the container starts
 */
public record StackService(
        String name,
        Role role,
        ImageKind image,
        Map<String, String> environment,
        boolean credentials,
        List<VolumeUse> volumes,
        List<PortMapping> ports,
        Optional<Healthcheck> healthcheck,
        List<String> dnsOptions,
        Optional<Integer> stopGraceSeconds,
        List<String> dependsOn,
        Map<String, String> labels,
        List<ConfigFile> configFiles,
        List<String> binds,
        List<String> command,
        List<SecretFile> secrets) {

    public enum Role {
        ETCD,
        POSTGRES,
        ROUTER,
        EXPORTER,
        SUPERVISOR,
        PROMETHEUS;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A named volume (the key in the compose file, e.g. pg-0-data) mounted at a path. */
    public record VolumeUse(String volume, String path) {}

    public record PortMapping(int hostPort, int containerPort) {}

    /** What a secret file holds: made per cluster (certificates by its CA, generated passwords), never part of a spec. */
    public enum Secret {
        CA_CERTIFICATE,
        NODE_CERTIFICATE,
        NODE_KEY,
        SUPERUSER_PASSWORD,
        REPLICATION_PASSWORD,
        ADMIN_PASSWORD,
        REST_API_PASSWORD,
        MONITOR_PASSWORD,
        /** HAProxy's userlist for its stats page: the API user with a crypt(3) hash of its password. */
        ROUTER_USERS,
        /** The password of etcd's user patroni (the PostgreSQL nodes' Patroni). */
        ETCD_PATRONI_PASSWORD,
        /** The supervisor's etcd login, one line USER:PASSWORD (EtcdCredentialsFile). */
        ETCD_SUPERVISOR_LOGIN
    }

    /**
     * A file of the cluster's own material at {@code path} in the container, readable by {@code uid} only unless
     * {@code mode} says otherwise (a CA certificate is public).
     */
    public record SecretFile(String path, Secret secret, int mode, int uid) {}

    /**
     * A file rendered from the spec: compose mounts it read-only from {@code stackPath} beside the compose file, the
     * provisioner copies it in before the container starts.
     */
    public record ConfigFile(String stackPath, String containerPath, String content) {}

    /** Docker's health check; {@code test} is Docker's form (CMD or CMD-SHELL first), without compose's $$ escaping. */
    public record Healthcheck(
            List<String> test, int intervalSeconds, int timeoutSeconds, int retries, int startPeriodSeconds) {}

    public StackService {
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        volumes = List.copyOf(volumes);
        ports = List.copyOf(ports);
        dnsOptions = List.copyOf(dnsOptions);
        dependsOn = List.copyOf(dependsOn);
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        configFiles = List.copyOf(configFiles);
        binds = List.copyOf(binds);
        command = List.copyOf(command);
        secrets = List.copyOf(secrets);
    }

    /** The same service without secret files, e.g. for a rendering that gives them another way. */
    public StackService withSecrets(List<SecretFile> files) {
        return new StackService(
                name,
                role,
                image,
                environment,
                credentials,
                volumes,
                ports,
                healthcheck,
                dnsOptions,
                stopGraceSeconds,
                dependsOn,
                labels,
                configFiles,
                binds,
                command,
                files);
    }
}
