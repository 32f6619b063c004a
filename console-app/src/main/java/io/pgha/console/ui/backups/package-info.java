/**
 * The Backups tab: the recoverable window, the WAL archive's lag, the warnings and the repository's backups of a stack
 * pgha made, read only while the tab is shown; and "Back up now" (docs/decisions/0021, 0025).
 */
package io.pgha.console.ui.backups;
