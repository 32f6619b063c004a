package io.pgha.runtime.drill;

/** A fault held for the drill's fault duration that writes should ride out where they are (no new leader needed). */
interface HeldFault extends DrillFault {

    @Override
    default boolean lasting() {
        return true;
    }

    @Override
    default RecoveredWhen recoveredWhen() {
        return RecoveredWhen.AT_ONCE;
    }
}
