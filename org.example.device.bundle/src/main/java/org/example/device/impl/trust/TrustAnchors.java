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
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.example.tef.core.certificates.Fingerprints;
import org.example.onem2m.mvstore.MVStoreFiles;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

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
 * Storage: one MVStore file {@code trust-anchors.mv.db} in the directory, opened by {@link MVStoreFiles#open} (a new
 * file and directories only their owner's), with two maps: certificates (SHA-256 hex of the DER -> base64 DER) and
 * associations (MO resource ID -> that hex). A certificate is kept exactly as long as some MO is associated with it;
 * every change is one commit, forced to disk before the method returns. Without a directory the store is in memory.
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

    private final Fetcher fetcher;
    private final String where;
    private final MVStore store;
    private final boolean durable;
    private final MVMap<String, String> certificates;
    private final MVMap<String, String> associations;
    private final Map<String, X509Certificate> parsed = new HashMap<>();

    /**
     * Opens (or creates) the store in {@code directoryOrNull}, or in memory.
     *
     * @throws IllegalStateException the file cannot be created or opened (locked, damaged), or holds a certificate
     *         that no longer parses
     */
    public TrustAnchors(Path directoryOrNull, Fetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.durable = directoryOrNull != null;
        Path file = durable ? directoryOrNull.resolve(FILE_NAME).toAbsolutePath() : null;
        this.where = durable ? "the trust anchor store " + file : "the in-memory trust anchor store";
        this.store = durable ? MVStoreFiles.open(file, "the trust anchor store") : new MVStore.Builder().open();
        try {
            this.certificates = store.openMap("certificates", stringMap());
            this.associations = store.openMap("associations", stringMap());
            for (Map.Entry<String, String> e : certificates.entrySet()) {
                parsed.put(e.getKey(), CertificatePayload.parse(Base64.getDecoder().decode(e.getValue())).get(0));
            }
            commit(); // the map definitions, so that a store only opened is a valid file
        } catch (CertificateException | RuntimeException e) {
            store.closeImmediately();
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
        String previous = associations.remove(moResourceId);
        if (previous == null) return;
        dropIfUnused(previous);
        commit();
        parsed.keySet().retainAll(certificates.keySet());
    }

    /** The certificates associated with some MO: the trust anchors of the handshakes in certificate mode. */
    public synchronized List<X509Certificate> all() {
        List<X509Certificate> out = new ArrayList<>();
        for (String hex : new LinkedHashSet<>(associations.values())) out.add(parsed.get(hex));
        return out;
    }

    /** The certificate associated with the MO, if processing it succeeded and it was not forgotten since. */
    public synchronized Optional<X509Certificate> of(String moResourceId) {
        String hex = associations.get(moResourceId);
        return hex == null ? Optional.empty() : Optional.ofNullable(parsed.get(hex));
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) store.close();
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
        if (hex.equals(associations.get(moResourceId)) && certificates.containsKey(hex)) {
            parsed.put(hex, certificate);
            return certificate;
        }
        try {
            if (!certificates.containsKey(hex)) certificates.put(hex, Base64.getEncoder().encodeToString(certificate.getEncoded()));
            String previous = associations.put(moResourceId, hex);
            if (previous != null && !previous.equals(hex)) dropIfUnused(previous);
            commit();
        } catch (CertificateException | RuntimeException e) {
            store.rollback();
            throw new TrustAnchorException("cannot keep the certificate SHA-256 " + hex + " in " + where + ": " + e, e);
        }
        parsed.put(hex, certificate);
        parsed.keySet().retainAll(certificates.keySet());
        return certificate;
    }

    /** Removes the certificate from the map if no MO has it; {@link #parsed} follows after the commit. */
    private void dropIfUnused(String hex) {
        if (!associations.containsValue(hex)) certificates.remove(hex);
    }

    private void commit() {
        store.commit();
        if (durable) store.sync();
    }

    private static MVMap.Builder<String, String> stringMap() {
        return new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE);
    }
}
