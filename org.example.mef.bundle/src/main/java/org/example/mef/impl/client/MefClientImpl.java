package org.example.mef.impl.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;
import org.example.mef.api.MefException;
import org.example.mef.api.ProvisionedCertificate;
import org.example.mef.impl.client.ClientState.Report;
import org.example.mef.impl.commands.CommandStatus;
import org.example.mef.impl.commands.CommandWireNames;
import org.example.mef.impl.protocol.MefFunction;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.KeyExport;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.channel.TlsClientConfig;
import org.example.tef.api.wire.PrimitiveTransport;
import org.example.tef.client.Answer;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.KeyUpdate;
import org.example.tef.client.Procedure;
import org.example.tef.client.Registration;
import org.example.tef.client.TefClient;
import org.example.tef.client.TefClientBuilder;
import org.example.tef.core.Content;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * One MEF Client: tef's shared client ({@link TefClient}) with the MEF's names ({@link MefFunction#DEFINITION}) for
 * the eight procedures of 8.3.5.2, the MEF's own Enrolment Key (10.3.1: the registration's session exports
 * {@code EXPORTER-oneM2M-Bootstrap}, as the MEF does for every handshake of an Enrolee), the MEF Client Command
 * procedures (8.3.9.2, 8.3.9.3) and their loop ({@link CommandDispatch}), and the durable {@link ClientState}.
 */
final class MefClientImpl implements MefClient {
    /** A run of commands longer than this is a MEF that never says NO_MORE_COMMANDS; the loop stops rather than spin. */
    static final int MAX_COMMANDS_PER_RUN = 1000;
    private static final Procedure COMMAND_RETRIEVE = Procedure.of("MEF Client Command Retrieve", "8.3.9.2", Operation.RETRIEVE, ResponseStatusCode.OK);
    private static final Procedure COMMAND_UPDATE = Procedure.of("MEF Client Command Update", "8.3.9.3", Operation.UPDATE, ResponseStatusCode.UPDATED);

    private final MefClientConfig config;
    private final ClientState state;
    private final TefClient<MefException> client;
    private final CommandDispatch dispatch;
    private final Runnable onClose;
    /** Null unless {@link MefClientConfig#automaticCommands}. */
    private final CommandSchedule schedule;
    /** Null unless {@link MefClientConfig#certificateDirectory}: CERT_PROV by EST (8.3.9.7) and the certificates' renewal. */
    private final ClientCertificates certificates;
    /**
     * One command conversation per registration at a time: a second one could retrieve the command the first is
     * executing, see it REISSUED and execute it again (8.3.9.1: the cmdID is there so that a command is not executed
     * twice; 8.3.9.2 pre-condition C: no Retrieve between receiving a command and reporting on it).
     */
    private final Map<String, ReentrantLock> conversations = new ConcurrentHashMap<>();
    private final Logger log = LoggerFactory.getLogger(MefClientImpl.class);

    /** @param onClose told once this client is closed (its factory forgets it) */
    MefClientImpl(MefClientConfig config, SecureChannels channels, PrimitiveTransport transport, CommandExecutors executors, Clock clock,
                  Runnable onClose) {
        this.config = config;
        this.onClose = onClose;
        // before the state file, so that a directory that cannot be made leaves no file locked
        this.certificates = config.certificateDirectory == null ? null : new ClientCertificates(config, channels, transport, clock,
                CommandSchedule.Timer.ofThread("mef-client-certificates " + config.clientId), log);
        this.state = ClientState.open(config.stateFile);
        TlsClientConfig tls = TlsClientConfig.builder(config.host, config.port, config.mefFqdn).psk(config.kpm)
                .exporterLabels(List.of(KeyExport.BOOTSTRAP_LABEL, KeyExport.CONNECTION_LABEL)).build();
        TefClientBuilder<MefException> builder = TefClient.builder(MefFunction.DEFINITION, config.clientId, tls, MefException::new);
        // 8.3.5.2.2: a certificate-based MEF Handshake with the certificate the MEF provisioned, while the client holds one
        if (config.certificateHandshake && certificates != null) builder.tlsSource(new CertificateHandshake(tls, certificates, config.clientId, log));
        if (config.certificateHandshake && certificates == null) log.warn("MEF Client {}: certificateHandshake without a certificate directory:"
                + " it is provisioned no certificate, so its MEF sessions use the Kpm", config.clientId);
        this.client = builder.sessionIdleTimeout(config.sessionIdleTimeout).clock(clock).heldKeys(state).logCategory(MefClientImpl.class.getName())
                // the childResource reference to a waiting <mefClientCmd> (8.3.4.6): the caller retrieves the command after
                // every registration anyway, so it is accepted and not kept
                .registrationAnswerExtras(java.util.Set.of("ch"))
                .build(channels, transport);
        List<MefCommandExecutor> own = new ArrayList<>(config.commandExecutors); // the caller's own first, then EST
        if (certificates != null) own.add(new CertProvExecutor(certificates, config.certificateSubjectTypes, log));
        this.dispatch = new CommandDispatch(config.mefFqdn, executors.withOwn(own), log);
        log.info("MEF Client {} of MEF {}: state in {}, {} registration(s){}", config.clientId, config.mefFqdn, state.location(),
                state.registrations().size(), state.enrolmentKey().map(k -> ", Enrolment Key " + k.keId()).orElse(""));
        this.schedule = config.automaticCommands
                ? new CommandSchedule(this::processCommands, CommandSchedule.Timer.ofThread("mef-client-commands " + config.clientId), log) : null;
        if (schedule != null) state.registrations().forEach(r -> schedule.registered(r.registrationId));
        if (certificates != null) certificates.start();
    }

    @Override public String mefFqdn() { return config.mefFqdn; }
    @Override public String clientId() { return config.clientId; }

    @Override
    public Registration register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws MefException {
        Registration r = client.register(adminFqdn, proposedExpiration, labels, KeyExport.BOOTSTRAP_LABEL);
        byte[] export = r.sessionExport().orElseThrow();
        try {
            // the Ke the MEF stored for this session's handshake (EnrolmentSessions on the server side)
            EnrolmentKey ke = EnrolmentKey.fromBootstrapExport(export, config.mefFqdn);
            state.putRegistration(r); // the records keep its five fields, not the session's export
            state.putEnrolmentKey(ke);
            log.info("registered as {} with MEF {}; Enrolment Key {}", r.registrationId, config.mefFqdn, ke.keId());
        } finally {
            java.util.Arrays.fill(export, (byte) 0);
        }
        if (schedule != null) schedule.registered(r.registrationId);
        return r;
    }

    @Override
    public String retrieveConfiguration(String registrationId) throws MefException { return client.retrieveConfiguration(registrationId); }

    @Override
    public Registration updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws MefException {
        Registration u = client.updateRegistration(registrationId, proposedExpiration, labels);
        // the answer holds only what was asked (8.3.5.2.5): the kept registration keeps the rest
        state.registration(registrationId).ifPresent(before -> state.putRegistration(new Registration(registrationId,
                labels != null ? u.labels : before.labels, u.expirationTime != null ? u.expirationTime : before.expirationTime,
                before.clientId, before.adminFqdn)));
        if (schedule != null) schedule.registered(registrationId);
        return u;
    }

    @Override
    public void deregister(String registrationId) throws MefException {
        client.deregister(registrationId);
        state.removeRegistration(registrationId);
        if (schedule != null) schedule.deregistered(registrationId);
    }

    @Override public List<Registration> registrations() { return state.registrations(); }
    @Override public Optional<EnrolmentKey> enrolmentKey() { return state.enrolmentKey(); }
    @Override public DistributedKey registerKey(KeyRequest request) throws MefException { return interacted(client.registerKey(request)); }
    @Override public DistributedKey retrieveKey(String keyIdentifier) throws MefException { return interacted(client.retrieveKey(keyIdentifier)); }

    @Override
    public KeyUpdate updateKey(String relativeKeyId, Instant proposedExpiration, List<String> labels, List<String> targetIds) throws MefException {
        return interacted(client.updateKey(relativeKeyId, proposedExpiration, labels, targetIds));
    }

    @Override public void deregisterKey(String relativeKeyId) throws MefException { client.deregisterKey(relativeKeyId); interacted(null); }

    /** A successful interaction with the MEF postpones a waiting retrieve (8.3.4.6); returns {@code result}. */
    private <T> T interacted(T result) {
        if (schedule != null) schedule.interacted();
        return result;
    }
    @Override public Optional<DistributedKey> heldKey(String keyIdentifier) { return client.heldKey(keyIdentifier); }
    @Override public List<ProvisionedCertificate> provisionedCertificates() { return certificates == null ? List.of() : certificates.held(); }
    @Override public List<DistributedKey> heldKeys() { return state.keys(); }

    @Override
    public MefCommand retrieveCommand(String registrationId) throws MefException {
        client.requireRelativeId(COMMAND_RETRIEVE, MefFunction.CLIENT_REG_ID, registrationId);
        ReentrantLock conversation = conversation(registrationId);
        conversation.lock();
        try {
            return read(client.exchange(COMMAND_RETRIEVE, MefFunction.command(config.mefFqdn, registrationId), null));
        } finally {
            conversation.unlock();
        }
    }

    private ReentrantLock conversation(String registrationId) {
        return conversations.computeIfAbsent(registrationId, id -> new ReentrantLock());
    }

    @Override
    public MefCommand reportCommand(String registrationId, String cmdId, int statusCode) throws MefException {
        client.requireRelativeId(COMMAND_UPDATE, MefFunction.CLIENT_REG_ID, registrationId);
        CommandStatus status;
        try {
            status = CommandStatus.of(statusCode);
        } catch (IllegalArgumentException e) {
            throw new MefException(ResponseStatusCode.BAD_REQUEST.code(), COMMAND_UPDATE + ": " + e.getMessage() + "; nothing was sent");
        }
        if (!status.isFinal()) throw new MefException(ResponseStatusCode.BAD_REQUEST.code(), COMMAND_UPDATE + ": " + status.specName()
                + " is assigned by the MEF, not reported by a MEF Client (table 8.3.9.5.1-1); nothing was sent");
        if (cmdId == null || cmdId.isBlank()) throw new MefException(ResponseStatusCode.BAD_REQUEST.code(), COMMAND_UPDATE + ": no cmdID; nothing was sent");
        // recorded before it is sent: "the cmdID sent in the most recent Update" (8.3.9.2 step 5b), also after a restart
        state.putLastReport(registrationId, new Report(cmdId, statusCode));
        JsonObject body = new JsonObject();
        body.addProperty(CommandWireNames.CMD_ID, cmdId);
        body.addProperty(CommandWireNames.CMD_STATUS_CODE, statusCode);
        log.info("reporting MEF Client Command {} of {}: {}", cmdId, registrationId, status.specName());
        ReentrantLock conversation = conversation(registrationId);
        conversation.lock();
        try {
            return read(client.exchange(COMMAND_UPDATE, MefFunction.command(config.mefFqdn, registrationId), Content.wrap(MefFunction.CLIENT_CMD, body)));
        } finally {
            conversation.unlock();
        }
    }

    private static ReceivedCommand read(Answer<MefException> answer) throws MefException {
        String json = answer.object(MefFunction.CLIENT_CMD);
        try {
            return ReceivedCommand.parse(json);
        } catch (RuntimeException e) {
            // 8.3.9.2 step 5a: the client may exit the procedure; it does, with the reason
            throw answer.notUnderstood(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public Duration processCommands(String registrationId) throws MefException {
        return processCommands(registrationId, (command, statusCode) -> { });
    }

    @Override
    public Duration processCommands(String registrationId, CommandReports reports) throws MefException {
        java.util.Objects.requireNonNull(reports, "reports");
        ReentrantLock conversation = conversation(registrationId);
        conversation.lock();
        try {
            Duration next = converse(registrationId, reports);
            if (schedule != null) schedule.processed(registrationId, next);
            return next;
        } catch (CommandDispatch.Interrupted stopping) {
            throw new MefException(0, stopping.getMessage(), stopping);
        } finally {
            conversation.unlock();
        }
    }

    /** The loop of 8.3.9.2 step 5, under the registration's conversation lock. */
    private Duration converse(String registrationId, CommandReports reports) throws MefException {
        ReceivedCommand command = (ReceivedCommand) retrieveCommand(registrationId);
        for (int i = 0; i < MAX_COMMANDS_PER_RUN; i++) {
            CommandDispatch.Outcome outcome = dispatch.dispatch(command, state.lastReport(registrationId));
            if (outcome.retryDuration() != null) {
                log.debug("MEF {} has no more commands for {}; retrieve again in {}", config.mefFqdn, registrationId, outcome.retryDuration());
                return outcome.retryDuration();
            }
            reports.reporting(command, outcome.report().code());
            command = (ReceivedCommand) reportCommand(registrationId, command.cmdId(), outcome.report().code());
        }
        throw new MefException(ResponseStatusCode.INTERNAL_SERVER_ERROR.code(), "MEF " + config.mefFqdn + " issued " + MAX_COMMANDS_PER_RUN
                + " commands for " + registrationId + " without NO_MORE_COMMANDS (TS-0003 8.3.9.6); stopped");
    }

    /**
     * Stops the automatic retrieves, waiting (bounded) for one in progress, whose executor is interrupted and whose
     * command is then neither recorded nor reported; then closes the sessions and the state file.
     */
    @Override
    public void close() {
        if (certificates != null) certificates.close();
        if (schedule != null) schedule.close();
        try {
            client.close();
        } finally {
            try {
                state.close();
            } finally {
                onClose.run();
            }
        }
    }
}
