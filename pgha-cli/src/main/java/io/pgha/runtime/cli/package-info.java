/**
 * The {@code pgha} command line (module pgha-cli): one picocli command per verb, with {@link io.pgha.runtime.cli.Main}
 * as the entry point of the launchers, the installed package and the supervisor's image ({@code pgha supervise}). A
 * command only translates its arguments into a call of ha-runtime (a use case, an operation, the provisioner, the
 * supervisor) and renders the result as text or {@code --json}; failures become one line on stderr and an exit code
 * ({@link io.pgha.runtime.cli.ExitCodes}). May depend on every package of ha-runtime; nothing depends on it.
 */
package io.pgha.runtime.cli;
