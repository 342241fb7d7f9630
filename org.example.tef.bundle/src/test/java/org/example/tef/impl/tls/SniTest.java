package org.example.tef.impl.tls;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;

import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.channel.TlsServerConfig;
import org.junit.Before;
import org.junit.Test;

/** SNI is mandatory and names the server's authority (TS-0003 10.2.1, RFC 6066 section 3). */
public class SniTest extends TlsTestSupport {
    private RecordingHandler handler;
    private TlsListener server;

    @Before
    public void listen() throws IOException {
        handler = RecordingHandler.echo(List.of());
        server = track((TlsListener) channels.listen(TlsServerConfig.builder(MAF_FQDN).psk(kmTable()).build(), handler));
    }

    private TlsClientConfig client(String serverName) {
        return TlsClientConfig.builder("127.0.0.1", server.address().getPort(), serverName)
            .psk(new PskCredential(KM_ID, KM, null)).connectTimeoutMillis(15_000).readTimeoutMillis(15_000).build();
    }

    @Test
    public void aClientThatSendsNoSniIsRefusedWithUnrecognizedName_10_2_1() throws Exception {
        IOException e = assertThrows(IOException.class, () -> channels.connect(client(MAF_FQDN), null, false));
        assertTrue(e.getMessage(), e.getMessage().contains("unrecognized_name"));
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        assertTrue(server.handshakeFailures().get(0), server.handshakeFailures().get(0).contains("no SNI"));
        assertEquals(0, handler.calls());
    }

    @Test
    public void aClientThatNamesAnotherServerInSniIsRefusedWithUnrecognizedName_10_2_1() throws Exception {
        IOException e = assertThrows(IOException.class, () -> channels.connect(client("mef.example.com")));
        assertTrue(e.getMessage(), e.getMessage().contains("unrecognized_name"));
        assertTrue(eventually(() -> !server.handshakeFailures().isEmpty()));
        assertTrue(server.handshakeFailures().get(0), server.handshakeFailures().get(0).contains("mef.example.com"));
        assertEquals(0, handler.calls());
    }

    @Test
    public void theSniHostNameMatchesCaseInsensitively_RFC6066_3() throws Exception {
        try (SecureSession session = channels.connect(client("MAF.Example.COM"))) {
            assertEquals("MAF.Example.COM", handler.next().serverName);
            assertEquals("MAF.Example.COM", session.serverName());
        }
    }
}
