package org.example.onem2m.distribution;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientBuilder;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.junit.Rule;
import org.junit.Test;

/**
 * The MAF (TS-0003 8.8) of the distribution, with the demo configuration shipped in {@code etc/} (stakeholder
 * sp.example.com, PSK clients source, target and other) on a free port ({@code ONEM2M_MAF_PORT}); this JVM is its
 * MAF Client, built through the exported {@link MafClientBuilder} outside OSGi. The time from the start command to
 * the first request the MAF served is printed as {@code MAF first request served N ms after start}.
 */
public class MafRestartIT {
    private static final String MAF = "maf.example.com";
    private static final String SP = "sp.example.com";
    /** SAEF key distributed by a MAF (TS-0004 table 6.3.4.2.39-1, usage x2): exactly one target (TS-0003 8.8.2.7). */
    private static final int SUID_MAF_SAEF = 32;
    /** Polling interval while waiting for the MAF: short, as the wait is also the measurement. */
    private static final long MAF_POLL_MILLIS = 20;

    static {
        // The product's classes log through slf4j; on this class path that is pax-logging-api, which would log at DEBUG.
        System.setProperty("org.ops4j.pax.logging.DefaultServiceLog.level", "WARN");
    }

    @Rule public final DistributionProcess distribution = new DistributionProcess();

    /**
     * TS-0003 8.8.2.3, 8.8.2.7, 8.8.2.8, 8.8.2.10 against the distribution's MAF with the demo configuration of
     * {@code etc/}: the Source registers a SAEF key for the Target and the Target retrieves the same value (Other is
     * refused with 4103); the process is killed with SIGKILL right after and started again on the same data
     * directory; a new Target MafClient (no cached key) retrieves the same key; after the Source de-registers it the
     * MAF answers 4004. Prints, for both launches, the time from the start command to the first MAF request served.
     * <p>
     * One test, named by the one behaviour it shows (a key outlives kill -9 of the process): the checks before the kill
     * establish the key state the second launch must still hold, and the de-registration after it shows that the
     * reopened registry is the live one. Both need the two launches of the distribution (about 1.7 s each, the test
     * about 4 s), so they are not split into tests that each rebuild that state. The procedures themselves are
     * tested one by one in MafProceduresTest, MafOverTlsTest and MafScenarioIT.
     */
    @Test
    public void aMafKeyRegisteredBeforeKillMinus9IsRetrievedAfterTheProcessRestarts() throws Exception {
        int mafPort = distribution.mafPort();
        Credential source = demoCredential("source");
        Credential target = demoCredential("target");
        Credential other = demoCredential("other");
        MafClientFactory clients = MafClientBuilder.create().buildFactory();
        warmUp(clients, source);

        Process first = distribution.launch();
        MafClient sourceClient = clients.create(source.config(mafPort));
        ClientRegistrationInfo sourceRegistration = firstMafRequest("MAF Client Registration of " + source.clientId, first,
                () -> sourceClient.register(SP, Instant.now().plus(Duration.ofHours(12)), List.of("it")));
        assertEquals(source.clientId, sourceRegistration.clientId);
        MafClient targetClient = clients.create(target.config(mafPort));
        MafClient otherClient = clients.create(other.config(mafPort));
        targetClient.register(SP, Instant.now().plus(Duration.ofHours(12)), List.of("it"));
        otherClient.register(SP, Instant.now().plus(Duration.ofHours(12)), List.of("it"));

        MafKey registered = sourceClient.registerKey(KeyRegistrationRequest.exported(SP, Instant.now().plus(Duration.ofMinutes(30)),
                SUID_MAF_SAEF, List.of(target.clientId), List.of("it")));
        assertEquals(registered.relativeKeyId + "@" + MAF, registered.keyIdentifier);
        assertEquals(List.of(target.clientId), registered.targetIds);
        MafKey retrieved = targetClient.retrieveKey(registered.keyIdentifier);
        assertArrayEquals("the Target holds the Source's key value", registered.value(), retrieved.value());
        assertEquals(source.clientId, retrieved.sourceClientId);
        assertRefused("Other is not the key's target", 4103, () -> otherClient.retrieveKey(registered.keyIdentifier));

        distribution.killMinus9(first); // right after the answers

        Process second = distribution.launch();
        MafClient freshTarget = clients.create(target.config(mafPort));
        assertFalse("a new MafClient holds no key", freshTarget.heldKey(registered.keyIdentifier).isPresent());
        MafKey afterRestart = firstMafRequest("Key Retrieval by a new " + target.clientId, second,
                () -> freshTarget.retrieveKey(registered.keyIdentifier));
        assertArrayEquals("the key value survived kill -9 and a new process", registered.value(), afterRestart.value());
        assertEquals(source.clientId, afterRestart.sourceClientId);
        assertEquals(SUID_MAF_SAEF, afterRestart.suid);

        clients.create(source.config(mafPort)).deregisterKey(registered.relativeKeyId);
        assertRefused("the de-registered key is gone", 4004,
                () -> clients.create(target.config(mafPort)).retrieveKey(registered.keyIdentifier));
        assertTrue("the MAF of the second launch opened the registry with the key in it",
                distribution.output().contains("holds 3 client and 1 key registration(s)"));
    }

    /**
     * Repeats {@code procedure} until the MAF answers it with success and prints how long after the start command
     * that was. Until the MAF listens with its PSK clients and stakeholder configured, the attempts fail (no
     * connection, unknown psk_identity, a refusal); a failed attempt registers nothing.
     */
    private <T> T firstMafRequest(String what, Process p, MafProcedure<T> procedure) throws InterruptedException {
        Instant deadline = distribution.launchedAt().plus(DistributionProcess.STARTUP_TIMEOUT);
        String last = "no attempt";
        int attempts = 0;
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) fail("bin/onem2m-tef exited with " + p.exitValue() + " before the MAF answered; last: " + last);
            attempts++;
            try {
                T answer = procedure.run();
                long millis = Duration.between(distribution.launchedAt(), Instant.now()).toMillis();
                System.out.println("MAF first request served " + millis + " ms after start (launch " + distribution.launches() + ", "
                        + what + ", attempt " + attempts + ", " + distribution.testName() + ")");
                return answer;
            } catch (MafException e) {
                last = "rsc " + e.rsc() + ": " + e.getMessage();
            }
            Thread.sleep(MAF_POLL_MILLIS);
        }
        fail("the MAF on 127.0.0.1:" + distribution.mafPort() + " did not serve " + what + " within "
                + DistributionProcess.STARTUP_TIMEOUT + "; last: " + last);
        return null;
    }

    /**
     * Loads this JVM's client side (MAF Client, Bouncy Castle TLS, Gson) before the launch, so the measured time is the
     * distribution's: one attempt against the MAF port while nothing listens there yet.
     */
    private void warmUp(MafClientFactory clients, Credential credential) {
        try {
            clients.create(credential.config(distribution.mafPort())).retrieveKey("warm-up@" + MAF);
            fail("something answers on the MAF port " + distribution.mafPort() + " before the distribution was started");
        } catch (MafException expected) {
            assertEquals("no answer, nothing listens yet: " + expected.getMessage(), 0, expected.rsc());
        }
    }

    private interface MafProcedure<T> {
        T run() throws MafException;
    }

    private static void assertRefused(String why, int rsc, MafProcedure<?> procedure) {
        try {
            procedure.run();
            fail(why + ": expected MafException " + rsc + ", but the procedure succeeded");
        } catch (MafException e) {
            assertEquals(why + ": " + e.getMessage(), rsc, e.rsc());
        }
    }

    /** A demo PSK client as the distribution ships it: etc/org.example.maf.psk-&lt;name&gt;.cfg. */
    private static Credential demoCredential(String name) throws IOException {
        Path file = DistributionProcess.HOME.resolve("etc/org.example.maf.psk-" + name + ".cfg");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (String key : List.of("kmId", "km", "clientId")) {
            if (p.getProperty(key, "").isBlank()) throw new AssertionError(file + " has no " + key);
        }
        return new Credential(p.getProperty("clientId").trim(), p.getProperty("kmId").trim(), HexFormat.of().parseHex(p.getProperty("km").trim()));
    }

    private static final class Credential {
        final String clientId;
        final String kmId;
        final byte[] km;

        Credential(String clientId, String kmId, byte[] km) {
            this.clientId = clientId;
            this.kmId = kmId;
            this.km = km;
        }

        MafClientConfig config(int port) {
            return MafClientConfig.withPsk(MAF, "127.0.0.1", port, clientId, kmId, km);
        }
    }
}
