package io.pgha.runtime.stack;

import io.pgha.runtime.dcs.EtcdAccessPolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SPILO_CONFIGURATION a spec gives every PostgreSQL node: Patroni's bootstrap DCS settings, the member's
 * restore_command that reads the stack's WAL archive when it has one, and how Patroni reaches etcd when it speaks TLS
 * (https, trusting the cluster CA) and has users (Patroni's own, {@code patroni}; its password comes from the file
 * {@value #ETCD_PASSWORD_VARIABLE} in the node's secrets, never from this text).
 */
final class SpiloConfiguration {

    /** The variable (and secret file) the local image's entrypoint takes Patroni's etcd3 password from. */
    static final String ETCD_PASSWORD_VARIABLE = "PATRONI_ETCD3_PASSWORD";

    private SpiloConfiguration() {}

    public static String render(StackSpec spec) {
        return render(spec, spec.security().authentication());
    }

    /** @param etcdUsers whether Patroni logs in to etcd as its user */
    public static String render(StackSpec spec, boolean etcdUsers) {
        PatroniTuning t = spec.patroni();
        StringBuilder y = new StringBuilder();
        if (spec.security().tls()) {
            y.append("etcd3:\n")
                    .append("  protocol: https\n")
                    .append("  cacert: ")
                    .append(spec.security().caFile())
                    .append('\n');
            if (etcdUsers) {
                y.append("  username: ").append(EtcdAccessPolicy.PATRONI).append('\n');
            }
        }
        // a new member clones from a replica: Patroni never picks the leader while a running member has the tag
        y.append("tags:\n").append("  clonefrom: true\n");
        if (StackLayout.of(spec).archives()) {
            // in each member's local configuration, not the DCS: the spec defines it, so no configuration change (and
            // no apply) sees it as an edit of the cluster's settings (docs/decisions/0070)
            y.append("postgresql:\n")
                    .append("  recovery_conf:\n")
                    .append("    restore_command: ")
                    .append(Yaml.string(PgBackRestConfig.restoreCommand(spec)))
                    .append('\n');
        }
        y.append("bootstrap:\n")
                .append("  dcs:\n")
                .append("    ttl: ")
                .append(t.ttl())
                .append('\n')
                .append("    loop_wait: ")
                .append(t.loopWait())
                .append('\n')
                .append("    retry_timeout: ")
                .append(t.retryTimeout())
                .append('\n')
                .append("    maximum_lag_on_failover: ")
                .append(t.maximumLagOnFailover())
                .append('\n')
                .append("    primary_start_timeout: ")
                .append(t.primaryStartTimeout())
                .append('\n');
        if (t.synchronousMode() != SynchronousMode.OFF) {
            y.append("    synchronous_mode: ")
                    .append(t.synchronousMode().patroniValue())
                    .append('\n')
                    .append("    synchronous_node_count: ")
                    .append(t.synchronousNodeCount())
                    .append('\n');
        }
        y.append("    postgresql:\n").append("      use_pg_rewind: true\n").append("      use_slots: true\n");
        Map<String, String> parameters = new LinkedHashMap<>(spec.postgresParameters());
        if (StackLayout.of(spec).archives()) {
            // in Patroni's DCS configuration: every member has it, so archiving goes on from whichever one is primary
            parameters.put("archive_mode", "on");
            parameters.put("archive_command", PgBackRestConfig.archiveCommand(spec));
            // a segment is archived only once full: without a timeout a quiet cluster's last minutes of commits would
            // wait in pg_wal for 16 MiB of WAL, and a lost cluster would take them along (docs/decisions/0046)
            parameters.putIfAbsent("archive_timeout", PgBackRestConfig.ARCHIVE_TIMEOUT);
        }
        if (!parameters.isEmpty()) {
            y.append("      parameters:\n");
            for (Map.Entry<String, String> p : parameters.entrySet()) {
                y.append("        ")
                        .append(p.getKey())
                        .append(": ")
                        .append(Yaml.scalar(p.getValue()))
                        .append('\n');
            }
        }
        return y.toString();
    }
}
