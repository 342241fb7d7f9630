package org.example.maf.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.KeyRegistrationUpdate;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientBuilder;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.maf.api.MafException;
import org.example.tef.cli.ClientCommand;
import org.example.tef.cli.ClientTool;
import org.example.tef.cli.Printer;
import org.example.tef.cli.Procedures;
import org.example.tef.cli.SharedCommands;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.KeyRequest;
import org.example.tef.client.KeyUpdate;
import org.example.tef.client.Registration;

/**
 * The MAF Client from a shell ({@code bin/maf-client} of the distribution): one procedure of TS-0003 8.8.2 per
 * invocation, as the MAF Client identified by a pre-provisioned Km/KmID. It runs the same MafClient the OSGi service
 * hands out, on a plain class path (no framework), built through the exported {@link MafClientBuilder}, so that the
 * README walkthrough and operators can exercise a MAF without writing Java. The parser, the output and the error
 * handling are {@code mef-client}'s too ({@link ClientCommand}); this class names the MAF's options and maps the MAF
 * Client's types to tef's shared ones.
 */
public final class MafClientCommand {
    static final ClientTool<MafClient> TOOL = new ClientTool<MafClient>("maf-client", "MAF", "8.8.2", "maf.example.com", "ONEM2M_MAF_PORT", 8443)
            .psk("--kmid", "KmID", "the pre-provisioned KmID, e.g. source-km@maf.example.com (TLS psk_identity)",
                    "--km", "the pre-provisioned Km (TLS PSK), hex or base64:...", "//sp.example.com/cse-source")
            .commands(SharedCommands.of("maf-client", MafProcedures::new));

    private final ClientCommand<MafClient> command;

    MafClientCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.command = new ClientCommand<>(TOOL, out, err, environment);
    }

    public static void main(String[] args) {
        System.exit(new MafClientCommand(System.out, System.err, System.getenv()).run(args, MafClientBuilder.create().buildFactory()));
    }

    int run(String[] args, MafClientFactory factory) {
        return command.run(args, in -> factory.create(MafClientConfig.withPsk(in.fqdn, in.host, in.port, in.clientId, in.pskIdentity, in.psk())));
    }

    static String fingerprint(byte[] value) { return Printer.fingerprint(value); }

    /** The MAF Client's procedures in tef's shared types; the MAF API keeps its own types, which carry the same fields. */
    private static final class MafProcedures implements Procedures {
        private final MafClient client;

        MafProcedures(MafClient client) { this.client = client; }

        @Override
        public Registration register(String adminFqdn, Instant proposedExpiration, List<String> labels) throws MafException {
            return registration(client.register(adminFqdn, proposedExpiration, labels));
        }

        @Override
        public String retrieveConfiguration(String registrationId) throws MafException { return client.retrieveConfiguration(registrationId); }

        @Override
        public Registration updateRegistration(String registrationId, Instant proposedExpiration, List<String> labels) throws MafException {
            return registration(client.updateRegistration(registrationId, proposedExpiration, labels));
        }

        @Override
        public void deregister(String registrationId) throws MafException { client.deregister(registrationId); }

        @Override
        public DistributedKey registerKey(KeyRequest r) throws MafException {
            byte[] value = r.keyValue();
            return client.registerKey(value == null ? KeyRegistrationRequest.exported(r.adminFqdn, r.expirationTime, r.suid, r.targetIds, r.labels)
                    : KeyRegistrationRequest.selfGenerated(r.adminFqdn, r.expirationTime, r.suid, r.targetIds, r.labels, value));
        }

        @Override
        public DistributedKey retrieveKey(String keyIdentifier) throws MafException { return client.retrieveKey(keyIdentifier); }

        @Override
        public KeyUpdate updateKey(String relativeKeyId, Instant proposedExpiration, List<String> labels, List<String> targetIds) throws MafException {
            KeyRegistrationUpdate u = client.updateKey(relativeKeyId, proposedExpiration, labels, targetIds);
            return new KeyUpdate(u.keyIdentifier, u.relativeKeyId, u.expirationTime().orElse(null), u.labels().orElse(null),
                    u.targetIds().orElse(null), u.heldKey().orElse(null)); // a MafKey is tef's DistributedKey
        }

        @Override
        public void deregisterKey(String relativeKeyId) throws MafException { client.deregisterKey(relativeKeyId); }

        private static Registration registration(ClientRegistrationInfo r) {
            return new Registration(r.registrationId, r.labels, r.expirationTime, r.clientId, r.adminFqdn);
        }
    }
}
