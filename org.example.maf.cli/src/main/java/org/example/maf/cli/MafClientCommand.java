package org.example.maf.cli;

import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.example.maf.api.ClientRegistrationInfo;
import org.example.maf.api.KeyRegistrationRequest;
import org.example.maf.api.MafClient;
import org.example.maf.api.MafClientBuilder;
import org.example.maf.api.MafClientConfig;
import org.example.maf.api.MafClientFactory;
import org.example.maf.api.MafException;
import org.example.maf.api.MafKey;
import org.example.tef.api.Hex;

/**
 * The MAF Client from a shell ({@code bin/maf-client} of the distribution): one procedure of TS-0003 8.8.2 per
 * invocation, as the MAF Client identified by a pre-provisioned Km/KmID. It runs the same MafClient the OSGi service
 * hands out, on a plain class path (no framework), built
 * through the exported {@link MafClientBuilder}, so that the README walkthrough and operators can exercise a MAF
 * without writing Java.
 *
 * <p>Key values are printed only with {@code --show-key}; otherwise a short SHA-256 fingerprint lets a Source and a
 * Target compare their keys without revealing them.
 */
public final class MafClientCommand {
    static final String USAGE = String.join("\n",
            "usage: maf-client --client-id ID --kmid KmID --km HEX [options] COMMAND [ARGS]",
            "",
            "Runs one MAF procedure (TS-0003 8.8.2) in a TLS 1.2 PSK session of its own.",
            "",
            "options:",
            "  --client-id ID     this MAF Client's absolute CSE-ID or AE-ID, e.g. //sp.example.com/cse-source",
            "  --kmid KmID        the pre-provisioned KmID, e.g. source-km@maf.example.com (TLS psk_identity)",
            "  --km HEX           the pre-provisioned Km (TLS PSK), hex or base64:...",
            "  --maf-fqdn FQDN    the MAF-FQDN, sent as SNI (default maf.example.com)",
            "  --host HOST        where the MAF listens (default 127.0.0.1)",
            "  --port PORT        its TLS port (default $ONEM2M_MAF_PORT, else 8443)",
            "  --show-key         print key values in hex (default: a SHA-256 fingerprint only)",
            "",
            "commands:",
            "  register ADMIN_FQDN [LIFETIME_SECONDS]                8.8.2.3 MAF Client Registration",
            "  config REGISTRATION_ID                                8.8.2.4 MAF Client Configuration Retrieval",
            "  deregister REGISTRATION_ID                            8.8.2.6 MAF Client De-Registration",
            "  register-key ADMIN_FQDN SUID TARGET_ID[,TARGET_ID...] [LIFETIME_SECONDS]",
            "                                                        8.8.2.7 Key Registration (key from the TLS exporter)",
            "  retrieve-key KEY_IDENTIFIER                           8.8.2.8 Key Retrieval (RelativeKeyID@MAF-FQDN)",
            "  deregister-key RELATIVE_KEY_ID                        8.8.2.10 Key De-Registration",
            "",
            "exit status: 0 done; 1 the MAF refused or could not be reached (the oneM2M status code is printed); 2 bad usage");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    MafClientCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(new MafClientCommand(System.out, System.err, System.getenv())
                .run(args, MafClientBuilder.create().buildFactory()));
    }

    int run(String[] args, MafClientFactory factory) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args, environment);
        } catch (IllegalArgumentException e) {
            err.println("maf-client: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (invocation == null) {
            out.println(USAGE);
            return 0;
        }
        try {
            try (MafClient client = factory.create(invocation.config())) {
                execute(invocation, client);
            }
            return 0;
        } catch (MafException e) {
            err.println("maf-client: " + (e.rsc() == 0 ? "no answer" : "refused with oneM2M status " + e.rsc()) + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("maf-client: " + e.getMessage());
            return 2;
        }
    }

    private void execute(Invocation in, MafClient client) throws MafException {
        Deque<String> a = in.arguments;
        switch (in.command) {
            case "register": {
                ClientRegistrationInfo info = client.register(in.take("ADMIN_FQDN"), in.expiration(Duration.ofDays(1)), List.of("maf-client"));
                out.println("registrationID " + info.registrationId);
                out.println("clientID       " + info.clientId);
                out.println("adminFQDN      " + info.adminFqdn);
                out.println("expires        " + info.expirationTime);
                break;
            }
            case "config":
                out.println(client.retrieveConfiguration(in.take("REGISTRATION_ID")));
                break;
            case "deregister":
                client.deregister(in.take("REGISTRATION_ID"));
                out.println("de-registered");
                break;
            case "register-key": {
                String admin = in.take("ADMIN_FQDN");
                int suid = in.integer("SUID");
                List<String> targets = Arrays.asList(in.take("TARGET_ID").split(","));
                MafKey key = client.registerKey(KeyRegistrationRequest.exported(admin, in.expiration(Duration.ofHours(1)), suid, targets, List.of("maf-client")));
                print(key, in.showKey);
                break;
            }
            case "retrieve-key":
                print(client.retrieveKey(in.take("KEY_IDENTIFIER")), in.showKey);
                break;
            case "deregister-key":
                client.deregisterKey(in.take("RELATIVE_KEY_ID"));
                out.println("key de-registered");
                break;
            default:
                throw new IllegalArgumentException("unknown command '" + in.command + "'");
        }
        if (!a.isEmpty()) err.println("maf-client: ignored extra arguments " + a);
    }

    private void print(MafKey key, boolean showKey) {
        out.println("keyIdentifier  " + key.keyIdentifier);
        out.println("relativeKeyID  " + key.relativeKeyId);
        out.println("source         " + key.sourceClientId);
        out.println("targets        " + String.join(",", key.targetIds));
        out.println("SUID           " + key.suid);
        out.println("expires        " + key.expirationTime);
        out.println(showKey ? "key            " + Hex.encode(key.value()) : "key SHA-256    " + fingerprint(key.value()) + " (--show-key prints the key)");
    }

    static String fingerprint(byte[] value) {
        try {
            return Hex.encode(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(value), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The parsed command line. */
    static final class Invocation {
        String clientId;
        String kmId;
        String km;
        String mafFqdn = "maf.example.com";
        String host = "127.0.0.1";
        int port;
        boolean showKey;
        String command;
        final Deque<String> arguments = new ArrayDeque<>();

        /** Null when help was asked for. */
        static Invocation parse(String[] args, Map<String, String> environment) {
            Invocation in = new Invocation();
            String envPort = environment.get("ONEM2M_MAF_PORT");
            in.port = envPort == null || envPort.isBlank() ? 8443 : port(envPort);
            Deque<String> a = new ArrayDeque<>(Arrays.asList(args));
            while (!a.isEmpty() && a.peek().startsWith("--")) {
                String option = a.pop();
                switch (option) {
                    case "--help": return null;
                    case "--show-key": in.showKey = true; break;
                    case "--client-id": in.clientId = value(option, a); break;
                    case "--kmid": in.kmId = value(option, a); break;
                    case "--km": in.km = value(option, a); break;
                    case "--maf-fqdn": in.mafFqdn = value(option, a); break;
                    case "--host": in.host = value(option, a); break;
                    case "--port": in.port = port(value(option, a)); break;
                    default: throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (a.isEmpty()) throw new IllegalArgumentException("no command");
            if (in.clientId == null || in.kmId == null || in.km == null) throw new IllegalArgumentException("--client-id, --kmid and --km are required");
            in.command = a.pop();
            in.arguments.addAll(a);
            return in;
        }

        MafClientConfig config() {
            byte[] key = km.startsWith("base64:") ? java.util.Base64.getDecoder().decode(km.substring(7)) : Hex.decode(km);
            return MafClientConfig.withPsk(mafFqdn, host, port, clientId, kmId, key);
        }

        String take(String name) {
            if (arguments.isEmpty()) throw new IllegalArgumentException(command + ": " + name + " is missing");
            return arguments.pop();
        }

        int integer(String name) {
            String text = take(name);
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(command + ": " + name + " must be a whole number, not '" + text + "'");
            }
        }

        /** The optional LIFETIME_SECONDS argument as an expiration time; the MAF may shorten it. */
        Instant expiration(Duration otherwise) {
            Duration lifetime = arguments.isEmpty() ? otherwise : Duration.ofSeconds(integer("LIFETIME_SECONDS"));
            return Instant.now().plus(lifetime);
        }

        private static String value(String option, Deque<String> a) {
            if (a.isEmpty()) throw new IllegalArgumentException(option + " needs a value");
            return a.pop();
        }

        private static int port(String text) {
            try {
                int p = Integer.parseInt(text.trim());
                if (p < 1 || p > 65535) throw new NumberFormatException();
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port must be 1-65535, not '" + text + "'");
            }
        }
    }

}
