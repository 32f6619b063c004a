package io.pgha.runtime.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/** The SPILO_CONFIGURATION a spec gives every PostgreSQL node: Patroni's bootstrap DCS settings. */
final class SpiloConfiguration {

    private SpiloConfiguration() {}

    public static String render(StackSpec spec) {
        PatroniTuning t = spec.patroni();
        StringBuilder y = new StringBuilder()
                .append("bootstrap:\n")
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
