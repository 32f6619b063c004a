package io.pgha.runtime.drill;

/** A fault that ends at once and that the cluster answers by handing writes to another member. */
interface HandoverFault extends DrillFault {

    @Override
    default boolean lasting() {
        return false;
    }

    @Override
    default RecoveredWhen recoveredWhen() {
        return RecoveredWhen.NEW_LEADER_TAKES_WRITES;
    }
}
