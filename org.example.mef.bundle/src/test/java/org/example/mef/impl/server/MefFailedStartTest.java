package org.example.mef.impl.server;

import static org.example.mef.impl.server.EstFixture.MEF;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;

import org.example.mef.impl.commands.InMemoryCommandStore;
import org.example.mef.impl.enrolment.InMemoryEnrolmentKeyStore;
import org.example.onem2m.testsupport.Configs;
import org.example.onem2m.testsupport.Failures;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.spi.RegistrationStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What a MEF whose activation fails after it opened its port leaves behind: nothing (SCR never deactivates a component
 * whose activate method threw), so that the next activation starts on the same ports with the same CA.
 */
public class MefFailedStartTest {
    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aMefThatFailsAfterOpeningItsPortsClosesThemAndItsCa() throws Exception {
        int port = Failures.freePort();
        int estPort = Failures.freePort();
        Path data = folder.getRoot().toPath();
        try (RegistrationStore healthy = TefStandalone.registrationStores().inMemory()) {
            RegistrationStore failing = Failures.failing(RegistrationStore.class, healthy, "clientRegistrationCount");
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> start(failing, port, estPort, data));
            assertTrue(failed.getMessage(), failed.getMessage().contains("clientRegistrationCount"));
            Failures.assertNothingListensOn(port);
            Failures.assertNothingListensOn(estPort);
            start(healthy, port, estPort, data).deactivate(); // the CA's store is not locked, the ports are free
        }
    }

    @Test
    public void aMefWhoseEstPortIsTakenReleasesItsPortAndItsCa_8_3_6_2() throws Exception {
        int port = Failures.freePort();
        Path data = folder.getRoot().toPath();
        try (RegistrationStore store = TefStandalone.registrationStores().inMemory()) {
            int estPort;
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                estPort = taken.getLocalPort();
                assertThrows(IOException.class, () -> start(store, port, estPort, data));
                Failures.assertNothingListensOn(port);
            }
            start(store, port, estPort, data).deactivate(); // the CA was closed with the EST server that could not start
        }
    }

    private static MefServerComponent start(RegistrationStore store, int port, int estPort, Path data) throws IOException {
        return new MefServerComponent(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), store,
                Configs.of(MefServerConfiguration.class, "fqdn", MEF, "host", "127.0.0.1", "port", port, "estPort", estPort,
                        "dataDirectory", data.toString()), new InMemoryEnrolmentKeyStore(), new InMemoryCommandStore(), Clock.systemUTC());
    }
}
