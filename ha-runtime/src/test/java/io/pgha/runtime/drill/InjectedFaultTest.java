package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a fault began: the drill's clocks start there when the fault says so, else when the drill called it. */
class InjectedFaultTest {

    @Test
    void aFaultThatLookedAroundFirstSaysWhenItBeganAndKeepsItThroughNotesAndWatchers() {
        InjectedFault.Moment began = new InjectedFault.Moment(1_000L, 2_000L);
        InjectedFault fault = InjectedFault.healsItself()
                .beganAt(began)
                .withNote("picked pg-1")
                .watchedBy(new Thread(() -> {}));
        assertThat(fault.began()).contains(began);
        assertThat(fault.notes()).containsExactly("picked pg-1");
    }

    @Test
    void aFaultThatSaysNothingBeganWhenTheDrillCalledIt() {
        assertThat(InjectedFault.healedBy(() -> {}).withNote("x").began()).isEmpty();
        assertThat(InjectedFault.nothing().began()).isEmpty();
    }
}
