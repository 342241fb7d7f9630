package org.example.tef.impl.tls;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.CipherSuites;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.standalone.InMemoryHandshakes;
import org.example.tef.api.standalone.TefStandalone;
import org.junit.Test;

/** The exported way in for code outside OSGi (api.standalone) and the suites a client may restrict itself to. */
public class StandaloneEntryTest extends TlsTestSupport {

    @Test
    public void theExportedSuiteListsAreTheOnesTheImplementationOffers() {
        assertEquals(IntStream.of(Suites.psk()).boxed().collect(Collectors.toList()), CipherSuites.PSK);
        assertEquals(IntStream.of(Suites.ecdheEcdsa()).boxed().collect(Collectors.toList()), CipherSuites.ECDHE_ECDSA);
    }

    @Test
    public void aClientOfferingOneSuiteGetsThatSuiteFromTheStandaloneChannels() throws Exception {
        SecureChannels standalone = TefStandalone.secureChannels();
        SecureChannels.Server server = track(standalone.listen(serverConfig(), session -> session.close()));
        for (int suite : CipherSuites.PSK) {
            try (SecureSession session = standalone.connect(client(server.address().getPort(), suite))) {
                assertEquals(suite, session.cipherSuite());
            }
        }
    }

    @Test
    public void aSuiteOfTheOtherKindIsRefusedWhenTheConfigIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> client(1, CipherSuites.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256));
    }

    @Test
    public void inMemoryHandshakesNegotiateTheOfferedSuite() throws Exception {
        InMemoryHandshakes handshakes = TefStandalone.inMemoryHandshakes();
        for (int suite : CipherSuites.PSK) assertEquals(suite, handshakes.handshake(serverConfig(), client(1, suite)));
    }

    @Test
    public void inMemoryHandshakesRefuseAWrongKey_RFC4279_2() throws Exception {
        InMemoryHandshakes handshakes = TefStandalone.inMemoryHandshakes();
        TlsClientConfig wrong = TlsClientConfig.builder("127.0.0.1", 1, MAF_FQDN).psk(new PskCredential(KM_ID, new byte[32], null)).build();
        assertThrows(IOException.class, () -> handshakes.handshake(serverConfig(), wrong));
    }

    private static TlsServerConfig serverConfig() {
        return TlsServerConfig.builder(MAF_FQDN).psk(kmTable()).exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).build();
    }

    private static TlsClientConfig client(int port, int suite) {
        return TlsClientConfig.builder("127.0.0.1", port, MAF_FQDN).psk(new PskCredential(KM_ID, KM, null))
                .exporterLabels(List.of(KeyExport.CONNECTION_LABEL)).cipherSuites(suite).build();
    }
}
