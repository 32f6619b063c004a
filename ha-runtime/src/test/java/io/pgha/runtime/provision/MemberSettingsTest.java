package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.apply.MemberSetting;
import org.junit.jupiter.api.Test;

/** psql's unaligned pg_settings rows, including a setting that holds the separator. */
class MemberSettingsTest {

    @Test
    void parsesRowsAndKeepsASeparatorInsideTheSetting() {
        var rows = MemberSettings.parse("""
                shared_buffers|32768|8kB|postmaster|t
                work_mem|8192|kB|user|f
                archive_command|a | b|||sighup|f
                not a row
                """);

        assertThat(rows)
                .containsEntry(
                        "shared_buffers", new MemberSetting("shared_buffers", "32768", "8kB", "postmaster", true))
                .containsEntry("work_mem", new MemberSetting("work_mem", "8192", "kB", "user", false))
                .containsEntry("archive_command", new MemberSetting("archive_command", "a | b|", "", "sighup", false))
                .hasSize(3);
        assertThat(rows.get("shared_buffers").runs("256MB"))
                .as("pending restart: not running the new value yet")
                .isFalse();
        assertThat(rows.get("work_mem").runs("8MB")).isTrue();
    }
}
