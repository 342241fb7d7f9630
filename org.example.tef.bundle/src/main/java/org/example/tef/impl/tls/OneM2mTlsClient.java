package org.example.tef.impl.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Vector;

import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSKIdentity;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.example.tef.api.channel.SecureSession.Authentication;
import org.example.tef.api.channel.TlsClientConfig;

/**
 * The client side of one TLS 1.2 connection (TS-0003 10.2): a PSK client (RFC 4279, psk_identity and psk as
 * 8.8.2.2 sets them) or an ECDHE_ECDSA client whose server certificate must validate against the server trust
 * anchors and name {@link TlsClientConfig#serverName} (10.1.3: MAF and MEF have FQDN certificates). It always
 * sends SNI (10.2.1), unless a test asks it not to.
 */
final class OneM2mTlsClient extends AbstractTlsClient {
    private final BcTlsCrypto crypto;
    private final TlsClientConfig config;
    private final int[] suites;
    private final boolean sendSni;
    private final SigningMaterial signing;
    private final HandshakeFacts facts = new HandshakeFacts();

    OneM2mTlsClient(BcTlsCrypto crypto, TlsClientConfig config, int[] suites, boolean sendSni, SigningMaterial signing) {
        super(crypto);
        this.crypto = crypto;
        this.config = config;
        this.suites = suites.clone();
        this.sendSni = sendSni;
        this.signing = signing;
        facts.serverName = config.serverName;
        facts.authentication = config.psk != null ? Authentication.PSK : Authentication.CERTIFICATE;
    }

    HandshakeFacts facts() { return facts; }

    @Override
    protected ProtocolVersion[] getSupportedVersions() { return ProtocolVersion.TLSv12.only(); }

    @Override
    protected int[] getSupportedCipherSuites() { return suites.clone(); }

    @Override
    protected Vector getSNIServerNames() {
        if (!sendSni) return null;
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, config.serverName.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    public TlsPSKIdentity getPSKIdentity() {
        return config.psk == null ? null : new BasicTlsPSKIdentity(config.psk.identity(), config.psk.key());
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                if (signing == null) {
                    throw new TlsFatalAlert(AlertDescription.unexpected_message, "a PSK client expects no server certificate");
                }
                List<X509Certificate> chain = CertificateChecks.toX509(serverCertificate.getCertificate());
                CertificateChecks.validate(chain, config.serverTrustAnchors);
                CertificateChecks.checkServerName(chain.get(0), config.serverName);
                facts.peerCredential = chain.get(0).getSubjectX500Principal().getName();
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                if (signing == null) return null;
                return signing.signer(crypto, context, request.getSupportedSignatureAlgorithms());
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        if (config.psk != null) facts.peerCredential = config.psk.identity();
        facts.completeFrom(context, config.exporterLabels);
    }
}
