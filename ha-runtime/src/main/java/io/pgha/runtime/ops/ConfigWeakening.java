package io.pgha.runtime.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a change of the dynamic configuration weakens durability or security: commits that no longer wait for a
 * standby, data that a crash can corrupt, unencrypted connections, a shell command run as postgres. Such a change
 * needs an explicit confirmation in both front ends and is written to the audit journal with what it weakens. The
 * rule compares the value before with the value after (a removed key is the default Patroni or PostgreSQL then
 * uses), so strengthening, or changing between two weak values, is not a weakening. Pure functions.
 */
public final class ConfigWeakening {

    /** Which guarantee a change weakens. */
    public enum Kind {
        DURABILITY,
        SECURITY
    }

    /**
     * One weakening change.
     *
     * @param why what stops being guaranteed, in one sentence
     */
    public record Weakening(Kind kind, String key, Optional<String> before, Optional<String> after, String why) {

        /** "weakens durability: synchronous_mode quorum → false: …" */
        public String describe() {
            return "weakens " + kind.name().toLowerCase(Locale.ROOT) + ": " + key + " " + before.orElse("(unset)")
                    + " → " + after.orElse("(unset)") + ": " + why;
        }
    }

    private static final String P = DynamicConfigRules.PARAMETERS;
    /** synchronous_commit from weakest to strongest; unset is PostgreSQL's default, on. */
    private static final List<String> SYNCHRONOUS_COMMIT =
            List.of("off", "local", "remote_write", "on", "remote_apply");
    /** PostgreSQL parameters whose value is a command run by the server, as the postgres user. */
    private static final Set<String> COMMANDS = Set.of(
            "archive_command",
            "restore_command",
            "archive_cleanup_command",
            "recovery_end_command",
            "ssl_passphrase_command",
            "shared_preload_libraries",
            "session_preload_libraries",
            "local_preload_libraries");
    /**
     * What a key the dynamic configuration leaves out means: Patroni's default for Patroni's keys; for PostgreSQL
     * parameters, the node's own configuration, assumed the safe value (Spilo turns ssl on).
     */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("synchronous_mode", "false"),
            Map.entry("synchronous_mode_strict", "false"),
            Map.entry("synchronous_node_count", "1"),
            Map.entry("failsafe_mode", "false"),
            Map.entry(P + "synchronous_commit", "on"),
            Map.entry(P + "fsync", "on"),
            Map.entry(P + "full_page_writes", "on"),
            Map.entry(P + "wal_level", "replica"),
            Map.entry(P + "ssl", "on"),
            Map.entry(P + "password_encryption", "scram-sha-256"));

    private ConfigWeakening() {}

    /** The weakening changes among these, in their order. */
    public static List<Weakening> of(List<ConfigPlan.Change> changes) {
        List<Weakening> found = new ArrayList<>();
        for (ConfigPlan.Change c : changes) {
            check(c).ifPresent(found::add);
        }
        return found;
    }

    static Optional<Weakening> check(ConfigPlan.Change c) {
        String key = c.key().strip().toLowerCase(Locale.ROOT);
        String before = value(key, c.before());
        String after = value(key, c.after());
        Optional<String> why = switch (key) {
            case "synchronous_mode" ->
                when(
                        on(before) && !on(after),
                        "commits no longer wait for a standby: a failover can lose transactions the primary"
                                + " acknowledged");
            case "synchronous_mode_strict" ->
                when(
                        on(before) && !on(after),
                        "with no synchronous standby left, the primary accepts commits no standby has");
            case "synchronous_node_count" ->
                when(
                        number(after) < number(before),
                        "fewer standbys confirm each commit: fewer copies survive losing the primary");
            case "failsafe_mode" ->
                when(
                        on(before) && !on(after),
                        "the primary demotes itself whenever etcd is unreachable, even with every member up");
            default -> parameter(key, before, after);
        };
        return why.map(w -> new Weakening(kind(key), c.key(), c.before(), c.after(), w));
    }

    private static Optional<String> parameter(String key, String before, String after) {
        if (!key.startsWith(P)) {
            return Optional.empty();
        }
        String name = key.substring(P.length());
        return switch (name) {
            case "synchronous_commit" ->
                when(
                        rank(after) < rank(before),
                        "commits no longer wait for "
                                + (rank(after) <= 0
                                        ? "their own WAL flush: a crash loses the last transactions"
                                        : "the standbys: a failover can lose acknowledged transactions"));
            case "fsync" ->
                when(on(before) && !on(after), "a crash of the server or the machine can corrupt the database");
            case "full_page_writes" ->
                when(on(before) && !on(after), "a crash during a write can leave torn pages that cannot be repaired");
            case "wal_level" ->
                when(
                        !before.equals("minimal") && after.equals("minimal"),
                        "the WAL no longer carries what replicas and archives need: replication stops");
            case "ssl" -> when(on(before) && !on(after), "connections are no longer encrypted");
            case "password_encryption" ->
                when(
                        !before.equals("md5") && after.equals("md5"),
                        "new passwords are stored as MD5 hashes, which are weaker than SCRAM");
            default ->
                when(
                        COMMANDS.contains(name) && !before.equals(after),
                        name + " makes every member run what it names, as the postgres user");
        };
    }

    private static Kind kind(String key) {
        return key.equals(P + "ssl")
                        || key.equals(P + "password_encryption")
                        || COMMANDS.contains(key.startsWith(P) ? key.substring(P.length()) : key)
                ? Kind.SECURITY
                : Kind.DURABILITY;
    }

    private static String value(String key, Optional<String> v) {
        return v.map(s -> s.strip().toLowerCase(Locale.ROOT).replaceAll("^'|'$", ""))
                .filter(s -> !s.isEmpty())
                .orElse(DEFAULTS.getOrDefault(key, ""));
    }

    private static Optional<String> when(boolean weakens, String why) {
        return weakens ? Optional.of(why) : Optional.empty();
    }

    /** PostgreSQL's and Patroni's booleans; quorum counts as on (commits wait for a quorum of standbys). */
    private static boolean on(String v) {
        return switch (v) {
            case "on", "true", "yes", "1", "quorum" -> true;
            default -> false;
        };
    }

    private static int rank(String v) {
        int i = SYNCHRONOUS_COMMIT.indexOf(v);
        return i < 0 ? SYNCHRONOUS_COMMIT.indexOf("on") : i;
    }

    private static long number(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
