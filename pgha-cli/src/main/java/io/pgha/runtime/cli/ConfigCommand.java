package io.pgha.runtime.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.ops.ClusterOperations;
import io.pgha.runtime.ops.ConfigPlan;
import io.pgha.runtime.ops.OperationRequest.ChangeConfig;
import io.pgha.runtime.patroni.PatroniJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pgha config show|set}: Patroni's dynamic configuration. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Show or change Patroni's dynamic configuration (the DCS config key).",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Set.class})
final class ConfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print the dynamic configuration, one KEY = VALUE a line.")
    static final class Show implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ClusterOption cluster;

        @Option(names = "--json", description = "print Patroni's JSON")
        private boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (OperationSession session = OperationSession.open(cluster)) {
                Map<String, Object> config = session.ops().dynamicConfig();
                if (json) {
                    out.println(PatroniJson.MAPPER
                            .writer()
                            .with(SerializationFeature.INDENT_OUTPUT)
                            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                            .writeValueAsString(config));
                } else {
                    flatten("", config, out);
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static void flatten(String prefix, Map<?, ?> node, PrintWriter out) {
            for (Map.Entry<?, ?> e : new TreeMap<>(node).entrySet()) {
                String key = prefix + e.getKey();
                if (e.getValue() instanceof Map<?, ?> child) {
                    flatten(key + ".", child, out);
                } else {
                    out.println(key + " = " + e.getValue());
                }
            }
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = {
                "Change keys of the dynamic configuration, checked first with Patroni's rules",
                "(ttl ≥ 20, loop_wait ≥ 1, retry_timeout ≥ 3, loop_wait + 2·retry_timeout ≤ ttl, …).",
                "Keys: ttl, loop_wait, retry_timeout, maximum_lag_on_failover, synchronous_mode (true, false, quorum),",
                "synchronous_node_count, … and postgresql.parameters.NAME. An empty VALUE removes the key.",
                "A change that weakens durability or security (synchronous_mode off, synchronous_commit off or local,",
                "fsync or full_page_writes off, wal_level minimal, ssl off, archive_command, …) asks first, or needs",
                "--yes without a terminal; it is written to the audit journal with what it weakens."
            })
    static final class Set implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ClusterOption cluster;

        @Parameters(
                arity = "1..*",
                paramLabel = "KEY=VALUE",
                description = "e.g. loop_wait=2 postgresql.parameters.work_mem=8MB")
        private List<String> assignments = new ArrayList<>();

        @Option(names = "--dry-run", description = "print what would change, send nothing")
        private boolean dryRun;

        @Option(names = "--yes", description = "do not ask before a change that weakens durability or security")
        private boolean yes;

        @Override
        public Integer call() {
            Map<String, String> changes = new LinkedHashMap<>();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw PghaException.invalidInput("'" + a + "' is not KEY=VALUE");
                }
                changes.put(a.substring(0, eq).strip(), a.substring(eq + 1));
            }
            try (OperationSession session = OperationSession.open(cluster)) {
                ClusterOperations ops = session.ops();
                ConfigPlan plan = ops.previewConfig(changes);
                PrintWriter err = spec.commandLine().getErr();
                plan.changes()
                        .forEach(c ->
                                err.println("  " + c.key() + ": " + c.before().orElse("(unset)") + " → "
                                        + c.after().orElse("(unset)")));
                err.flush();
                if (dryRun) {
                    plan.problems().forEach(p -> spec.commandLine().getOut().println("problem: " + p));
                    plan.weakenings()
                            .forEach(w -> spec.commandLine().getOut().println(w.describe() + " (needs confirmation)"));
                    spec.commandLine().getOut().flush();
                    return plan.valid() ? ExitCodes.OK : ExitCodes.REFUSED;
                }
                return session.perform(spec, new ChangeConfig(changes), yes);
            }
        }
    }
}
