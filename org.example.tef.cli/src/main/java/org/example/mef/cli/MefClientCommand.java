package org.example.mef.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.mef.api.MefClient;
import org.example.mef.api.MefClientBuilder;
import org.example.mef.api.MefClientConfig;
import org.example.mef.api.MefCommandExecutor;
import org.example.mef.api.MefException;
import org.example.tef.cli.ClientCommand;
import org.example.tef.cli.ClientTool;
import org.example.tef.cli.Invocation;
import org.example.tef.cli.Procedures;
import org.example.tef.cli.SharedCommands;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.KeyUpdate;
import org.example.tef.client.Registration;

/**
 * The MEF Client from a shell ({@code bin/mef-client} of the distribution): one procedure of TS-0003 8.3.5.2 or 8.3.9
 * per invocation, as the MEF Client identified by a pre-provisioned Kpm/KpmID, built through the exported
 * {@link MefClientBuilder}. Unlike {@code maf-client}, it has state that must outlive the invocation (its registrations,
 * the Enrolment Key of its latest registration's handshake, the cmdID it last reported): it is kept in a state file,
 * by default {@code $ONEM2M_DATA/mef-client-<client ID>.mv.db}, so that {@code register} and a later {@code commands}
 * are one MEF Client. The parser, the output and the error handling are {@code maf-client}'s ({@link ClientCommand}).
 */
public final class MefClientCommand {
    static final String STATE = "--state";
    static final String EXEC = "--exec";

    static final ClientTool<MefClient> TOOL = new ClientTool<MefClient>("mef-client", "MEF", "8.3.5.2", "mef.example.com", "ONEM2M_MEF_PORT", 8444)
            .psk("--kpmid", "KpmID", "the pre-provisioned KpmID, e.g. device-kpm@mef.example.com (TLS psk_identity)",
                    "--kpm", "the pre-provisioned Kpm (TLS PSK), hex or base64:...", "//sp.example.com/cse-device")
            .option(STATE, "FILE", "the client's state: registrations, Enrolment Key, last cmdID (default $ONEM2M_DATA/mef-client-<client ID>.mv.db)")
            .option(EXEC, "CLASS=COMMAND", "execute MEF Client Commands of CLASS (dev-cfg, cert-prov, mo-node) with sh -c COMMAND: exit 0 reports OK")
            .commands(SharedCommands.of("mef-client", MefProcedures::new))
            .command(SharedCommands.register("mef-client", MefProcedures::new, MefCommands::afterRegistration))
            .commands(MefCommands.all());

    /** Makes the client (tests give a fake); the executors are those of --exec. */
    @FunctionalInterface
    interface Clients {
        MefClient open(MefClientConfig config, List<MefCommandExecutor> executors);
    }

    private final ClientCommand<MefClient> command;
    private final PrintStream err;

    MefClientCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.command = new ClientCommand<>(TOOL, out, err, environment);
        this.err = err;
    }

    /** The real client, as bin/mef-client makes it. */
    static final Clients BUILT = (config, executors) -> {
        MefClientBuilder builder = MefClientBuilder.create();
        executors.forEach(builder::commandExecutor);
        return builder.build(config);
    };

    public static void main(String[] args) {
        System.exit(new MefClientCommand(System.out, System.err, System.getenv()).run(args, BUILT));
    }

    int run(String[] args, Clients clients) {
        return command.run(args, in -> {
            List<MefCommandExecutor> executors = new ArrayList<>();
            for (String exec : in.options(EXEC)) executors.add(ShellExecutor.parse(exec, err));
            MefClientConfig config = MefClientConfig.withPsk(in.fqdn, in.host, in.port, in.clientId, in.pskIdentity, in.psk())
                    .withStateFile(stateFile(in));
            return clients.open(config, executors);
        });
    }

    /** --state, else mef-client-<client ID>.mv.db in $ONEM2M_DATA (bin/mef-client sets it as bin/onem2m-tef does), else here. */
    static Path stateFile(Invocation in) {
        String given = in.option(STATE);
        Path file;
        if (given != null) {
            file = Path.of(given);
        } else {
            String data = in.environment.get("ONEM2M_DATA");
            file = Path.of(data == null || data.isBlank() ? "." : data).resolve("mef-client-" + sanitized(in.clientId) + ".mv.db");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the directory of state file " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** "//sp.example.com/cse-device" as "sp.example.com_cse-device": a file name on every system. */
    static String sanitized(String clientId) {
        String name = clientId.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[_.]+|_+$", "");
        return name.isEmpty() ? "client" : name;
    }

    /** The MEF Client's own interface has exactly these procedures; the view only names them for {@link SharedCommands}. */
    private static final class MefProcedures implements Procedures {
        private final MefClient client;

        MefProcedures(MefClient client) { this.client = client; }

        @Override
        public Registration register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws MefException {
            return client.register(adminFqdn, proposedExpiration, labels);
        }

        @Override
        public String retrieveConfiguration(String registrationId) throws MefException { return client.retrieveConfiguration(registrationId); }

        @Override
        public Registration updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws MefException {
            return client.updateRegistration(registrationId, proposedExpiration, labels);
        }

        @Override
        public void deregister(String registrationId) throws MefException { client.deregister(registrationId); }

        @Override
        public DistributedKey registerKey(KeyRequest request) throws MefException { return client.registerKey(request); }

        @Override
        public DistributedKey retrieveKey(String keyIdentifier) throws MefException { return client.retrieveKey(keyIdentifier); }

        @Override
        public KeyUpdate updateKey(String relativeKeyId, Instant proposedExpiration, List<String> labels, List<String> targetIds) throws MefException {
            return client.updateKey(relativeKeyId, proposedExpiration, labels, targetIds);
        }

        @Override
        public void deregisterKey(String relativeKeyId) throws MefException { client.deregisterKey(relativeKeyId); }
    }
}
