package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host ports a stack publishes on its bind address. Per-member ports count up from a base:
 * Patroni REST of pg-N on {@code patroni + N}, etcd-N's client API on {@code etcd + N - 1},
 * pg-N's exporter on {@code exporter + N}; the stack's Prometheus on {@code prometheus}. A stack with two routers
 * (docs/decisions/0030) publishes the second one's write and read listeners on {@code write + 2} and {@code read + 2}
 * (5002 and 5003 by default); its stats page is not published.
 */
public record StackPorts(int write, int read, int stats, int patroni, int etcd, int exporter, int prometheus) {

    public static final int DEFAULT_PROMETHEUS = 9090;
    public static final StackPorts DEFAULTS = new StackPorts(5000, 5001, 8404, 8008, 23791, 9187, DEFAULT_PROMETHEUS);

    /** How far the second router's write and read ports are from the first one's (docs/decisions/0030). */
    public static final int SECOND_ROUTER_OFFSET = 2;

    /** The ports of a stack, Prometheus on its default port. */
    public StackPorts(int write, int read, int stats, int patroni, int etcd, int exporter) {
        this(write, read, stats, patroni, etcd, exporter, DEFAULT_PROMETHEUS);
    }

    public StackPorts {
        check("write", write);
        check("read", read);
        check("stats", stats);
        check("patroni", patroni);
        check("etcd", etcd);
        check("exporter", exporter);
        check("prometheus", prometheus);
    }

    public StackPorts withPrometheus(int port) {
        return new StackPorts(write, read, stats, patroni, etcd, exporter, port);
    }

    /** The second router's write port: {@code write + 2}. */
    public int secondWrite() {
        return write + SECOND_ROUTER_OFFSET;
    }

    /** The second router's read port: {@code read + 2}. */
    public int secondRead() {
        return read + SECOND_ROUTER_OFFSET;
    }

    /** The write ports of a stack with {@code routers} routers, the first router's first. */
    public java.util.List<Integer> writePorts(int routers) {
        return routers > 1 ? java.util.List.of(write, secondWrite()) : java.util.List.of(write);
    }

    /** The read ports of a stack with {@code routers} routers, the first router's first. */
    public java.util.List<Integer> readPorts(int routers) {
        return routers > 1 ? java.util.List.of(read, secondRead()) : java.util.List.of(read);
    }

    public int patroniOf(int node) {
        return patroni + node;
    }

    public int etcdOf(int member) {
        return etcd + member - 1;
    }

    public int exporterOf(int node) {
        return exporter + node;
    }

    /** Every published port with what it is for, e.g. 8009 to "Patroni REST of pg-1"; fails on overlaps. */
    public Map<Integer, String> published(int nodes, int etcdMembers) {
        return published(nodes, etcdMembers, true);
    }

    /** {@link #published(int, int)}, with the Prometheus port only when the stack runs Prometheus. */
    public Map<Integer, String> published(int nodes, int etcdMembers, boolean withPrometheus) {
        return published(nodes, etcdMembers, withPrometheus, 1);
    }

    /** {@link #published(int, int, boolean)} of a stack with {@code routers} routers (1 or 2). */
    public Map<Integer, String> published(int nodes, int etcdMembers, boolean withPrometheus, int routers) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        put(ports, write, "router writes");
        put(ports, read, "router reads");
        put(ports, stats, "router stats");
        if (routers > 1) {
            put(ports, secondWrite(), "second router writes");
            put(ports, secondRead(), "second router reads");
        }
        for (int n = 0; n < nodes; n++) {
            put(ports, patroniOf(n), "Patroni REST of pg-" + n);
        }
        for (int m = 1; m <= etcdMembers; m++) {
            put(ports, etcdOf(m), "etcd client API of etcd-" + m);
        }
        for (int n = 0; n < nodes; n++) {
            put(ports, exporterOf(n), "exporter of pg-" + n);
        }
        if (withPrometheus) {
            put(ports, prometheus, "Prometheus");
        }
        return ports;
    }

    private static void put(Map<Integer, String> ports, int port, String what) {
        if (port > 65535) {
            throw PghaException.invalidInput(
                    "the port of the " + what + " would be " + port + ", beyond 65535: lower its base port");
        }
        String other = ports.putIfAbsent(port, what);
        if (other != null) {
            throw PghaException.invalidInput("port " + port + " is given to both the " + other + " and the " + what
                    + ": choose ports that do not overlap");
        }
    }

    private static void check(String name, int port) {
        if (port < 1 || port > 65535) {
            throw PghaException.invalidInput(name + " port " + port + " is out of range: use 1-65535");
        }
    }
}
