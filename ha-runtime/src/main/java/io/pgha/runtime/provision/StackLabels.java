package io.pgha.runtime.provision;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels pgha puts on what it creates, so a stack's objects can be found again and nothing else is
 * touched. Compose's own labels are added too, so {@code docker compose -p NAME ps/down} sees the stack.
 */
public final class StackLabels {

    public static final String STACK = "io.pgha.stack";
    public static final String ROLE = "io.pgha.role";
    public static final String SERVICE = "io.pgha.service";
    public static final String SPEC_HASH = "io.pgha.spec-hash";
    public static final String SPEC = "io.pgha.spec";
    public static final String IMAGES = "io.pgha.images";
    static final String COMPOSE_PROJECT = "com.docker.compose.project";

    private StackLabels() {}

    public static Map<String, String> of(String stack) {
        return Map.of(STACK, stack);
    }

    static Map<String, String> container(
            String stack, String role, String service, String specHash, String specYaml, String images) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(STACK, stack);
        l.put(ROLE, role);
        l.put(SERVICE, service);
        l.put(SPEC_HASH, specHash);
        l.put(SPEC, specYaml);
        l.put(IMAGES, images);
        l.put(COMPOSE_PROJECT, stack);
        l.put("com.docker.compose.service", service);
        l.put("com.docker.compose.container-number", "1");
        l.put("com.docker.compose.oneoff", "False");
        l.put("com.docker.compose.config-hash", specHash); // docker compose ps lists only containers that have one
        return l;
    }

    static Map<String, String> volume(String stack, String role, String composeKey) {
        return Map.of(STACK, stack, ROLE, role, COMPOSE_PROJECT, stack, "com.docker.compose.volume", composeKey);
    }

    static Map<String, String> network(String stack) {
        return Map.of(STACK, stack, ROLE, "network", COMPOSE_PROJECT, stack, "com.docker.compose.network", "default");
    }
}
