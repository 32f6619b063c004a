package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** pgBackRest 2.55's {@code repo-ls --recurse --output=json archive/STANZA}, read (docs/decisions/0050). */
class ArchiveListingTest {

    /** The shape pgBackRest 2.55.1 prints (an older archive id 16-1 left by a stanza-upgrade, a promotion's partial). */
    static final String LISTING = """
            {".":{"type":"path"},"16-1":{"type":"path"},"16-1/0000000100000000":{"type":"path"},
             "16-1/0000000100000000/000000010000000000000009-0123456789abcdef0123456789abcdef01234567.lz4":
               {"type":"file","size":1000,"time":1796479000},
             "17-2":{"type":"path"},"17-2/0000000100000000":{"type":"path"},
             "17-2/0000000100000000/000000010000000000000002-1123456789abcdef0123456789abcdef01234567.lz4":
               {"type":"file","size":41000,"time":1796479214},
             "17-2/0000000100000000/000000010000000000000003.00000028.backup-2123456789abcdef0123456789abcdef01234567.lz4":
               {"type":"file","size":300,"time":1796479215},
             "17-2/0000000100000000/000000010000000000000003-3123456789abcdef0123456789abcdef01234567.lz4":
               {"type":"file","size":41000,"time":1796479216},
             "17-2/0000000100000000/000000010000000000000004.partial-4123456789abcdef0123456789abcdef01234567.lz4":
               {"type":"file","size":41000,"time":1796479300},
             "17-2/00000002.history":{"type":"file","size":42,"time":1796479301},
             "17-2/0000000200000000":{"type":"path"},
             "17-2/0000000200000000/000000020000000000000004-5123456789abcdef0123456789abcdef01234567":
               {"type":"file","size":16777216,"time":1796479302},
             "archive.info":{"type":"file","size":400,"time":1796479000},
             "archive.info.copy":{"type":"file","size":400,"time":1796479000}}
            """;

    @Test
    void readsTheWholeSegmentsAndHistoriesOfTheNewestArchiveId() {
        ArchiveListing l = ArchiveListing.parse(LISTING);

        assertThat(l.archiveId()).isEqualTo("17-2");
        assertThat(l.segments())
                .containsOnlyKeys("000000010000000000000002", "000000010000000000000003", "000000020000000000000004")
                .containsEntry("000000010000000000000003", Instant.ofEpochSecond(1796479216));
        assertThat(l.histories()).containsExactly(2L);
    }

    @Test
    void anEmptyArchiveHasNothingAndBadJsonSaysSo() {
        assertThat(ArchiveListing.parse("{\".\":{\"type\":\"path\"}}").segments())
                .isEmpty();
        assertThatThrownBy(() -> ArchiveListing.parse("WARN: oops"))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("listing of the archive");
    }
}
