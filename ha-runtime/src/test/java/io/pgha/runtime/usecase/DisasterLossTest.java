package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.postgres.WriteLoad.Ack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisasterLossTest {

    private static final long SECOND = 1_000_000_000L;

    /** Acks of ids 1..n, one every 0.5 s from t = 0; the disaster at t = 10 s. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                               | acks | restored ids       | lost | out of order | window ms
            everything came back                 | 6    | 1,2,3,4,5,6        | 0    | 0            | -
            the newest two are lost: the lag     | 6    | 1,2,3,4            | 2    | 0            | 8000
            nothing came back                    | 4    | -                  | 4    | 0            | 10000
            a hole well before the newest        | 6    | 1,3,4,5,6          | 1    | 1            | 9500
            concurrent writers reordered acks    | 4    | 1,2,4              | 1    | 0            | 8900
            extra rows in flight are not lost    | 3    | 1,2,3,7            | 0    | 0            | -
            """)
    void theLostRowsAreTheNewestAcknowledgedOnes(
            String name, int acks, String restored, long lost, long outOfOrder, String windowMs) {
        List<Ack> list = new ArrayList<>();
        for (int i = 1; i <= acks; i++) {
            list.add(new Ack(i, (i - 1) * SECOND / 2, "pg-0"));
        }
        if (name.startsWith("concurrent")) {
            // id 3 acknowledged 0.4 s before id 4, but committed after it
            list.set(2, new Ack(3, 3 * SECOND / 2 - SECOND / 10 * 4, "pg-0"));
            list.set(3, new Ack(4, 3 * SECOND / 2, "pg-0"));
        }
        Set<Long> ids = restored.equals("-")
                ? Set.of()
                : Arrays.stream(restored.split(",")).map(Long::parseLong).collect(Collectors.toSet());

        DisasterLoss loss = DisasterLoss.of(list, ids, 10 * SECOND);

        assertThat(loss.acknowledged()).isEqualTo(acks);
        assertThat(loss.lost()).as(name).isEqualTo(lost);
        assertThat(loss.outOfOrder()).as(name).isEqualTo(outOfOrder);
        assertThat(loss.prefix()).isEqualTo(outOfOrder == 0);
        assertThat(loss.restored()).isEqualTo(ids.size());
        assertThat(loss.lossWindow())
                .isEqualTo(
                        windowMs.equals("-")
                                ? Optional.empty()
                                : Optional.of(Duration.ofMillis(Long.parseLong(windowMs))));
    }
}
