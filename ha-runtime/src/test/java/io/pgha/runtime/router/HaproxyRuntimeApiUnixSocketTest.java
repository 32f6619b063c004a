package io.pgha.runtime.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime API over a unix socket, as the supervisor reaches it on a shared volume. */
class HaproxyRuntimeApiUnixSocketTest {

    @Test
    void sendsOneCommandAndReadsTheAnswer(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("admin.sock");
        AtomicReference<String> received = new AtomicReference<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread t = Thread.ofVirtual().start(() -> {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(256);
                    c.read(in);
                    received.set(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                    c.write(ByteBuffer.wrap("\n".getBytes(StandardCharsets.US_ASCII)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            HaproxyRuntimeApi api = HaproxyRuntimeApi.parse("unix:" + socket, Duration.ofSeconds(2));
            api.forceHealth("primary", "pg-1", true);
            t.join();
        }
        assertThat(received.get()).isEqualTo("set server primary/pg-1 health up\n");
    }
}
