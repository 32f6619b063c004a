package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a new leader counts as ready for writes: PostgreSQL's answer when it gives one, Patroni's only when it cannot. */
class PromotionWaitTest {

    /** Answers in turn, then the last answer again; records who was asked. */
    private static final class Answers implements MemberReadiness {
        final List<String> asked = new ArrayList<>();
        private final Iterator<Optional<Boolean>> postgres;
        private Optional<Boolean> last = Optional.empty();
        private final boolean patroni;

        Answers(boolean patroni, List<Optional<Boolean>> postgres) {
            this.patroni = patroni;
            this.postgres = postgres.iterator();
        }

        @Override
        public Optional<Boolean> postgresAcceptsWrites(String member) {
            asked.add("postgres");
            if (postgres.hasNext()) {
                last = postgres.next();
            }
            return last;
        }

        @Override
        public boolean patroniSaysPrimary(String member) {
            asked.add("patroni");
            return patroni;
        }
    }

    @Test
    void postgresLeavingRecoveryEndsTheWaitAndPatroniIsNotAsked() {
        Answers a = new Answers(true, List.of(Optional.of(false), Optional.of(false), Optional.of(true)));

        assertThat(new PromotionWait(a, Duration.ofSeconds(5), () -> false).untilPrimary("pg-1"))
                .isTrue();
        assertThat(a.asked).containsExactly("postgres", "postgres", "postgres");
    }

    @Test
    void patroniIsAskedOnlyWhilePostgresCannotBe() {
        Answers a = new Answers(true, List.of(Optional.empty()));

        assertThat(new PromotionWait(a, Duration.ofSeconds(5), () -> false).untilPrimary("pg-1"))
                .isTrue();
        assertThat(a.asked).containsExactly("postgres", "patroni");
    }

    @Test
    void aPostgresThatStaysReadOnlyIsNotOverruledByPatroni() {
        Answers a = new Answers(true, List.of(Optional.of(false)));

        assertThat(new PromotionWait(a, Duration.ofMillis(60), () -> false).untilPrimary("pg-1"))
                .isFalse();
        assertThat(a.asked).doesNotContain("patroni");
    }

    @Test
    void aStoppedSupervisorStopsWaiting() {
        Answers a = new Answers(false, List.of(Optional.empty()));

        assertThat(new PromotionWait(a, Duration.ofSeconds(30), () -> true).untilPrimary("pg-1"))
                .isFalse();
        assertThat(a.asked).isEmpty();
    }
}
