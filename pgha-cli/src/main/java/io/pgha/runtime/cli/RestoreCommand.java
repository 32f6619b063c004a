package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.RestoreTarget;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.usecase.StackRestore;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pgha restore --into NEW|--in-place --to TIME|--latest|--backup ID}: a new stack from a stack's backups (ADR
 * 0022), or the stack itself rebuilt from them (ADR 0025).
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Make a new stack from a stack's backups at a point in time, leaving that stack as it is: the leader",
            "restored with pgBackRest and recovered to the target, the replicas cloned from it. The target is checked",
            "against the recoverable window first. The new stack takes the spec flags of pgha up; without port flags",
            "its ports are the defaults plus " + RestoreCommand.PORT_SHIFT + ".",
            "With --in-place instead of --into: the stack itself rebuilt from its repository (for a destroyed or",
            "corrupted cluster): its PostgreSQL nodes stopped, their data replaced by the backup recovered to the",
            "target (the old data kept aside until the restored cluster is healthy), the replicas cloned again; the",
            "same name, ports and credentials. It asks first; --yes does not ask, and without a terminal it refuses."
        })
final class RestoreCommand implements Callable<Integer> {

    static final int PORT_SHIFT = 100;

    @Mixin
    private ClusterOption cluster;

    @Option(names = "--into", paramLabel = "NEW", description = "the new stack's name")
    private String into;

    @Option(names = "--in-place", description = "rebuild the stack (-c NAME) itself from its repository")
    private boolean inPlace;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = ZonedTime.class,
            description = "ISO-8601 with a zone, e.g. 2026-12-04T20:01:02.345678Z or 2026-12-04T21:01:02+01:00")
    private Instant to;

    @Option(names = "--latest", description = "everything in the archive")
    private boolean latest;

    @Option(names = "--backup", paramLabel = "ID", description = "the end of one backup (pgha backup list)")
    private String backup;

    @Option(
            names = "--yes",
            description = "do not ask before an in-place restore replaces the data (--into never changes the source)")
    private boolean yes;

    @Option(
            names = "--roll-back",
            paramLabel = "STAMP",
            description = "put the stack (-c NAME) back on the data a failed --in-place restore set aside under"
                    + " .pgha-before-restore-STAMP (when its automatic rollback failed too; the failure prints it)")
    private String rollBack;

    @Option(names = "--json", description = "one JSON object per line: progress events, then the result")
    private boolean json;

    @Mixin
    private SpecOptions specOptions;

    @Spec
    private CommandSpec command;

    @Override
    public Integer call() {
        if (rollBack != null) {
            return rollBack(command.commandLine().getOut());
        }
        RestoreTarget target = RestoreTarget.of(Optional.ofNullable(to), latest, Optional.ofNullable(backup));
        if (inPlace == (into != null)) {
            throw PghaException.invalidInput("restore needs exactly one of --into NEW (a new stack) or --in-place (the"
                    + " stack -c NAME itself)");
        }
        PrintWriter out = command.commandLine().getOut();
        if (inPlace) {
            return inPlace(target, out);
        }
        if (specOptions.name != null) {
            throw PghaException.invalidInput("the new stack's name is --into's; leave --name out");
        }
        specOptions.name = into;
        StackSpec spec = specOptions.spec();
        if (specOptions.specFile == null) {
            spec = spec.toBuilder().ports(shifted(spec.ports())).build();
        }
        StackRestore.Restored r = StackRestore.into(
                ClusterChoice.resolve(new ClusterRegistry(), cluster.name()),
                spec,
                target,
                new ProgressPrinter(out, json));
        print(out, r, target);
        return ExitCodes.OK;
    }

    private int inPlace(RestoreTarget target, PrintWriter out) {
        if (specOptions.name != null || specOptions.specFile != null) {
            throw PghaException.invalidInput("an in-place restore keeps the stack's own spec: name it with -c NAME and"
                    + " leave --name and --spec out");
        }
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), cluster.name());
        if (!yes) {
            PrintWriter err = command.commandLine().getErr();
            List<String> effects = StackRestore.inPlaceEffects(c);
            String what = "pgha restore --in-place on stack " + c.name() + " to " + target.describe() + ":\n  - "
                    + String.join("\n  - ", effects);
            TypedConfirmation.require(err, what, c.name());
        }
        print(out, StackRestore.inPlace(c, target, new ProgressPrinter(out, json)), target);
        return ExitCodes.OK;
    }

    private int rollBack(PrintWriter out) {
        if (into != null || inPlace || to != null || latest || backup != null) {
            throw PghaException.invalidInput("--roll-back puts the stack back on its own data: leave --into,"
                    + " --in-place, --to, --latest and --backup out");
        }
        if (!yes) {
            throw PghaException.refused("--roll-back stops the stack's PostgreSQL nodes, deletes what a failed restore"
                    + " left in their data volumes and puts the data set aside under .pgha-before-restore-" + rollBack
                    + " back; add --yes to confirm it");
        }
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), cluster.name());
        io.pgha.runtime.provision.UpResult up = StackRestore.rollBack(c, rollBack, new ProgressPrinter(out, json));
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "result");
            line.put("name", up.name());
            line.put("leader", up.leader());
            line.put("elapsed_ms", up.elapsed().toMillis());
            ProgressPrinter.printJson(out, line);
        } else {
            out.println("Stack " + up.name() + " runs again on the data from before the restore; " + up.leader()
                    + " leads.");
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, StackRestore.Restored r, RestoreTarget target) {
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "result");
            line.put("name", r.up().name());
            line.put("backup", r.backup().label());
            line.put("target", target.describe());
            line.put("window_start", r.window().start().map(Object::toString).orElse(null));
            line.put("window_end", r.window().end().toString());
            line.put("leader", r.up().leader());
            line.put("elapsed_ms", r.up().elapsed().toMillis());
            ProgressPrinter.printJson(out, line);
        } else {
            out.println("Stack " + r.up().name() + " is up in "
                    + String.format(Locale.ROOT, "%.1f s", r.up().elapsed().toMillis() / 1000.0) + ", restored from "
                    + r.backup().label() + " to " + target.describe() + "; " + r.up().leader() + " leads.");
            out.println("  passwords and connection strings: pgha credentials " + r.up().name());
            if (inPlace) {
                out.println("  the archive goes on in a new timeline: take a full backup now (pgha backup now -c "
                        + r.up().name() + " --type full)");
            }
        }
    }

    /** Each port left at its default moved by {@link #PORT_SHIFT}, so the new stack does not meet a default one. */
    static StackPorts shifted(StackPorts p) {
        StackPorts d = StackPorts.DEFAULTS;
        return new StackPorts(
                shift(p.write(), d.write()),
                shift(p.read(), d.read()),
                shift(p.stats(), d.stats()),
                shift(p.patroni(), d.patroni()),
                shift(p.etcd(), d.etcd()),
                shift(p.exporter(), d.exporter()),
                shift(p.prometheus(), d.prometheus()));
    }

    private static int shift(int port, int defaultPort) {
        return port == defaultPort ? port + PORT_SHIFT : port;
    }

    /** A time with a zone or offset, as issue 19 asks: a restore target is never guessed in a local zone. */
    static final class ZonedTime implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 time with a zone: use e.g."
                        + " 2026-12-04T20:01:02.345678Z or 2026-12-04T21:01:02+01:00");
            }
        }
    }
}
