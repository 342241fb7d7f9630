package org.example.tef.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.example.tef.client.KeyRequest;
import org.example.tef.client.KeyUpdate;
import org.example.tef.client.Registration;

/**
 * The commands of the eight procedures MAF and MEF Clients share (TS-0003 8.8.2.3-.10, 8.3.5.2.3-.10), written once
 * over {@link Procedures}. The key commands answer to two names, e.g. {@code register-key} as {@code maf-client} always
 * had it and {@code key-register}, so that either tool takes either spelling.
 */
public final class SharedCommands {
    private SharedCommands() {}

    /**
     * @param label the label a registration or key gets when the command line gives none (the tool's name)
     * @param view  the client's shared procedures
     */
    public static <C> List<Command<C>> of(String label, Function<C, Procedures> view) {
        List<String> labels = List.of(label);
        return List.of(
                register(label, view, (client, out, r) -> { }),
                new Command<>("config", List.of(), "REGISTRATION_ID", ".4", "{F} Client Configuration Retrieval", 1, 1, (a, in) -> {
                    String id = a.take("REGISTRATION_ID");
                    return (c, out) -> out.text(view.apply(c).retrieveConfiguration(id));
                }),
                new Command<>("update", List.of(), "REGISTRATION_ID LIFETIME_SECONDS|- [LABEL,...|-]", ".5", "{F} Client Registration Update",
                        2, 3, (a, in) -> {
                    String id = a.take("REGISTRATION_ID");
                    Instant expiration = a.expirationOrUnchanged();
                    List<String> newLabels = a.listOrUnchanged("LABELS");
                    requireSomething("update", expiration, newLabels);
                    return (c, out) -> {
                        Registration u = view.apply(c).updateRegistration(id, expiration, newLabels);
                        out.line("registrationID", id);
                        // the answer holds only what was asked for (8.8.2.5, 8.3.5.2.5)
                        if (u.expirationTime != null) out.line("expires", u.expirationTime);
                        if (newLabels != null) out.line("labels", String.join(",", u.labels));
                    };
                }),
                new Command<>("deregister", List.of(), "REGISTRATION_ID", ".6", "{F} Client De-Registration", 1, 1, (a, in) -> {
                    String id = a.take("REGISTRATION_ID");
                    return (c, out) -> {
                        view.apply(c).deregister(id);
                        out.text("de-registered");
                    };
                }),
                new Command<>("register-key", List.of("key-register"), "ADMIN_FQDN SUID TARGET_ID[,TARGET_ID...] [LIFETIME_SECONDS] [LABEL,...]",
                        ".7", "Key Registration (key from the TLS exporter)", 3, 5, (a, in) -> {
                    String admin = a.take("ADMIN_FQDN");
                    int suid = a.integer("SUID");
                    List<String> targets = a.list("TARGET_ID", List.of());
                    Instant expiration = a.expiration(Duration.ofHours(1));
                    KeyRequest request = KeyRequest.exported(admin, expiration, suid, targets, a.list("LABELS", labels));
                    return (c, out) -> out.key(view.apply(c).registerKey(request));
                }),
                new Command<>("retrieve-key", List.of("key-retrieve"), "KEY_IDENTIFIER", ".8", "Key Retrieval (RelativeKeyID@{F}-FQDN)", 1, 1, (a, in) -> {
                    String keyIdentifier = a.take("KEY_IDENTIFIER");
                    return (c, out) -> out.key(view.apply(c).retrieveKey(keyIdentifier));
                }),
                new Command<>("update-key", List.of("key-update"), "RELATIVE_KEY_ID LIFETIME_SECONDS|- [TARGET_ID,...|-] [LABEL,...|-]", ".9",
                        "Key Registration Update", 2, 4, (a, in) -> {
                    String relativeKeyId = a.take("RELATIVE_KEY_ID");
                    Instant expiration = a.expirationOrUnchanged();
                    List<String> targets = a.listOrUnchanged("TARGET_IDS");
                    List<String> newLabels = a.listOrUnchanged("LABELS");
                    requireSomething("update-key", expiration, targets, newLabels);
                    return (c, out) -> printUpdate(out, view.apply(c).updateKey(relativeKeyId, expiration, newLabels, targets));
                }),
                new Command<>("deregister-key", List.of("key-deregister"), "RELATIVE_KEY_ID", ".10", "Key De-Registration", 1, 1, (a, in) -> {
                    String relativeKeyId = a.take("RELATIVE_KEY_ID");
                    return (c, out) -> {
                        view.apply(c).deregisterKey(relativeKeyId);
                        out.text("key de-registered");
                    };
                }));
    }

    /** What a tool prints after the registration's four lines (the MEF Client: its new KeID). */
    @FunctionalInterface
    public interface AfterRegistration<C> {
        void print(C client, Printer out, Registration registration);
    }

    /** The registration command; a tool that prints more after it replaces the shared one with this. */
    public static <C> Command<C> register(String label, Function<C, Procedures> view, AfterRegistration<C> after) {
        return new Command<>("register", List.of(), "ADMIN_FQDN [LIFETIME_SECONDS] [LABEL,...]", ".3", "{F} Client Registration", 1, 3, (a, in) -> {
            String admin = a.take("ADMIN_FQDN");
            Instant expiration = a.expiration(Duration.ofDays(1));
            List<String> labels = a.list("LABELS", List.of(label));
            return (c, out) -> {
                Registration r = view.apply(c).register(admin, expiration, labels);
                out.registration(r);
                after.print(c, out, r);
            };
        });
    }

    /** The answer holds only the attributes asked for (8.8.2.9, 8.3.5.2.9), never the key value. */
    private static void printUpdate(Printer out, KeyUpdate u) {
        out.line("keyIdentifier", u.keyIdentifier);
        out.line("relativeKeyID", u.relativeKeyId);
        u.expirationTime().ifPresent(t -> out.line("expires", t));
        u.targetIds().ifPresent(t -> out.line("targets", String.join(",", t)));
        u.labels().ifPresent(l -> out.line("labels", String.join(",", l)));
    }

    private static void requireSomething(String command, Object... changes) {
        for (Object change : changes) if (change != null) return;
        throw new IllegalArgumentException(command + ": nothing to change: give a LIFETIME_SECONDS, or a list instead of '-'");
    }
}
