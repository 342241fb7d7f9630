package org.example.mef.impl.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;
import org.example.mef.api.MefServer;
import org.example.mef.api.MefServerBuilder;
import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.core.Stakeholder;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * One command conversation per registration at a time (TS-0003 8.3.9.1: a command is not executed twice; 8.3.9.2
 * pre-condition C), and a client stopped while an executor runs neither records nor reports that command.
 */
public class MefClientConversationTest {
    private static final String MEF = "mef.example.com";
    private static final String DEVICE = "//sp.example.com/device";
    private static final String DEV_CFG = "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:https://mef.example.com/dm\"}}}";
    private static final byte[] KPM = Hex.decode("303132333435363738393a3b3c3d3e3f");

    private MefServer mef;
    private final AtomicInteger executions = new AtomicInteger();
    private final CountDownLatch executing = new CountDownLatch(1);
    private volatile long executorMillis = 300;
    private final MefCommandExecutor slowDevCfg = new MefCommandExecutor() {
        @Override public int cmdClassId() { return 2; }
        @Override public int execute(MefCommand c) throws InterruptedException {
            executions.incrementAndGet();
            executing.countDown();
            Thread.sleep(executorMillis);
            return 20;
        }
    };

    @Before
    public void startAMef() throws Exception {
        mef = MefServerBuilder.create(MEF).port(0)
                .stakeholder(new Stakeholder("sp.example.com", Set.of(DEVICE), Duration.ofDays(1), Duration.ofHours(1), null))
                .pskClient(new PskCredential("device-kpm@" + MEF, KPM, DEVICE)).start();
    }

    @After
    public void stop() throws Exception { mef.close(); }

    private MefClientConfig config() {
        return MefClientConfig.withPsk(MEF, "127.0.0.1", mef.address().getPort(), DEVICE, "device-kpm@" + MEF, KPM);
    }

    @Test
    public void twoCallersProcessingOneRegistrationExecuteItsCommandOnce_8_3_9_1() throws Exception {
        try (MefClient client = MefClientBuilder.create().commandExecutor(slowDevCfg).build(config())) {
            String reg = client.register("sp.example.com", Instant.now().plus(Duration.ofHours(1)), List.of()).registrationId;
            mef.enqueue(reg, DEV_CFG);
            ExecutorService callers = Executors.newFixedThreadPool(2);
            try {
                Future<Duration> a = callers.submit(() -> client.processCommands(reg));
                Future<Duration> b = callers.submit(() -> client.processCommands(reg));
                a.get(20, TimeUnit.SECONDS);
                b.get(20, TimeUnit.SECONDS);
            } finally {
                callers.shutdownNow();
            }
            assertEquals("the second conversation waited for the first and found NO_MORE_COMMANDS", 1, executions.get());
            assertTrue(mef.commands(reg).get(0), mef.commands(reg).get(0).contains("\"status\":\"OK\""));
        }
    }

    @Test
    public void aClientStoppedWhileExecutingNeitherRecordsNorReportsTheCommand_8_3_9_5_3() throws Exception {
        executorMillis = 60_000; // stopped long before this
        mef.enqueueForClient(DEVICE, DEV_CFG); // waits for the registration, whose automatic retrieve hands it out
        MefClient client = MefClientBuilder.create().commandExecutor(slowDevCfg).build(config().withAutomaticCommands());
        String reg = client.register("sp.example.com", Instant.now().plus(Duration.ofHours(1)), List.of()).registrationId;
        assertTrue("the automatic retrieve started the executor", executing.await(10, TimeUnit.SECONDS));
        long before = System.nanoTime();
        client.close();
        assertTrue("close waited at most its bound", System.nanoTime() - before < TimeUnit.SECONDS.toNanos(15));
        String status = mef.commands(reg).get(0);
        assertTrue("issued, not reported: the MEF hands it out again (REISSUED) to the next run: " + status,
                status.contains("\"status\":\"ISSUED\"") || status.contains("\"status\":\"REISSUED\""));
    }
}
