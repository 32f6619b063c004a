package io.pgha.console.service;

import io.pgha.runtime.apply.ApplyPlan;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.usecase.PlanProgress;

/**
 * Day-two changes of one open cluster through ha-runtime's plan/converge engine ({@code ApplyStack}, what {@code pgha
 * apply}, {@code scale}, {@code upgrade} and {@code replace} run): a plan first, then its steps. Every call reaches Docker, so off the
 * FX thread.
 */
public interface ClusterChanges {

    /** {@code pgha scale --nodes N --dry-run}: the plan, or why it is refused. */
    ApplyPlan planScale(int nodes);

    /** The spec the stack runs now: what {@code pgha apply} compares a desired spec with. */
    StackSpec runningSpec();

    /**
     * {@code pgha apply --spec FILE --dry-run} of the spec's text: the plan, or why it is refused.
     *
     * @throws io.pgha.runtime.PghaException INVALID_INPUT when the text is not a spec, with the parse error (and its line)
     */
    ApplyPlan planApply(String specYaml);

    /** {@code pgha upgrade --image REF --dry-run}. */
    ApplyPlan planUpgrade(String image);

    /** {@code pgha replace NODE [--keep-volume] --dry-run}. */
    ApplyPlan planReplace(String node, boolean keepVolume);

    /**
     * Runs a plan made by this cluster's changes; blocks until every step is done, reporting each to {@code progress}
     * on the calling thread.
     *
     * @param deleteVolumes delete the data volumes of removed members (kept by default)
     * @throws io.pgha.runtime.PghaException REFUSED for a refused plan, or the failed step's kind, its message naming
     *                                       the steps not done
     */
    void run(ApplyPlan plan, boolean deleteVolumes, PlanProgress progress);

    /** A cluster pgha did not make: its containers are not pgha's to replace. */
    ClusterChanges ATTACHED = new ClusterChanges() {
        @Override
        public ApplyPlan planScale(int nodes) {
            throw refusal();
        }

        @Override
        public StackSpec runningSpec() {
            throw io.pgha.runtime.PghaException.refused(
                    "specs are applied only to stacks pgha made (pgha up); this cluster was attached");
        }

        @Override
        public ApplyPlan planApply(String specYaml) {
            throw refusal();
        }

        @Override
        public ApplyPlan planUpgrade(String image) {
            throw refusal();
        }

        @Override
        public ApplyPlan planReplace(String node, boolean keepVolume) {
            throw refusal();
        }

        @Override
        public void run(ApplyPlan plan, boolean deleteVolumes, PlanProgress progress) {
            throw refusal();
        }

        private static io.pgha.runtime.PghaException refusal() {
            return io.pgha.runtime.PghaException.refused(
                    "nodes are added, removed, upgraded and replaced only in stacks pgha made (pgha up); this cluster"
                            + " was attached");
        }
    };
}
