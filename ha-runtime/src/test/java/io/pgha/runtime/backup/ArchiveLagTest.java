package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArchiveLagTest {

    private static final long MB16 = 16L * 1024 * 1024;

    @Test
    void positionsAndSegmentEnds() {
        assertThat(ArchiveLag.lsn("0/3000148")).isEqualTo(0x3000148L);
        assertThat(ArchiveLag.lsn("1/0")).isEqualTo(1L << 32);
        assertThat(ArchiveLag.endOf("000000010000000000000002", MB16)).isEqualTo(0x3000000L);
        // segment FF of log 0 ends where log 1 begins
        assertThat(ArchiveLag.endOf("0000000100000000000000FF", MB16)).isEqualTo(1L << 32);
        assertThat(ArchiveLag.endOf("000000010000000100000000", MB16)).isEqualTo((1L << 32) + MB16);
    }

    @Test
    void lagIsWhatWasWrittenAfterTheLastArchivedSegment() {
        assertThat(ArchiveLag.bytes("0/3000148", "000000010000000000000003", "000000010000000000000002", MB16))
                .hasValue(0x148);
        assertThat(ArchiveLag.bytes("0/3000000", "000000010000000000000003", "000000010000000000000002", MB16))
                .hasValue(0);
    }

    @Test
    void anotherTimelineOrAHistoryFileIsUnknown() {
        assertThat(ArchiveLag.bytes("0/5000148", "000000020000000000000005", "000000010000000000000004.partial", MB16))
                .isEmpty();
        assertThat(ArchiveLag.bytes("0/5000148", "000000020000000000000005", "00000002.history", MB16))
                .isEmpty();
    }

    @Test
    void readsTheArchiverLine() {
        ArchiveStatus s = PgBackRest.parseArchiveStatus(
                "0/3000148|000000010000000000000003|000000010000000000000002|1796479214.5|||0|16777216\n");
        assertThat(s.lastArchivedWal()).contains("000000010000000000000002");
        assertThat(s.lastArchivedAt().orElseThrow().getEpochSecond()).isEqualTo(1796479214L);
        assertThat(s.lagBytes()).hasValue(0x148);
        assertThat(s.failing()).isFalse();

        ArchiveStatus failing = PgBackRest.parseArchiveStatus(
                "0/3000148|000000010000000000000003|||" + "000000010000000000000001|1796479214|3|16777216");
        assertThat(failing.failing()).isTrue();
        assertThat(failing.lagBytes()).isEmpty();
        assertThat(failing.failedCount()).isEqualTo(3);
    }
}
