package org.example.maf.impl.server;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.example.onem2m.testsupport.Configs;
import org.example.onem2m.testsupport.Failures;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.spi.RegistrationStore;
import org.junit.Test;

/** What a MAF whose activation fails after it opened its port leaves behind: nothing (SCR never deactivates it). */
public class MafFailedStartTest {
    @Test
    public void aMafThatFailsAfterOpeningItsPortClosesIt() throws Exception {
        int port = Failures.freePort();
        try (RegistrationStore healthy = TefStandalone.registrationStores().inMemory()) {
            RegistrationStore store = Failures.failing(RegistrationStore.class, healthy, "clientRegistrationCount");
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> new MafServerComponent(TefStandalone.secureChannels(),
                    TefStandalone.primitiveTransport(), store, Configs.of(MafServerConfiguration.class, "fqdn", "maf.example.com",
                            "host", "127.0.0.1", "port", port)));
            assertTrue(failed.getMessage(), failed.getMessage().contains("clientRegistrationCount"));
            Failures.assertNothingListensOn(port);
            // and the next activation listens there
            MafServerComponent next = new MafServerComponent(TefStandalone.secureChannels(), TefStandalone.primitiveTransport(), healthy,
                    Configs.of(MafServerConfiguration.class, "fqdn", "maf.example.com", "host", "127.0.0.1", "port", port));
            next.deactivate();
        }
    }
}
