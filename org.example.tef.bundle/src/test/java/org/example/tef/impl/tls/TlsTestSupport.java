package org.example.tef.impl.tls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.PskCredentials;
import org.example.tef.api.channel.SecureChannels;
import org.junit.After;

/** Shared set-up of the TLS tests: one service, the servers a test opened (closed after it), a PSK table. */
abstract class TlsTestSupport {
    static final String MAF_FQDN = "maf.example.com";
    static final String KM_ID = "km-0001@maf.example.com";
    static final String ENTITY_ID = "/id-in/CAE-client-1";
    static final byte[] KM = Hex.decode("00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef");

    final BcSecureChannels channels = new BcSecureChannels();
    private final List<SecureChannels.Server> servers = new ArrayList<>();

    @After
    public void closeServers() {
        for (SecureChannels.Server server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    <S extends SecureChannels.Server> S track(S server) {
        servers.add(server);
        return server;
    }

    /** The MAF's Km table: KM_ID resolves to KM for ENTITY_ID (TS-0003 8.8.2.2). */
    static PskCredentials kmTable() {
        Map<String, PskCredential> table = new HashMap<>();
        table.put(KM_ID, new PskCredential(KM_ID, KM, ENTITY_ID));
        return identity -> Optional.ofNullable(table.get(identity));
    }

    /** Waits at most 10 s for the condition. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(20);
        }
        return true;
    }
}
