package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.apply.ApplyPlan;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.usecase.ApplyStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * What {@code pgha apply}, {@code scale}, {@code upgrade} and {@code replace} share (a picocli mixin): their options, and print the plan, ask
 * (unless --yes), run it.
 */
final class PlanRun {

    @Option(names = "--dry-run", description = "print the plan and change nothing")
    boolean dryRun;

    @Option(names = "--yes", description = "apply the plan without asking")
    boolean yes;

    /** Plans on the local engine with {@code planning}, then shows, asks and runs the plan. */
    int run(Function<ApplyStack, ApplyPlan> planning, PrintWriter out) {
        return run(planning, false, out);
    }

    /** The same; {@code deleteVolumes}: delete the data volumes of removed members. */
    int run(Function<ApplyStack, ApplyPlan> planning, boolean deleteVolumes, PrintWriter out) {
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker();
                ApplyStack apply = new ApplyStack(provisioner)) {
            ApplyPlan plan = planning.apply(apply);
            return show(apply, deleteVolumes ? plan.withVolumesDeleted() : plan, deleteVolumes, out);
        }
    }

    private int show(ApplyStack apply, ApplyPlan plan, boolean deleteVolumes, PrintWriter out) {
        out.println("Plan for stack " + plan.stack() + ":");
        plan.lines().forEach(l -> out.println("  " + l));
        out.flush();
        if (plan.refused()) {
            throw PghaException.refused(
                    "the plan is refused, nothing was changed: " + String.join("; ", plan.refusals()));
        }
        if (!ApplyStack.notExecutable(plan).isEmpty()) {
            out.println(
                    "  (this version runs node-count, synchronous, parameter, switchover, upgrade, replace and etcd member"
                            + " steps; "
                            + String.join(
                                    ", ",
                                    ApplyStack.notExecutable(plan).stream()
                                            .map(s -> s.title())
                                            .toList())
                            + " shown, not run)");
        }
        if (dryRun || plan.empty()) {
            out.println(plan.empty() ? "Nothing to do." : "Dry run: nothing was changed.");
            return ExitCodes.OK;
        }
        if (!yes && !confirmed(out)) {
            throw PghaException.refused("not confirmed; nothing was changed (add --yes to apply without being asked)");
        }
        long start = System.nanoTime();
        var spec = apply.run(plan, deleteVolumes, line -> {
            out.println(line);
            out.flush();
        });
        out.println(
                "Stack " + plan.stack() + " runs " + spec.nodes() + " PostgreSQL node" + (spec.nodes() == 1 ? "" : "s")
                        + " (" + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9) + " s).");
        return ExitCodes.OK;
    }

    private static boolean confirmed(PrintWriter out) {
        if (!DownCommand.interactive()) {
            throw PghaException.refused("there is no terminal to ask on; add --yes to apply the plan, or --dry-run");
        }
        out.print("Apply this plan? [y/N] ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
            return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (IOException e) {
            return false;
        }
    }
}
