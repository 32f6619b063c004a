package io.pgha.console.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on loopback for tests. */
public final class LocalPorts {

    private LocalPorts() {}

    /** A port nothing listens on: taken from the kernel, then released. */
    public static int closed() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
