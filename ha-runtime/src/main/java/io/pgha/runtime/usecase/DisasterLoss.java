package io.pgha.runtime.usecase;

import io.pgha.runtime.postgres.WriteLoad;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a restore after a lost cluster gave back of the writes clients were told had committed (issue 19's
 * {@code disaster} drill). A restore to the end of the archive replays a prefix of the commit history, so what is
 * missing must be the newest acknowledgements only: a row missing while one acknowledged well after it is there would be
 * a hole in the history, not the archive's lag.
 *
 * @param acknowledged rows whose insert a client saw commit
 * @param lost         of those, the rows the restored cluster does not have: the archive's lag at the disaster
 * @param outOfOrder   of the lost, those acknowledged more than {@link #REORDER} before the newest restored one (must
 *                     be 0)
 * @param lossWindow   from the oldest lost acknowledgement to the disaster: the recovery point in time; empty when
 *                     nothing was lost
 * @param restored     the drill's rows the restored cluster has (some may never have been acknowledged: in flight)
 */
public record DisasterLoss(
        long acknowledged, long lost, long outOfOrder, Optional<Duration> lossWindow, long restored) {

    /**
     * Concurrent writers' acknowledgements may arrive in another order than their commits by up to a statement's round
     * trip; a lost row acknowledged this much before a restored one cannot be explained that way.
     */
    public static final Duration REORDER = Duration.ofSeconds(1);

    public static DisasterLoss of(List<WriteLoad.Ack> acks, Set<Long> restoredIds, long disasterNanos) {
        long newestRestored = acks.stream()
                .filter(a -> restoredIds.contains(a.id()))
                .mapToLong(WriteLoad.Ack::atNanos)
                .max()
                .orElse(Long.MIN_VALUE);
        List<WriteLoad.Ack> lost =
                acks.stream().filter(a -> !restoredIds.contains(a.id())).toList();
        long outOfOrder = lost.stream()
                .filter(a -> newestRestored != Long.MIN_VALUE && a.atNanos() < newestRestored - REORDER.toNanos())
                .count();
        Optional<Duration> window = lost.stream().mapToLong(WriteLoad.Ack::atNanos).min().stream()
                .mapToObj(oldest -> Duration.ofNanos(Math.max(0, disasterNanos - oldest)))
                .findFirst();
        return new DisasterLoss(acks.size(), lost.size(), outOfOrder, window, restoredIds.size());
    }

    /** Nothing restored out of order: the lost rows are the newest acknowledged ones. */
    public boolean prefix() {
        return outOfOrder == 0;
    }
}
