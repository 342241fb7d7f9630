package org.example.tef.cli;

import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.example.tef.api.Hex;
import org.example.tef.client.DistributedKey;
import org.example.tef.client.Registration;

/**
 * The output format both tools share: one "name value" line per attribute, names padded to one column, on standard
 * output. Key values are printed only with {@code --show-key}; otherwise a short SHA-256 fingerprint lets a Source and a
 * Target compare their keys without revealing them.
 */
public final class Printer {
    private final PrintStream out;
    private final boolean showKey;

    Printer(PrintStream out, boolean showKey) {
        this.out = out;
        this.showKey = showKey;
    }

    /** "registrationID mcr-..." : the name padded to 14 characters and one space. */
    public void line(String name, Object value) { out.println(String.format("%-14s %s", name, value)); }

    /** A line as it is, e.g. a JSON answer. */
    public void text(String text) { out.println(text); }

    /** The four lines of a Client Registration's answer (8.8.2.3, 8.3.5.2.3), as README.md shows them. */
    public void registration(Registration r) {
        line("registrationID", r.registrationId);
        line("clientID", r.clientId);
        line("adminFQDN", r.adminFqdn);
        line("expires", r.expirationTime);
    }

    public void key(DistributedKey key) {
        line("keyIdentifier", key.keyIdentifier);
        line("relativeKeyID", key.relativeKeyId);
        line("source", key.sourceClientId);
        line("targets", String.join(",", key.targetIds));
        line("SUID", key.suid);
        line("expires", key.expirationTime);
        if (showKey) line("key", Hex.encode(key.value()));
        else line("key SHA-256", fingerprint(key.value()) + " (--show-key prints the key)");
    }

    /** The first 8 bytes of the value's SHA-256, in hex. */
    public static String fingerprint(byte[] value) {
        try {
            return Hex.encode(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(value), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
