package io.pgha.runtime.backup;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A pgBackRest backup running in a node's container, as its process says (docs/decisions/0034): for the message of a
 * {@code pgha backup now} that meets it on the stanza's lock.
 *
 * @param type        the backup's type ({@code --type}; pgBackRest's default, incremental, when absent)
 * @param since       when its process started
 * @param member      the member it backs up ({@code --annotation=pgha-member=…}), when pgha started it
 * @param fromStandby whether it copies from a standby ({@code --backup-standby})
 */
public record RunningBackup(BackupType type, Instant since, Optional<String> member, boolean fromStandby) {

    /**
     * Lists the pgBackRest processes whose command is {@code backup} (not its {@code backup:local} workers), one line
     * each: pid, start in epoch seconds, then the arguments. Python because it is the image's (Patroni's) and reads
     * /proc without procps; the start is the boot time plus the process's start in clock ticks.
     */
    static final String FIND = "import os\n"
            + "tck = os.sysconf('SC_CLK_TCK')\n"
            + "bt = next(int(l.split()[1]) for l in open('/proc/stat') if l.startswith('btime'))\n"
            + "for p in os.listdir('/proc'):\n"
            + "    if not p.isdigit():\n"
            + "        continue\n"
            + "    try:\n"
            + "        a = [x.decode() for x in open('/proc/' + p + '/cmdline', 'rb').read().split(b'\\0') if x]\n"
            + "        st = open('/proc/' + p + '/stat').read()\n"
            + "    except OSError:\n"
            + "        continue\n"
            + "    if len(a) < 2 or not a[0].endswith('pgbackrest') or a[-1] != 'backup':\n"
            + "        continue\n"
            + "    print(p, int(bt + int(st.rsplit(')', 1)[1].split()[19]) / tck), ' '.join(a[1:]))\n";

    /** The command that runs {@link #FIND} in a container. */
    static List<String> findCommand() {
        return List.of("python3", "-c", FIND);
    }

    /** The oldest backup in {@link #FIND}'s output (the one holding the lock), when there is one. */
    static Optional<RunningBackup> parse(String output) {
        return output.lines()
                .map(String::strip)
                .map(l -> l.split(" "))
                .filter(f -> f.length >= 3 && f[1].chars().allMatch(Character::isDigit))
                .map(RunningBackup::of)
                .min(java.util.Comparator.comparing(RunningBackup::since));
    }

    private static RunningBackup of(String[] fields) {
        List<String> args = Arrays.asList(fields).subList(2, fields.length);
        BackupType type = args.stream()
                .filter(a -> a.startsWith("--type="))
                .map(a -> a.substring("--type=".length()))
                .findFirst()
                .map(BackupType::parse)
                .orElse(BackupType.INCR);
        String annotation = "--annotation=" + PgBackRestInfo.MEMBER_ANNOTATION + "=";
        Optional<String> member = args.stream()
                .filter(a -> a.startsWith(annotation))
                .map(a -> a.substring(annotation.length()))
                .findFirst();
        return new RunningBackup(
                type, Instant.ofEpochSecond(Long.parseLong(fields[1])), member, args.contains("--backup-standby"));
    }
}
