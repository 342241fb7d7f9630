package org.example.mef.impl.client.est;

import java.io.IOException;
import java.io.StringWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.example.mef.api.ProvisionedCertificate;
import org.example.mef.impl.est.CertSubject;
import org.example.onem2m.mvstore.AtomicFiles;
import org.example.tef.api.channel.CertificateCredential;
import org.example.tef.core.certificates.CertificateMode;
import org.example.tef.core.certificates.PemFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates a MEF Client was provisioned (TS-0003 8.3.6.2.2 step 3: "the MEF Client is expected to install the EST
 * Client certificate and associate it with the corresponding private key"), one set of files per certificate subject in
 * one directory, named {@code <node|cse|ae>-<readable ID>-<hash of the ID>}:
 * <ul>
 * <li>{@code .key.pem}: the private key (PKCS#8) followed by the chain, 0600. It is the record: key and certificate are
 * replaced together by one atomic move, so a crash leaves the old pair or the new one, never a key without its
 * certificate;</li>
 * <li>{@code .crt.pem}: the chain alone, for other tools (tef's {@code certificateChainFile});</li>
 * <li>{@code .ca.pem}: the MEF CA certificates of /cacerts (RFC 7030 4.1.3);</li>
 * <li>{@code .properties}: the subject and the EST base URI it is renewed at.</li>
 * </ul>
 * The files are read again on each {@link #load}, so a restarted client holds what it held. Each file is replaced
 * atomically, but not the set: a crash while storing can leave the new {@code .properties} and {@code .ca.pem} beside
 * the old key file, or the old {@code .crt.pem} beside the new key file. The client reads the key file for the key and
 * the chain, so it holds the old certificate or the new one; a tool reading {@code .crt.pem} may see the old chain until
 * the next store.
 */
public final class CertificateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateFiles.class);
    private static final String KEY = ".key.pem", CHAIN = ".crt.pem", CA = ".ca.pem", PROPERTIES = ".properties";

    private final Path directory;

    /** @throws IOException when the directory cannot be made */
    public CertificateFiles(Path directory) throws IOException {
        this.directory = directory;
        AtomicFiles.createOwnerOnlyDirectories(directory);
    }

    public Path directory() { return directory; }

    /** Replaces the subject's files; the key file, written last but one, is what makes the new certificate the held one. */
    public void store(ProvisionedCertificate p) throws IOException {
        String base = baseName(new CertSubject(CertSubject.Type.ofCode(p.certSubjectType), p.certSubjectId));
        Properties properties = new Properties();
        properties.setProperty("certSubjectType", String.valueOf(p.certSubjectType));
        properties.setProperty("certSubjectID", p.certSubjectId);
        properties.setProperty("estBaseUri", p.estBaseUri.toString());
        StringWriter text = new StringWriter();
        properties.store(text, "MEF-provisioned certificate (TS-0003 8.3.6); renewed at estBaseUri");
        AtomicFiles.replace(directory.resolve(base + PROPERTIES), text.toString().getBytes(StandardCharsets.ISO_8859_1), false);
        AtomicFiles.replace(directory.resolve(base + CA), PemFiles.pem(null, p.caCertificates()), false);
        AtomicFiles.replace(directory.resolve(base + KEY), PemFiles.pem(p.credential().privateKey(), p.credential().chain()), true);
        AtomicFiles.replace(directory.resolve(base + CHAIN), PemFiles.pem(null, p.credential().chain()), false);
    }

    /** Every certificate held, the latest issued first; a subject whose files are damaged is logged and left out. */
    public List<ProvisionedCertificate> load() {
        List<ProvisionedCertificate> held = new ArrayList<>();
        try (DirectoryStream<Path> keys = Files.newDirectoryStream(directory, "*" + KEY)) {
            for (Path keyFile : keys) {
                String base = keyFile.getFileName().toString();
                base = base.substring(0, base.length() - KEY.length());
                try {
                    held.add(read(base));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("the provisioned certificate {} in {} cannot be used: {}", base, directory, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the certificate directory " + directory + " cannot be read", e);
        }
        held.sort(Comparator.comparing((ProvisionedCertificate p) -> p.certificate().getNotBefore()).reversed());
        return held;
    }

    private ProvisionedCertificate read(String base) throws IOException {
        Path keyFile = directory.resolve(base + KEY);
        PrivateKey key = PemFiles.privateKey("provisioned key", keyFile);
        List<X509Certificate> chain = PemFiles.certificates("provisioned certificate", keyFile);
        if (!CertificateMode.belongTogether(key, chain.get(0))) throw new IllegalArgumentException(keyFile + ": the key is not the certificate's");
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(directory.resolve(base + PROPERTIES), StandardCharsets.ISO_8859_1)));
        int type = Integer.parseInt(properties.getProperty("certSubjectType", "0"));
        String id = properties.getProperty("certSubjectID");
        URI uri = URI.create(properties.getProperty("estBaseUri", ""));
        List<X509Certificate> ca = PemFiles.certificates("MEF CA certificates", directory.resolve(base + CA));
        return new ProvisionedCertificate(type, id, uri, new CertificateCredential(key, chain), ca);
    }

    /** A file name for the subject: readable, and unique through a hash of the whole ID (IDs hold '/' and may differ in case only). */
    static String baseName(CertSubject subject) {
        String readable = readable(subject.id());
        if (readable.length() > 40) readable = readable.substring(0, 40);
        return subject.type().name().toLowerCase(Locale.ROOT) + "-" + readable + "-" + sha256Hex(subject.uri(), 4);
    }

    /** An identifier as a file name: runs of anything but letters, digits, '.' and '-' as '_', none leading. */
    public static String readable(String id) {
        return id.replaceAll("[^A-Za-z0-9.-]+", "_").replaceAll("^_+", "");
    }

    /** The first {@code bytes} bytes of SHA-256 of {@code text} (UTF-8), in hex: what tells apart names that read alike. */
    public static String sha256Hex(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
