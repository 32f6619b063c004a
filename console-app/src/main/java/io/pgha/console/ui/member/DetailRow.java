package io.pgha.console.ui.member;

import io.pgha.console.ui.common.Tone;

/** One fact in the member's detail panel. */
public record DetailRow(String label, String value, Tone tone) {

    static DetailRow plain(String label, String value) {
        return new DetailRow(label, value, Tone.UNKNOWN);
    }
}
