package io.pgha.runtime.router;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * HAProxy's runtime API over TCP, or over a unix socket (one command per connection, HAProxy's non-interactive mode).
 * pgha uses it to move traffic at once on a leader change instead of waiting for health checks;
 * the HTTP checks stay in charge afterwards (a forced health lasts until the next check).
 */
public final class HaproxyRuntimeApi {

    private static final String UNIX = "unix:";

    private final String host;
    private final int port;
    private final java.util.Optional<java.nio.file.Path> socket;
    private final Duration timeout;

    public HaproxyRuntimeApi(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.socket = java.util.Optional.empty();
        this.timeout = timeout;
    }

    private HaproxyRuntimeApi(java.nio.file.Path socket, Duration timeout) {
        this.host = "localhost";
        this.port = 0;
        this.socket = java.util.Optional.of(socket);
        this.timeout = timeout;
    }

    /** {@code host:port}, or {@code unix:/path/to/socket}. */
    public static HaproxyRuntimeApi parse(String hostPort, Duration timeout) {
        if (hostPort.startsWith(UNIX)) {
            return new HaproxyRuntimeApi(java.nio.file.Path.of(hostPort.substring(UNIX.length())), timeout);
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw PghaException.invalidInput(
                    "the router's runtime API must be given as host:port, not '" + hostPort + "'");
        }
        return new HaproxyRuntimeApi(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), timeout);
    }

    /** Sends one command and returns HAProxy's answer (empty when the command succeeded silently). */
    public String command(String command) {
        if (this.socket.isPresent()) {
            return overUnixSocket(command);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return checked(command, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw PghaException.unavailable(
                    "HAProxy runtime API at " + host + ":" + port + " did not answer '" + command + "' ("
                            + e.getMessage() + ")",
                    e);
        }
    }

    private static String checked(String command, String answer) {
        if (answer.toLowerCase(Locale.ROOT).startsWith("unknown command")
                || answer.startsWith("No such")
                || answer.contains("Require 'backend/server'")) {
            throw PghaException.invalidInput("HAProxy refused '" + command + "': " + answer);
        }
        return answer;
    }

    /**
     * One command over the unix socket; the answer is read on a virtual thread so the call keeps its deadline (a
     * socket channel has no read timeout of its own).
     */
    private String overUnixSocket(String command) {
        java.nio.file.Path path = socket.orElseThrow();
        try (java.nio.channels.SocketChannel ch =
                java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(path));
            ch.write(java.nio.ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            java.util.concurrent.CompletableFuture<String> answer = new java.util.concurrent.CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    answer.complete(new String(
                                    java.nio.channels.Channels.newInputStream(ch)
                                            .readAllBytes(),
                                    StandardCharsets.UTF_8)
                            .strip());
                } catch (IOException e) {
                    answer.completeExceptionally(e);
                }
            });
            try {
                return checked(command, answer.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IOException("no answer within " + timeout.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        } catch (IOException e) {
            throw PghaException.unavailable(
                    "HAProxy runtime API at " + path + " did not answer '" + command + "' (" + e.getMessage() + ")", e);
        }
    }

    public void forceHealth(String backend, String server, boolean up) {
        command("set server " + backend + "/" + server + " health " + (up ? "up" : "down"));
    }

    public void shutdownSessions(String backend, String server) {
        command("shutdown sessions server " + backend + "/" + server);
    }

    /** The server names of a backend, from `show servers state`. */
    public List<String> servers(String backend) {
        String answer = command("show servers state " + backend);
        return answer.lines()
                .skip(1)
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split(" "))
                .filter(f -> f.length > 3)
                .map(f -> f[3])
                .toList();
    }
}
