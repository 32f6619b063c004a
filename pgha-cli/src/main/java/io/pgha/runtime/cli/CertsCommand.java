package io.pgha.runtime.cli;

import picocli.CommandLine.Command;

/** {@code pgha certs status|rotate}: the cluster's own certificates, how long they have left, and their rotation. */
@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        description = {
            "The certificates of a cluster made by pgha up (its own CA, clusters/NAME/pki/):",
            "`status` lists them with their ends, `rotate` gives the nodes new ones without an outage."
        },
        subcommands = {CertsStatusCommand.class, CertsRotateCommand.class})
final class CertsCommand {}
