package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArchivePushErrorTest {

    /** As pgBackRest 2.55 left it in the spool of a stack whose backups volume (a 160 MiB tmpfs) was full. */
    private static final String FULL = """
            104
            raised from local-1 protocol: archive-push command encountered error(s):
            repo1: [FileWriteError] unable to write '/home/postgres/backups/archive/fb/17-1/0000000100000000/\
            000000010000000000000009-9a2f.lz4.pgbackrest.tmp': [28] No space left on device
                [CommandError] on retry at 172ms: archive-push command encountered error(s):
            repo1: [FileWriteError] unable to write '/home/postgres/backups/archive/fb/17-1/0000000100000000/\
            000000010000000000000009-9a2f.lz4.pgbackrest.tmp': [28] No space left on device""";

    @Test
    void aFullVolumeIsNamedWithWhatToDo() {
        assertThat(ArchivePushError.describe(FULL, "fb_backups"))
                .get()
                .asString()
                .startsWith("pgBackRest: [FileWriteError] unable to write '/home/postgres/backups/archive/fb/")
                .contains("[28] No space left on device. The backups volume fb_backups is full: make room")
                .contains("archiving resumes by itself");
    }

    @Test
    void anotherFailureIsQuotedAsItIs() {
        assertThat(ArchivePushError.describe("103\nunable to find a valid repository\n", "fb_backups"))
                .contains("pgBackRest: unable to find a valid repository");
    }

    @Test
    void nothingSaysNothing() {
        assertThat(ArchivePushError.describe("", "fb_backups")).isEmpty();
    }
}
