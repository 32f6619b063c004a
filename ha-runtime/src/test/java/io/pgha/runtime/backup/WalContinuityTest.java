package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which backups' WAL runs unbroken in the archive and where the first hole after the newest one is (docs/decisions/0050),
 * over archives as pgBackRest lists them: a table of archives, backups and what a restore can reach.
 */
class WalContinuityTest {

    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    static final Instant OLD = NOW.minusSeconds(3600);

    static BackupRecord backup(String label, String walStart, String walStop) {
        return new BackupRecord(
                label,
                label.endsWith("F") ? BackupType.FULL : BackupType.INCR,
                OLD,
                OLD,
                1,
                1,
                walStart,
                walStop,
                Optional.of("pg-0"),
                Optional.empty(),
                false);
    }

    /** Segments "t:from-to" (hex segment numbers on timeline t, log 0), archived long ago; "h2" a history file. */
    static ArchiveListing archive(String... parts) {
        Map<String, Instant> segments = new LinkedHashMap<>();
        Set<Long> histories = new HashSet<>();
        for (String p : parts) {
            if (p.startsWith("h")) {
                histories.add(Long.parseLong(p.substring(1)));
                continue;
            }
            boolean recent = p.endsWith("!");
            String[] f = p.replace("!", "").split("[:-]");
            long t = Long.parseLong(f[0]);
            for (long s = Long.parseLong(f[1], 16); s <= Long.parseLong(f[2], 16); s++) {
                segments.put(seg(t, s), recent ? NOW.minusSeconds(5) : OLD);
            }
        }
        return new ArchiveListing("17-1", segments, histories);
    }

    static String seg(long tli, long segno) {
        return String.format("%08X%08X%08X", tli, segno / 256, segno % 256);
    }

    static final BackupRecord F1 = backup("20261205-080000F", seg(1, 2), seg(1, 3));
    static final BackupRecord I1 = backup("20261205-080000F_20261205-090000I", seg(1, 6), seg(1, 6));
    static final BackupRecord F2 = backup("20261205-100000F", seg(1, 0x0C), seg(1, 0x0C));
    static final BackupRecord F2ON2 = backup("20261205-100000F", seg(2, 0x0C), seg(2, 0x0C));

    static Stream<Arguments> archives() {
        return Stream.of(
                Arguments.of("unbroken", archive("1:1-20"), List.of(F1, I1), "F1 I1", "", ""),
                Arguments.of(
                        "a hole after the newest backup",
                        archive("1:1-8", "1:0B-20"),
                        List.of(F1, I1),
                        "F1 I1",
                        seg(1, 8) + ">" + seg(1, 9) + ">" + seg(1, 0x0B),
                        ""),
                Arguments.of(
                        "a hole whose successors were archived seconds ago: the parallel push may fill it",
                        archive("1:1-8", "1:0A-0B!"),
                        List.of(F1),
                        "F1",
                        "",
                        ""),
                Arguments.of(
                        "a hole between two backups cuts the older one off",
                        archive("1:1-4", "1:6-20"),
                        List.of(F1, F2),
                        "F2",
                        "",
                        "F1"),
                Arguments.of(
                        "a promotion with its history file: on onto timeline 2, its first segment the switch's",
                        archive("1:1-4", "2:5-20", "h2"),
                        List.of(F1, F2ON2),
                        "F1 F2",
                        "",
                        ""),
                Arguments.of(
                        "the old primary archived on its timeline past the switch: the walk stays on timeline 2",
                        archive("1:1-7", "2:5-20", "h2"),
                        List.of(F1, F2ON2),
                        "F1 F2",
                        "",
                        ""),
                Arguments.of(
                        "a promotion without its history file",
                        archive("1:1-4", "2:5-20"),
                        List.of(F1),
                        "F1",
                        seg(1, 4) + ">" + seg(1, 5) + ">" + seg(2, 5) + " timeline 2",
                        ""),
                Arguments.of("a backup's own WAL missing", archive("1:1-2", "1:4-20"), List.of(F1, F2), "F2", "", "F1"),
                Arguments.of(
                        "across a log boundary (..0000FF, ..010000)",
                        archive("1:0FE-110"),
                        List.of(backup("20261205-110000F", seg(1, 0xFE), seg(1, 0xFF))),
                        "20261205-110000F",
                        "",
                        ""),
                Arguments.of("an empty archive", archive(), List.of(F1), "", "", "F1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archives")
    void theChainAndTheHoleAfterIt(
            String what, ArchiveListing listing, List<BackupRecord> backups, String chain, String gap, String cutOff) {
        WalContinuity c = WalContinuity.of(backups, listing, NOW);

        assertThat(c.chain().stream().map(WalContinuityTest::name).toList())
                .as("the chain")
                .isEqualTo(words(chain));
        assertThat(c.cutOff().stream().map(WalContinuityTest::name).toList())
                .as("cut off")
                .isEqualTo(words(cutOff));
        assertThat(c.gapAfter()
                        .map(g -> g.lastPresent() + ">" + g.firstMissing() + ">" + g.resumesAt()
                                + g.timeline().map(t -> " timeline " + t).orElse(""))
                        .orElse(""))
                .as("the hole after the newest backup")
                .isEqualTo(gap);
    }

    private static String name(BackupRecord b) {
        return b == F1 ? "F1" : b == I1 ? "I1" : b == F2 || b == F2ON2 ? "F2" : b.label();
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.split(" "));
    }
}
