package io.pgha.console.ui.backups;

import java.util.List;

/**
 * The recoverable window drawn on a time axis, with the backups on it; positions are fractions of the axis (0 its left
 * end, 1 its right end), so the view only scales them.
 *
 * @param from       the axis' left end, as the window's ends are written (ISO-8601 UTC to the second)
 * @param to         the axis' right end
 * @param windowFrom where the recoverable window starts, when there is one
 * @param windowTo   where it ends
 * @param marks      the backups, oldest first
 * @param next       where the next scheduled backup falls, or a negative number when it is not on the axis
 * @param nextText   the next scheduled backup in words, for its mark's tooltip
 */
public record Timeline(
        String from,
        String to,
        double windowFrom,
        double windowTo,
        boolean hasWindow,
        List<Mark> marks,
        double next,
        String nextText) {

    public static final Timeline EMPTY = new Timeline("", "", 0, 0, false, List.of(), -1, "");

    public Timeline {
        marks = List.copyOf(marks);
    }

    /**
     * One backup on the axis.
     *
     * @param type    full, diff or incr (its shape and colour)
     * @param from    where it started
     * @param to      where it ended
     * @param details what its tooltip says
     * @param failed  pgBackRest found checksum errors in it
     */
    public record Mark(String label, String type, double from, double to, String details, boolean failed) {}
}
