package org.example.mef.impl.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.example.mef.impl.commands.InMemoryCommandStore;
import org.example.mef.impl.enrolment.InMemoryEnrolmentKeyStore;
import org.example.mef.impl.server.config.MefPskClientComponent;
import org.example.mef.impl.server.config.MefPskClientConfiguration;
import org.example.mef.impl.server.config.MefStakeholderComponent;
import org.example.mef.impl.server.config.MefStakeholderConfiguration;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.testsupport.Configs;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureSession;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.spi.RegistrationStore;
import org.junit.After;
import org.junit.Test;

import com.google.gson.JsonParser;

/** The MEF's purge: expired registrations, their MEF Client Commands (8.3.9.1) and expired Enrolment Keys go. */
public class MefPurgeTest {
    private static final String MEF = "mef.example.com";
    private static final String DEVICE = "//sp.example.com/device";

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        volatile Instant now = Instant.now();
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final MovableClock clock = new MovableClock();
    private final RegistrationStore registry = TefStandalone.registrationStores().inMemory();
    private MefServerComponent server;

    @After
    public void stop() throws IOException {
        if (server != null) server.deactivate();
        registry.close();
    }

    @Test
    public void theCommandsOfAnExpiredRegistrationGoWithItAtThePurge_8_3_9_1() throws Exception {
        server = new MefServerComponent(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), registry,
                Configs.of(MefServerConfiguration.class, "fqdn", MEF, "port", 0, "purgeIntervalSeconds", 1L, "enrolmentKeyLifetimeSeconds", 3600L),
                new InMemoryEnrolmentKeyStore(), new InMemoryCommandStore(), clock);
        server.addStakeholder(new MefStakeholderComponent(Configs.of(MefStakeholderConfiguration.class, "adminFqdn", "sp.example.com",
                "preAuthorizedClients", new String[] {DEVICE})));
        server.addPskClient(new MefPskClientComponent(Configs.of(MefPskClientConfiguration.class, "kpmId", "k@" + MEF,
                "kpm", "303132333435363738393a3b3c3d3e3f", "clientId", DEVICE)));
        String reg;
        try (SecureSession s = TefStandalone.secureChannels().connect(TlsClientConfig.builder("127.0.0.1", server.address().getPort(), MEF)
                .psk(new PskCredential("k@" + MEF, Hex.decode("303132333435363738393a3b3c3d3e3f"), null))
                .exporterLabels(List.of(KeyExport.BOOTSTRAP_LABEL)).build())) {
            ResponsePrimitive r = TefStandalone.primitiveTransport().client(s).send(RequestPrimitive.of(Operation.CREATE, "/" + MEF + "/mefBase")
                    .from("x").requestId(UUID.randomUUID().toString()).content("{\"sec:mefClientReg\":{\"et\":\""
                            + M2mTimestamp.format(clock.instant().plus(Duration.ofMinutes(10))) + "\",\"adminFQDN\":\"sp.example.com\"}}").build());
            reg = JsonParser.parseString(r.content()).getAsJsonObject().getAsJsonObject("sec:mefClientReg").get("mefClientRegID").getAsString();
        }
        server.enqueue(reg, "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://" + MEF + "/dm\"}}}");
        assertEquals(1, server.commands(reg).size());
        assertEquals(1, server.enrolmentKeys().count());

        clock.now = clock.now.plus(Duration.ofHours(2)); // past the registration's expiry and the Ke's lifetime
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while ((!server.commands(reg).isEmpty() || server.enrolmentKeys().count() > 0) && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue("the expired registration's commands went at the purge", server.commands(reg).isEmpty());
        assertEquals("the expired Enrolment Key went too", 0, server.enrolmentKeys().count());
        assertEquals(0, registry.clientRegistrationCount());
    }
}
