package org.example.tef.impl.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Vector;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.api.channel.SecureSession.Authentication;
import org.example.tef.api.channel.TlsServerConfig;

/**
 * The server side of one TLS 1.2 connection (TS-0003 10.2): RFC 4279 PSK clients, whose psk_identity the
 * configured look-up resolves, and/or ECDHE_ECDSA clients with a certificate that validates against the client
 * trust anchors and that the provisioned client certificate information accepts (8.8.2.2, 8.1.2.5). The client
 * must name {@link TlsServerConfig#serverName} in SNI (10.2.1). This is both of Bouncy Castle's PSKTlsServer and
 * DefaultTlsServer in one class, so that a server configured for both offers both suite sets.
 */
final class OneM2mTlsServer extends AbstractTlsServer {
    private final BcTlsCrypto crypto;
    private final TlsServerConfig config;
    private final SigningMaterial signing;
    private final PskLookup pskLookup;
    private final HandshakeFacts facts = new HandshakeFacts();
    private boolean certificateRequested;

    OneM2mTlsServer(BcTlsCrypto crypto, TlsServerConfig config, SigningMaterial signing) {
        super(crypto);
        this.crypto = crypto;
        this.config = config;
        this.signing = signing;
        this.pskLookup = config.psk == null ? null : new PskLookup();
    }

    HandshakeFacts facts() { return facts; }

    /** The psk_identity the client sent, or null; for the log of a failed handshake. */
    String offeredPskIdentity() { return pskLookup == null ? null : pskLookup.identity; }

    @Override
    protected ProtocolVersion[] getSupportedVersions() { return ProtocolVersion.TLSv12.only(); }

    @Override
    protected int[] getSupportedCipherSuites() { return Suites.forServer(config.psk != null, config.certificate != null); }

    // No session resumption: every session is fully authenticated, so the PSK look-up and client check always run.
    @Override
    public byte[] getNewSessionID() { return null; }

    /** SNI (RFC 6066 section 3, TS-0003 10.2.1): mandatory, and it names this server. */
    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        Vector<?> names = TlsExtensionsUtils.getServerNameExtensionClient(clientExtensions);
        if (names == null || names.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.unrecognized_name, "the client sent no SNI server_name (TS-0003 10.2.1)");
        }
        String wanted = config.serverName.toLowerCase(Locale.ROOT);
        String offered = null;
        for (Object o : names) {
            ServerName name = (ServerName) o;
            if (name.getNameType() != NameType.host_name) continue;
            offered = new String(name.getNameData(), StandardCharsets.US_ASCII);
            if (offered.toLowerCase(Locale.ROOT).equals(wanted)) {
                facts.serverName = offered;
                return;
            }
        }
        throw new TlsFatalAlert(AlertDescription.unrecognized_name,
            "SNI " + (offered == null ? "has no host_name" : "names " + PeerText.of(offered)) + ", not " + config.serverName);
    }

    @Override
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsExtensionsUtils.addServerNameExtensionServer(extensions); // RFC 6066: acknowledge the name we used
        return extensions;
    }

    @Override
    public TlsPSKIdentityManager getPSKIdentityManager() { return pskLookup; }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        if (Suites.isPsk(selectedCipherSuite)) return null;
        if (Suites.isEcdheEcdsa(selectedCipherSuite) && signing != null) {
            return signing.signer(crypto, context, context.getSecurityParametersHandshake().getClientSigAlgs());
        }
        throw new TlsFatalAlert(AlertDescription.internal_error, "no credentials for suite " + Suites.hex(selectedCipherSuite));
    }

    /** Client certificates are asked for, and required, on the certificate suites only. */
    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        if (!Suites.isEcdheEcdsa(selectedCipherSuite)) return null;
        Vector<X500Name> authorities = new Vector<>();
        for (X509Certificate anchor : config.clientTrustAnchors) {
            authorities.add(X500Name.getInstance(anchor.getSubjectX500Principal().getEncoded()));
        }
        certificateRequested = true;
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign},
            TlsUtils.getDefaultSupportedSignatureAlgorithms(context), authorities);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (!certificateRequested) return;
        List<X509Certificate> chain = CertificateChecks.toX509(clientCertificate);
        if (chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client sent no certificate (TS-0003 8.8.2.2)");
        }
        CertificateChecks.validate(chain, config.clientTrustAnchors);
        Optional<String> peerId;
        try {
            peerId = config.clientCertificates.peerIdFor(chain);
        } catch (RuntimeException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "client certificate look-up failed", e);
        }
        if (peerId == null || peerId.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.access_denied,
                "client certificate of " + CertificateChecks.subject(chain.get(0)) + " is not provisioned (TS-0003 8.1.2.5)");
        }
        facts.authentication = Authentication.CERTIFICATE;
        facts.peerCredential = chain.get(0).getSubjectX500Principal().getName();
        facts.peerId = peerId.get();
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        if (Suites.isPsk(context.getSecurityParametersConnection().getCipherSuite())) {
            PskCredential credential = pskLookup.found;
            facts.authentication = Authentication.PSK;
            facts.peerCredential = pskLookup.identity;
            facts.peerId = credential.peerId();
        }
        facts.completeFrom(context, config.exporterLabels);
    }

    /** psk_identity (UTF-8) to key through the configured look-up; null makes BC fail with unknown_psk_identity. */
    private final class PskLookup implements TlsPSKIdentityManager {
        String identity;
        PskCredential found;

        @Override
        public byte[] getHint() { return null; }

        @Override
        public byte[] getPSK(byte[] identityBytes) {
            identity = new String(identityBytes, StandardCharsets.UTF_8);
            Optional<PskCredential> credential = config.psk.lookup(identity);
            if (credential == null || credential.isEmpty()) return null;
            found = credential.get();
            return found.key();
        }
    }
}
