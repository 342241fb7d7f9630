package org.example.mef.impl.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;
import org.example.mef.api.MefException;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.Hex;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsServerConfig;
import org.example.tef.api.standalone.TefStandalone;
import org.example.tef.api.wire.PrimitiveTransport;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonParser;

/**
 * The client side of 8.3.9.2 step 5 against a MEF that answers Command Retrieves and Updates from a script, after a
 * real TLS-PSK MEF Handshake: the cases a correct MEF does not produce (a repeated cmdID, a reissued command the
 * client already reported, a URI of another FQDN, a class or arguments the client cannot read).
 */
public class MefClientCommandsTest {
    static final String MEF = "mef.example.com";
    static final String CLIENT = "//sp.example.com/cse-a";
    static final String KPM_ID = "kpm-cse-a@mef.example.com";
    static final byte[] KPM = Hex.decode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    static final String REG = "mfr-1";
    static final String NO_MORE = cmd("0", 10, "{\"cmdClassID\":0,\"cmdArgs\":{\"noMoreCmdArgs\":{\"retryDuration\":\"PT1H\"}}}");

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    private final SecureChannels channels = TefStandalone.secureChannels();
    private final PrimitiveTransport transport = TefStandalone.primitiveTransport();
    /** The answers to come, in order; NO_MORE_COMMANDS once they are used up. */
    private final Deque<String> script = new ConcurrentLinkedDeque<>();
    /** The reports received, as "cmdID:cmdStatusCode". */
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final AtomicInteger executions = new AtomicInteger();
    private volatile int executorAnswer = 20;
    private SecureChannels.Server mef;
    private final List<MefClient> clients = new ArrayList<>();

    private final MefCommandExecutor devCfg = new MefCommandExecutor() {
        @Override public int cmdClassId() { return 2; }
        @Override public int execute(MefCommand c) {
            executions.incrementAndGet();
            if (executorAnswer < 0) throw new IllegalStateException("the DM client failed");
            return executorAnswer;
        }
    };

    static String cmd(String id, int status, String description) {
        return "{\"sec:mefClientCmd\":{\"cmdID\":\"" + id + "\",\"cmdDescription\":" + description + ",\"cmdStatusCode\":" + status + "}}";
    }

    static String devCfg(String id, int status, String uri) {
        return cmd(id, status, "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"1:" + uri + "\"}}}");
    }

    @Before
    public void startAScriptedMef() throws IOException {
        PskCredential kpm = new PskCredential(KPM_ID, KPM, CLIENT);
        mef = ScriptedMef.listen(channels, transport, MEF, kpm, script, NO_MORE, reports);
    }

    @After
    public void stop() throws IOException {
        clients.forEach(MefClient::close);
        mef.close();
    }

    private MefClient client(Path state) {
        MefClient c = MefClientBuilder.create().commandExecutor(devCfg)
                .build(MefClientConfig.withPsk(MEF, "127.0.0.1", mef.address().getPort(), CLIENT, KPM_ID, KPM).withStateFile(state));
        clients.add(c);
        return c;
    }

    @Test
    public void aRepeatedCmdIdIsReported_8_3_9_2_5b() throws Exception {
        script.add(devCfg("7", 10, "https://" + MEF + "/dm"));
        script.add(devCfg("7", 10, "https://" + MEF + "/dm")); // the Update's answer issues the same cmdID again
        assertEquals(Duration.ofHours(1), client(null).processCommands(REG));
        assertEquals(List.of("7:20", "7:40"), reports);
        assertEquals("executed once", 1, executions.get());
    }

    @Test
    public void theCallerIsToldEachCommandAndItsStatusBeforeTheReport() throws Exception {
        script.add(devCfg("7", 10, "https://" + MEF + "/dm"));
        script.add(cmd("8", 10, "{\"cmdClassID\":9,\"cmdArgs\":{\"futureCmdArgs\":{}}}"));
        List<String> told = new ArrayList<>();
        assertEquals(Duration.ofHours(1), client(null).processCommands(REG, (c, status) -> told.add(c.cmdId() + ":" + c.cmdClassId() + ":" + status
                + ":" + reports.size())));
        assertEquals("told before each report was sent", List.of("7:2:20:0", "8:9:41:1"), told);
        assertEquals(List.of("7:20", "8:41"), reports);
        assertEquals(Optional.of("MEF_CLIENT_CMD_CLASS_NOT_SUPPORTED"), MefCommand.statusName(41));
        assertEquals(Optional.of("DEV_CFG"), MefCommand.className(2));
        assertEquals(Optional.empty(), MefCommand.className(9));
    }

    @Test
    public void aReissuedCommandAlreadyReportedIsReportedAgainNotExecuted_8_3_9_5_3() throws Exception {
        script.add(devCfg("7", 10, "https://" + MEF + "/dm"));
        script.add(devCfg("7", 11, "https://" + MEF + "/dm")); // the MEF did not get the report
        client(null).processCommands(REG);
        assertEquals(List.of("7:20", "7:20"), reports);
        assertEquals(1, executions.get());
    }

    @Test
    public void theLastReportedCmdIdSurvivesARestart_8_3_9_2_5b() throws Exception {
        Path state = folder.getRoot().toPath().resolve("client.mv.db");
        MefClient before = client(state);
        script.add(devCfg("7", 10, "https://" + MEF + "/dm"));
        before.processCommands(REG);
        before.close();
        script.add(devCfg("7", 10, "https://" + MEF + "/dm"));
        client(state).processCommands(REG);
        assertEquals(List.of("7:20", "7:40"), reports);
    }

    @Test
    public void aDevCfgUriOfAnotherFqdnIsUnacceptable_8_3_9_8() throws Exception {
        script.add(devCfg("3", 10, "https://dm.elsewhere.example.com/dm"));
        client(null).processCommands(REG);
        assertEquals(List.of("3:43"), reports);
        assertEquals(0, executions.get());
    }

    @Test
    public void anUnknownClassIsNotSupported_8_3_9_2_5c() throws Exception {
        script.add(cmd("4", 10, "{\"cmdClassID\":9,\"cmdArgs\":{\"futureCmdArgs\":{}}}"));
        client(null).processCommands(REG);
        assertEquals(List.of("4:41"), reports);
    }

    @Test
    public void argumentsThatDoNotParseAreBadArguments_8_3_9_6_3() throws Exception {
        script.add(cmd("5", 10, "{\"cmdClassID\":2,\"cmdArgs\":{\"devCfgCmdArgs\":{\"deviceConfigURI\":\"no uri\"}}}"));
        client(null).processCommands(REG);
        assertEquals(List.of("5:42"), reports);
        assertEquals(0, executions.get());
    }

    @Test
    public void aFailingExecutorIsAClientError_8_3_9_8() throws Exception {
        executorAnswer = -1;
        script.add(devCfg("6", 10, "https://" + MEF + "/dm"));
        client(null).processCommands(REG);
        assertEquals("DEV_CFG_CLIENT_ERROR", List.of("6:202"), reports);
    }

    @Test
    public void anExecutorsErrorCodeIsReported_8_3_9_8() throws Exception {
        executorAnswer = 201;
        script.add(devCfg("6", 10, "https://" + MEF + "/dm"));
        client(null).processCommands(REG);
        assertEquals("DEV_CFG_SERVER_ERROR", List.of("6:201"), reports);
    }

    @Test
    public void aCommandWithoutCmdIdIsAnAnswerNotUnderstood_8_3_9_2_5a() {
        script.add("{\"sec:mefClientCmd\":{\"cmdDescription\":{\"cmdClassID\":0},\"cmdStatusCode\":10}}");
        MefException e = assertThrows(MefException.class, () -> client(null).processCommands(REG));
        assertEquals(5000, e.rsc());
        assertTrue(e.getMessage(), e.getMessage().contains("MEF Client Command Retrieve (TS-0003 8.3.9.2)"));
        assertTrue(reports.isEmpty());
    }

    @Test
    public void anExecutorServiceRegisteredAfterTheClientWasMadeServesIt_8_3_9_2_5d() throws Exception {
        MefClientFactoryComponent factory = new MefClientFactoryComponent(channels, transport);
        MefClient client = factory.create(MefClientConfig.withPsk(MEF, "127.0.0.1", mef.address().getPort(), CLIENT, KPM_ID, KPM));
        clients.add(client);
        script.add(devCfg("1", 10, "https://" + MEF + "/dm"));
        client.processCommands(REG);
        assertEquals("no executor yet: the protocol is unacceptable", List.of("1:43"), reports);

        factory.addExecutor(devCfg);
        script.add(devCfg("2", 10, "https://" + MEF + "/dm"));
        client.processCommands(REG);
        assertEquals(List.of("1:43", "2:20"), reports);
        factory.removeExecutor(devCfg);
        factory.deactivate();
    }
}
