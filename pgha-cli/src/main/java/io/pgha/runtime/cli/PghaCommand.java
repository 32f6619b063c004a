package io.pgha.runtime.cli;

import io.pgha.runtime.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The root of the `pgha` command line. Subcommands register here, one class each. */
@Command(
        name = "pgha",
        mixinStandardHelpOptions = true,
        versionProvider = PghaCommand.VersionProvider.class,
        description = "Highly available PostgreSQL on Docker: provision, watch and operate Patroni clusters.",
        subcommands = {
            UpCommand.class,
            ClustersCommand.class,
            ConsoleCommand.class,
            DownCommand.class,
            ApplyCommand.class,
            ScaleCommand.class,
            UpgradeCommand.class,
            ReplaceCommand.class,
            CredentialsCommand.class,
            ExportComposeCommand.class,
            DrillCommand.class,
            ChaosCommand.class,
            SuperviseCommand.class,
            ProbeRolesCommand.class,
            RemoveStackVolumesCommand.class,
            AttachCommand.class,
            StatusCommand.class,
            WatchCommand.class,
            SwitchoverCommand.class,
            FailoverCommand.class,
            RestartCommand.class,
            ReinitCommand.class,
            PauseCommand.class,
            PauseCommand.ResumeCommand.class,
            ConfigCommand.class,
            AuditCommand.class,
            RestAuthCommand.class,
            CertsCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
        })
public final class PghaCommand {

    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "pgha " + Version.get(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
