package io.pgha.console.wiring;

import io.pgha.console.service.ClusterChanges;
import io.pgha.runtime.apply.ApplyPlan;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.usecase.ApplyStack;
import io.pgha.runtime.usecase.PlanProgress;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The console's day-two changes over the runtime's {@link ApplyStack} on the local Docker engine, exactly as {@code pgha
 * apply}, {@code scale}, {@code upgrade} and {@code replace} call it: a Docker client per call, let go afterwards.
 */
final class RuntimeClusterChanges implements ClusterChanges {

    private final String stack;
    private final Supplier<StackProvisioner> provisioners;

    RuntimeClusterChanges(String stack, Supplier<StackProvisioner> provisioners) {
        this.stack = stack;
        this.provisioners = provisioners;
    }

    /** The cluster's changes; {@link ClusterChanges#ATTACHED} for a cluster pgha did not make. */
    static ClusterChanges of(ClusterConnection connection) {
        return connection
                .dockerStack()
                .<ClusterChanges>map(s -> new RuntimeClusterChanges(s, StackProvisioner::onLocalDocker))
                .orElse(ClusterChanges.ATTACHED);
    }

    @Override
    public ApplyPlan planScale(int nodes) {
        return with(a -> a.planScale(stack, nodes));
    }

    @Override
    public StackSpec runningSpec() {
        return with(a -> a.runningSpec(stack));
    }

    @Override
    public ApplyPlan planApply(String specYaml) {
        return with(a -> a.planApply(specYaml));
    }

    @Override
    public ApplyPlan planUpgrade(String image) {
        return with(a -> a.planUpgrade(stack, image));
    }

    @Override
    public ApplyPlan planReplace(String node, boolean keepVolume) {
        return with(a -> a.planReplace(stack, node, keepVolume));
    }

    @Override
    public void run(ApplyPlan plan, boolean deleteVolumes, PlanProgress progress) {
        with(a -> a.run(plan, deleteVolumes, progress));
    }

    private <T> T with(Function<ApplyStack, T> call) {
        try (StackProvisioner provisioner = provisioners.get();
                ApplyStack apply = new ApplyStack(provisioner)) {
            return call.apply(apply);
        }
    }
}
