package org.example.mef.impl.server;

import java.io.IOException;
import java.time.Clock;

import org.example.mef.impl.commands.InMemoryCommandStore;
import org.example.mef.impl.enrolment.InMemoryEnrolmentKeyStore;
import org.example.mef.impl.server.config.MefPskClientComponent;
import org.example.mef.impl.server.config.MefPskClientConfiguration;
import org.example.onem2m.testsupport.Configs;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.spi.RegistrationStore;

/**
 * A real MEF on loopback for the MAF's remote provisioning tests (TS-0003 8.8.2.3 with 8.3.2.1), started as the MEF's
 * own MefOverTlsTest starts one: one Enrolee with its KpmID/Kpm, and one Enrolment Target (the MAF) with its PSK,
 * allowed SUID 21. It lives in the MEF's package on the MAF bundle's test class path only (the MEF bundle is a test
 * dependency), for the component's package-private constructor and bind methods.
 */
public final class RunningMef implements AutoCloseable {
    private final RegistrationStore registry;
    private final MefServerComponent server;

    private RunningMef(MefServerComponent server, RegistrationStore registry) {
        this.server = server;
        this.registry = registry;
    }

    public static RunningMef start(SecureChannels channels, PrimitiveTransport transport, String mefFqdn, String enrolee, String kpmId,
                                   String kpm, String target, String targetPskId, String targetPsk) throws IOException {
        RegistrationStore registry = TefStandalone.registrationStores().inMemory();
        MefServerComponent server = new MefServerComponent(channels, transport, registry, Configs.of(MefServerConfiguration.class,
                "fqdn", mefFqdn, "port", 0, "enrolmentTargets", new String[] {target + "=21"}),
                new InMemoryEnrolmentKeyStore(), new InMemoryCommandStore(), Clock.systemUTC());
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", kpmId, "kpm", kpm, "clientId", enrolee)));
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", targetPskId, "kpm", targetPsk,
                "clientId", target)));
        return new RunningMef(server, registry);
    }

    public int port() { return server.address().getPort(); }

    /** How many Enrolment Keys the MEF holds. */
    public long enrolmentKeys() { return server.enrolmentKeys().count(); }

    @Override
    public void close() throws IOException {
        try {
            server.deactivate();
        } finally {
            registry.close();
        }
    }
}
