package io.pgha.runtime.apply;

/**
 * One row of a member's pg_settings, as far as apply needs it.
 *
 * @param name           the parameter
 * @param setting        its value now, in {@code unit}
 * @param unit           pg_settings.unit (8kB, kB, ms, …), empty when it has none
 * @param context        pg_settings.context: postmaster needs a restart, internal cannot be set, …
 * @param pendingRestart whether the configuration files ask for another value that only a restart applies
 */
public record MemberSetting(String name, String setting, String unit, String context, boolean pendingRestart) {

    /** Whether the member runs {@code wanted} (a spec's value, in any unit PostgreSQL accepts). */
    public boolean runs(String wanted) {
        return !pendingRestart && SettingValues.matches(wanted, setting, unit);
    }
}
