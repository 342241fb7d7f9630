package org.example.device.impl.trust;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.example.tef.core.certificates.Fingerprints;
import org.example.tef.client.StateMaps;

/**
 * The trust anchor certificates of the device side, and "Processing a [trustAnchorCred] MO Node" (TS-0003 8.3.9.9.7):
 * a certificate matching the MO's certFingerprint that is held already is associated with the MO; otherwise it is
 * fetched by an HTTPS GET of the MO's URI, parsed (DER, or PEM: from a bundle, the certificate that matches), checked
 * against certFingerprint, kept and associated. Anything else is a {@link TrustAnchorException}
 * (MEF_CLIENT_CMD_MO_NODE_PROCESSING_FAILED).
 * <p>
 * Hand-written because nothing in the JDK or Bouncy Castle fetches a certificate by URI and pins it by a fingerprint:
 * {@code CertificateFactory}, {@code MessageDigest} and {@code HttpClient} do the parts; this class is their glue and
 * the clause's rules. The fingerprint forms accepted are those of {@code Fingerprint}.
 * <p>
 * Storage: tef's {@link StateMaps} (as the MEF and MAF Clients keep their state): the file {@code trust-anchors.mv.db}
 * in the directory (and its journal; owner-only), with two maps: certificates (SHA-256 hex of the DER -> base64 DER)
 * and associations (MO resource ID -> that hex); every write is journaled and forced to disk before it returns.
 * A certificate is kept as long as some MO is associated with it: it is written before the association that names
 * it and dropped after the last association that names it, so a stop between two writes leaves at most a certificate
 * no MO names, which the next open drops. Without a directory the store is in memory.
 * <p>
 * A failed processing also ends the MO's previous association, if any: a certificate held already never fails, so a
 * failure means the MO now names a certificate other than the one it had, and the old one is no longer what it
 * identifies. The handshakes in certificate mode trust {@link #all()}. Thread-safe; a fetch holds no lock.
 */
public final class TrustAnchors implements AutoCloseable {
    /** The HTTPS GET of 8.3.9.9.7, replaceable by tests and operators. */
    @FunctionalInterface
    public interface Fetcher {
        /** The payload of a successful GET of {@code uri}; an {@link IOException} saying why otherwise. */
        byte[] get(URI uri) throws IOException;
    }

    /** The store's file name in its directory. */
    public static final String FILE_NAME = "trust-anchors.mv.db";

    private static final String CERTIFICATES = "certificates", ASSOCIATIONS = "associations";

    private final Fetcher fetcher;
    private final String where;
    private final StateMaps maps;
    private final Map<String, X509Certificate> parsed = new HashMap<>();

    /**
     * Opens (or creates) the store in {@code directoryOrNull}, or in memory.
     *
     * @throws IllegalStateException the file cannot be created or opened (locked, damaged), or holds a certificate
     *         that no longer parses
     */
    public TrustAnchors(Path directoryOrNull, Fetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        Path file = directoryOrNull != null ? directoryOrNull.resolve(FILE_NAME).toAbsolutePath() : null;
        this.where = file != null ? "the trust anchor store " + file : "the in-memory trust anchor store";
        List<String> names = List.of(CERTIFICATES, ASSOCIATIONS); // the journal knows them in this order: keep it
        this.maps = file != null ? StateMaps.file(file, "the trust anchor store", names) : StateMaps.inMemory(names);
        try {
            Set<String> named = new HashSet<>(maps.all(ASSOCIATIONS).values());
            for (Map.Entry<String, String> e : maps.all(CERTIFICATES).entrySet()) {
                if (!named.contains(e.getKey())) maps.remove(CERTIFICATES, e.getKey()); // a stop between two writes left it
                else parsed.put(e.getKey(), CertificatePayload.parse(Base64.getDecoder().decode(e.getValue())).get(0));
            }
        } catch (CertificateException | RuntimeException e) {
            maps.close();
            throw new IllegalStateException("cannot open " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * A store fetching with {@link java.net.http.HttpClient}: {@code https:} URIs only, the whole GET within
     * {@code timeout}, at most 64 KiB, the server verified with {@code contextOrNull} (the JDK's default if null).
     */
    public static TrustAnchors https(Path dir, Duration timeout, SSLContext contextOrNull) {
        return new TrustAnchors(dir, new HttpsFetcher(timeout, contextOrNull));
    }

    /**
     * Processes the [trustAnchorCred] MO {@code moResourceId} (TS-0003 8.3.9.9.7) and returns the certificate now
     * associated with it.
     *
     * @throws TrustAnchorException processing failed (PROCESSING_FAILED): the fingerprint is not understood, no copy is
     *         held and there is no URI, the GET failed, the payload is not a certificate, or none matches
     */
    public X509Certificate process(String moResourceId, String certFingerprint, String uriOrNull) throws TrustAnchorException {
        Objects.requireNonNull(moResourceId, "moResourceId");
        try {
            Fingerprint wanted = Fingerprint.parse(certFingerprint);
            synchronized (this) {
                for (Map.Entry<String, X509Certificate> held : parsed.entrySet()) {
                    if (wanted.matches(HexFormat.of().parseHex(held.getKey()))) {
                        return associate(moResourceId, held.getKey(), held.getValue());
                    }
                }
            }
            X509Certificate fetched = fetch(wanted, uriOrNull);
            synchronized (this) {
                return associate(moResourceId, Fingerprints.of(fetched), fetched);
            }
        } catch (TrustAnchorException e) {
            forget(moResourceId);
            throw e;
        }
    }

    /** The MO was deleted or expired: its association ends, and its certificate is dropped if no other MO has it. */
    public synchronized void forget(String moResourceId) {
        String previous = maps.get(ASSOCIATIONS, moResourceId);
        if (previous == null) return;
        maps.remove(ASSOCIATIONS, moResourceId);
        dropIfUnused(previous);
    }

    /** The certificates associated with some MO: the trust anchors of the handshakes in certificate mode. */
    public synchronized List<X509Certificate> all() {
        List<X509Certificate> out = new ArrayList<>();
        for (String hex : new LinkedHashSet<>(maps.all(ASSOCIATIONS).values())) out.add(parsed.get(hex));
        return out;
    }

    /** The certificate associated with the MO, if processing it succeeded and it was not forgotten since. */
    public synchronized Optional<X509Certificate> of(String moResourceId) {
        String hex = maps.get(ASSOCIATIONS, moResourceId);
        return hex == null ? Optional.empty() : Optional.ofNullable(parsed.get(hex));
    }

    @Override
    public synchronized void close() {
        maps.close();
    }

    @Override
    public String toString() { return where; }

    private X509Certificate fetch(Fingerprint wanted, String uriOrNull) throws TrustAnchorException {
        if (uriOrNull == null || uriOrNull.isBlank()) {
            throw new TrustAnchorException("no certificate with certFingerprint " + wanted + " is held, and the"
                    + " [trustAnchorCred] MO node has no URI to retrieve it from");
        }
        URI uri;
        try {
            uri = new URI(uriOrNull.strip());
        } catch (URISyntaxException e) {
            throw new TrustAnchorException("the URI of the [trustAnchorCred] MO node is not a URI: " + e.getMessage(), e);
        }
        byte[] payload;
        try {
            payload = fetcher.get(uri);
        } catch (IOException | RuntimeException e) {
            throw new TrustAnchorException("HTTPS GET " + uri + " failed: " + e.getMessage(), e);
        }
        List<X509Certificate> received;
        try {
            received = CertificatePayload.parse(payload);
        } catch (CertificateException | RuntimeException e) {
            throw new TrustAnchorException("the payload of HTTPS GET " + uri + " (" + (payload == null ? 0 : payload.length)
                    + " bytes) is not a certificate (DER or PEM): " + e.getMessage(), e);
        }
        StringBuilder actual = new StringBuilder();
        for (X509Certificate certificate : received) {
            byte[] sha256;
            try {
                sha256 = Fingerprint.sha256(certificate.getEncoded());
            } catch (CertificateException e) {
                throw new TrustAnchorException("a certificate from " + uri + " cannot be encoded: " + e.getMessage(), e);
            }
            if (wanted.matches(sha256)) return certificate;
            actual.append(actual.length() == 0 ? "" : "; ").append("SHA-256 ").append(Fingerprint.hex(sha256))
                    .append(" (").append(certificate.getSubjectX500Principal().getName()).append(')');
        }
        throw new TrustAnchorException("the certificate retrieved from " + uri + " does not match certFingerprint:"
                + " expected " + wanted + ", got " + received.size() + " certificate(s): " + actual);
    }

    private X509Certificate associate(String moResourceId, String hex, X509Certificate certificate) throws TrustAnchorException {
        // an MO processed again (catch-up at start, an MO_NODE command) with the certificate it already has: nothing to write
        String previous = maps.get(ASSOCIATIONS, moResourceId);
        if (hex.equals(previous) && maps.get(CERTIFICATES, hex) != null) {
            parsed.put(hex, certificate);
            return certificate;
        }
        try {
            // the certificate first, then the association naming it, then the one no longer named (see the class comment)
            if (maps.get(CERTIFICATES, hex) == null) maps.put(CERTIFICATES, hex, Base64.getEncoder().encodeToString(certificate.getEncoded()));
            parsed.put(hex, certificate);
            maps.put(ASSOCIATIONS, moResourceId, hex);
        } catch (CertificateException | RuntimeException e) {
            dropIfUnused(hex);
            throw new TrustAnchorException("cannot keep the certificate SHA-256 " + hex + " in " + where + ": " + e, e);
        }
        if (previous != null && !previous.equals(hex)) dropIfUnused(previous);
        return certificate;
    }

    /** Removes the certificate if no MO has it, from the maps and then from {@link #parsed}. */
    private void dropIfUnused(String hex) {
        if (maps.all(ASSOCIATIONS).containsValue(hex)) return;
        maps.remove(CERTIFICATES, hex);
        parsed.remove(hex);
    }
}
