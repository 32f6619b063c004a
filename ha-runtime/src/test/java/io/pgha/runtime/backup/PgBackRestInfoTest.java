package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PgBackRestInfoTest {

    /** The shape pgBackRest 2.55 prints for a stanza with a full and an incremental backup. */
    static final String TWO_BACKUPS = """
            [{"archive":[{"database":{"id":1,"repo-key":1},"id":"17-1","max":"000000010000000000000006",
              "min":"000000010000000000000001"}],
              "backup":[
               {"annotation":{"pgha-member":"pg-1"},"archive":{"start":"000000010000000000000005",
                "stop":"000000010000000000000006"},"backrest":{"format":5,"version":"2.55.1"},
                "database":{"id":1,"repo-key":1},"error":false,"info":{"delta":8192,"repository":{"delta":512,"size":4096},
                "size":8192},"label":"20261205-101010F_20261205-101500I","lsn":{"start":"0/5000028","stop":"0/6000050"},
                "prior":"20261205-101010F","reference":["20261205-101010F"],"timestamp":{"start":1796479500,"stop":1796479502},
                "type":"incr"},
               {"annotation":{"pgha-member":"pg-0"},"archive":{"start":"000000010000000000000002",
                "stop":"000000010000000000000002"},"backrest":{"format":5,"version":"2.55.1"},
                "database":{"id":1,"repo-key":1},"error":false,"info":{"delta":23000000,
                "repository":{"delta":2900000,"size":2900000},"size":23000000},"label":"20261205-101010F",
                "lsn":{"start":"0/2000028","stop":"0/2000138"},"prior":null,"reference":null,
                "timestamp":{"start":1796479210,"stop":1796479214},"type":"full"}],
              "cipher":"none","db":[{"id":1,"repo-key":1,"system-id":7445,"version":"17"}],"name":"shop",
              "repo":[{"cipher":"none","key":1,"status":{"code":0,"message":"ok"}}],
              "status":{"code":0,"lock":{"backup":{"held":true,"size-component":"0"},"restore":{"held":false}},
              "message":"ok"}}]
            """;

    @Test
    void readsBackupsOldestFirstWithTheirMemberAndWalRange() {
        RepositoryInfo info = PgBackRestInfo.parse(TWO_BACKUPS, "shop");

        assertThat(info.stanzaExists()).isTrue();
        assertThat(info.backupRunning()).isTrue();
        assertThat(info.archiveMin()).contains("000000010000000000000001");
        assertThat(info.archiveMax()).contains("000000010000000000000006");
        assertThat(info.backups())
                .extracting(BackupRecord::label)
                .containsExactly("20261205-101010F", "20261205-101010F_20261205-101500I");
        BackupRecord full = info.backups().getFirst();
        assertThat(full.type()).isEqualTo(BackupType.FULL);
        assertThat(full.start()).isEqualTo(Instant.ofEpochSecond(1796479210));
        assertThat(full.stop()).isEqualTo(Instant.ofEpochSecond(1796479214));
        assertThat(full.size()).isEqualTo(23000000);
        assertThat(full.repositorySize()).isEqualTo(2900000);
        assertThat(full.walStart()).isEqualTo("000000010000000000000002");
        assertThat(full.member()).contains("pg-0");
        assertThat(full.prior()).isEmpty();
        assertThat(info.latest().orElseThrow().prior()).contains("20261205-101010F");
        assertThat(info.latest().orElseThrow().type()).isEqualTo(BackupType.INCR);
    }

    @Test
    void aNewStanzaHasNoBackups() {
        String json = """
                [{"archive":[],"backup":[],"cipher":"none","db":[{"id":1,"repo-key":1,"system-id":7,"version":"17"}],
                  "name":"pg-ha","repo":[{"cipher":"none","key":1,"status":{"code":2,"message":"no valid backups"}}],
                  "status":{"code":2,"lock":{"backup":{"held":false}},"message":"no valid backups"}}]
                """;
        RepositoryInfo info = PgBackRestInfo.parse(json, "pg-ha");

        assertThat(info.stanzaExists()).isTrue();
        assertThat(info.latest()).isEmpty();
        assertThat(info.archiveMax()).isEmpty();
        assertThat(info.backupRunning()).isFalse();
    }

    @Test
    void anotherStanzaOnlyIsAMissingOne() {
        RepositoryInfo info = PgBackRestInfo.parse(TWO_BACKUPS, "pg-ha");

        assertThat(info.stanzaExists()).isFalse();
        assertThat(info.backups()).isEmpty();
    }

    @Test
    void textThatIsNotItsJsonIsRefusedWithAHint() {
        assertThatThrownBy(() -> PgBackRestInfo.parse("stanza: pg-ha", "pg-ha"))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("not the JSON");
    }
}
