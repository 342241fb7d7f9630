package org.example.onem2m.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.example.tef.api.Hex;

/**
 * {@code openssl s_server -psk} as the peer of bare handshakes: TLS 1.2, one PSK suite, no certificate, the bench
 * client's KmID and Km. One s_server serves one connection at a time, so there are several, one port each, so that
 * the peer is not what limits the rate; {@code -quiet} keeps them from printing per connection. Their standard
 * input stays open (an s_server whose input ends may stop).
 */
public final class OpenSslPeer implements AutoCloseable {
    private final java.util.List<Server> servers = new java.util.ArrayList<>();

    public OpenSslPeer(int suite, int client, Path stderr, int processes) throws IOException, InterruptedException {
        try {
            for (int i = 0; i < processes; i++) servers.add(new Server(suite, client, stderr));
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The port of the s_server a client thread uses. */
    public int port(int thread) { return servers.get(thread % servers.size()).port; }

    public int processes() { return servers.size(); }

    @Override
    public void close() throws InterruptedException {
        for (Server s : servers) s.close();
    }

    private static final class Server {
        final int port;
        private final Process process;

        Server(int suite, int client, Path stderr) throws IOException, InterruptedException {
            port = MafProcess.freePort();
            List<String> command = List.of(openssl().orElseThrow(() -> new IOException("openssl is not on the PATH")).toString(),
                    "s_server", "-accept", "127.0.0.1:" + port, "-nocert", "-tls1_2", "-cipher", opensslName(suite),
                    "-psk", Hex.encode(Fixture.km(client)), "-psk_identity", Fixture.kmId(client), "-quiet");
            process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    break; // s_server treats this as a failed handshake and carries on
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) throw new IOException("openssl s_server did not start; see " + stderr);
                    Thread.sleep(20);
                }
            }
        }

        void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }

    /** OpenSSL's name of a PSK suite. */
    public static String opensslName(int suite) {
        switch (suite) {
            case 0x00AE: return "PSK-AES128-CBC-SHA256";
            case 0x00A8: return "PSK-AES128-GCM-SHA256";
            case 0xC0A4: return "PSK-AES128-CCM";
            case 0xC0A8: return "PSK-AES128-CCM8";
            default: throw new IllegalArgumentException("no OpenSSL name for suite " + suite);
        }
    }

    public static Optional<Path> openssl() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "openssl");
            if (java.nio.file.Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    public static String version() {
        try {
            Process p = new ProcessBuilder(openssl().orElseThrow().toString(), "version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return v;
        } catch (Exception e) {
            return "openssl: " + e;
        }
    }
}
