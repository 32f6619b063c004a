package io.pgha.runtime.backup;

import io.pgha.runtime.Api;
import io.pgha.runtime.PghaException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Where a restore ends (docs/decisions/0022): the end of the archive, a moment, or the consistent point of one backup.
 * Each maps onto pgBackRest's own restore types ({@code default}, {@code time}, {@code immediate}).
 */
@Api
public sealed interface RestoreTarget {

    /** pgBackRest's restore arguments for this target, from backup {@code set}. */
    List<String> arguments(String set);

    /** In words, for progress and messages. */
    String describe();

    /** Everything the archive holds: the latest backup, then every archived WAL segment. */
    record Latest() implements RestoreTarget {
        @Override
        public List<String> arguments(String set) {
            // no target, so no target action (pgBackRest refuses one): recovery ends, and promotes, at the archive's
            // end
            return List.of("--set=" + set, "--type=default");
        }

        @Override
        public String describe() {
            return "the end of the archive";
        }
    }

    /** Up to and including the transactions committed at {@code time}. */
    record AtTime(Instant time) implements RestoreTarget {
        /** PostgreSQL's and pgBackRest's form of a time: microseconds, in UTC. */
        private static final DateTimeFormatter POSTGRES =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

        @Override
        public List<String> arguments(String set) {
            return List.of("--set=" + set, "--type=time", "--target=" + postgresTime(), "--target-action=promote");
        }

        public String postgresTime() {
            return POSTGRES.format(time) + "+00";
        }

        @Override
        public String describe() {
            return time.toString();
        }
    }

    /** The consistent point of backup {@code label}: the end of that backup, no WAL after it. */
    record OfBackup(String label) implements RestoreTarget {
        public OfBackup {
            if (label == null || !label.matches("[0-9]{8}-[0-9]{6}F(_[0-9]{8}-[0-9]{6}[DI])?")) {
                throw PghaException.invalidInput("'" + label + "' is not a backup id; pgha backup list shows them, e.g."
                        + " 20261205-081500F or 20261205-081500F_20261205-091500I");
            }
        }

        @Override
        public List<String> arguments(String set) {
            return List.of("--set=" + set, "--type=immediate", "--target-action=promote");
        }

        @Override
        public String describe() {
            return "the end of backup " + label;
        }
    }

    /** The target an option names; exactly one of the three. */
    static RestoreTarget of(Optional<Instant> time, boolean latest, Optional<String> backup) {
        int given = (time.isPresent() ? 1 : 0) + (latest ? 1 : 0) + (backup.isPresent() ? 1 : 0);
        if (given != 1) {
            throw PghaException.invalidInput(
                    "say where the restore ends with exactly one of --to TIME, --latest or --backup ID");
        }
        if (latest) {
            return new Latest();
        }
        return time.<RestoreTarget>map(AtTime::new).orElseGet(() -> new OfBackup(backup.orElseThrow()));
    }
}
