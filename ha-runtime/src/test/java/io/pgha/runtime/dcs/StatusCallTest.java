package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StatusCallTest {

    @Test
    void aStatusCallPastItsDeadlineStillShutsItsChannelDownWhenItEnds() {
        CompletableFuture<String> grpcCall = new CompletableFuture<>();
        AtomicBoolean channelShutDown = new AtomicBoolean();
        // what jetcd's statusMember returns: the call, with the shutdown of its own channel attached
        CompletableFuture<String> statusMember = grpcCall.whenComplete((r, t) -> channelShutDown.set(true));

        assertThatThrownBy(() -> JetcdDcs.awaitStatus(statusMember, TimeUnit.MILLISECONDS.toNanos(20)))
                .isInstanceOf(TimeoutException.class);
        grpcCall.completeExceptionally(new IllegalStateException("UNAVAILABLE: keepalive failed"));

        assertThat(channelShutDown).isTrue();
    }
}
