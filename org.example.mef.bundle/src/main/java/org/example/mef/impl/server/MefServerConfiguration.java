package org.example.mef.impl.server;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MefServerConfiguration.PID, name = "oneM2M MEF server",
        description = "The M2M Enrolment Function (TS-0003 8.3): TLS 1.2 endpoint of the MEF procedures. Its registry is the"
                + " RegistrationStore service selected by store.target (default (name=mef)); its Enrolment Keys are kept in"
                + " dataDirectory.")
public @interface MefServerConfiguration {
    String PID = "org.example.mef.server";

    @AttributeDefinition(name = "MEF-FQDN", description = "The MEF's FQDN: clients send it as SNI; it ends every KeID (10.3.4).")
    String fqdn() default "mef.example.com";

    @AttributeDefinition(name = "Listen address", description = "127.0.0.1 keeps the MEF on this machine; 0.0.0.0 for every interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "TCP port of the TLS endpoint.")
    int port() default 8444;

    /** DS's target filter of the reference named {@code store}: which RegistrationStore service is the registry. */
    @AttributeDefinition(name = "Registry store", description = "LDAP filter selecting the RegistrationStore service that holds"
            + " the MEF's client and key registrations (factory PID org.example.tef.store.mvstore or org.example.tef.store.memory).")
    String store_target() default "(name=mef)";

    @AttributeDefinition(name = "Data directory", description = "Where the Enrolment Keys (mef-enrolment.mv.db) and the MEF Client"
            + " Commands (mef-commands.mv.db) are kept, each with its journal; empty keeps them in memory only, so they do not"
            + " survive a restart (a warning says so).")
    String dataDirectory() default "data";

    @AttributeDefinition(name = "Enrolment Key lifetime", description = "How long an Enrolment Key established by a MEF Handshake"
            + " stays usable (seconds), and so the Lifetime of the credentials Enrolment Targets fetch with it (8.3.2.1 f iv).")
    long enrolmentKeyLifetimeSeconds() default 2_592_000L;

    @AttributeDefinition(name = "Enrolment Targets", description = "Who may fetch credentials and for which SUIDs (8.3.2.1 f ii):"
            + " <target ID>=<SUID>[;<SUID>], e.g. maf.example.com=21. A target authenticates with its own PSK"
            + " (factory PID org.example.mef.psk, clientId = the target ID); its sessions establish no Enrolment Key.")
    String[] enrolmentTargets() default {};

    @AttributeDefinition(name = "NO_MORE_COMMANDS retry", description = "The retryDuration of a NO_MORE_COMMANDS answer"
            + " (8.3.9.6): how long a MEF Client waits before its next Command Retrieve when nothing is queued (seconds).")
    long noMoreCommandsRetrySeconds() default 3600;

    @AttributeDefinition(name = "Purge interval", description = "How often expired registrations and Enrolment Keys are removed (seconds).")
    long purgeIntervalSeconds() default 60;

    @AttributeDefinition(name = "Largest number of open sessions")
    int maxConnections() default 256;

    @AttributeDefinition(name = "PSK clients", description = "Accept Enrolees that authenticate with a pre-provisioned Kpm"
            + " (factory PID org.example.mef.psk; TLS_PSK_WITH_AES_128_CBC_SHA256, TS-0003 8.3.5.2.2, 10.2.2).")
    boolean pskEnabled() default true;

    @AttributeDefinition(name = "Certificate chain file", description = "PEM file of the MEF's certificate chain, its own certificate"
            + " first, naming the MEF-FQDN in a subjectAltName dNSName (TS-0003 10.1.3). With privateKeyFile and clientTrustAnchorsFile"
            + " the MEF accepts certificate clients (TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, 8.3.5.2.2, 10.2.3). Empty: none.")
    String certificateChainFile() default "";

    @AttributeDefinition(name = "Private key file", description = "PEM file of the MEF's unencrypted EC private key, the key of the"
            + " first certificate of certificateChainFile.")
    String privateKeyFile() default "";

    @AttributeDefinition(name = "Client trust anchors file", description = "PEM file of the CA certificates client certificates must"
            + " chain to (TS-0003 8.1.2.5); each client's certificate is also provisioned under factory PID org.example.mef.certclient.")
    String clientTrustAnchorsFile() default "";

    @AttributeDefinition(name = "EST port", description = "TCP port of the MEF's EST server (TS-0003 8.3.6.2, RFC 7030),"
            + " https://<fqdn>:<estPort>/.well-known/est/: a TLS listener of its own, whose sessions establish no Enrolment Key."
            + " Clients authenticate with the PSK of the MEF's port or with a certificate (of the MEF CA, or provisioned as on the MEF's"
            + " port); a certificate is issued for a pending CERT_PROV command (8.3.9.7). With it on, the MEF's port also accepts the"
            + " certificates the MEF CA issued (certificate-based MEF Handshake, 8.3.5.2.2: the certSubjectID is the MEF Client ID) and"
            + " both ports present the same certificate. -1: no EST server; 0: a free port.")
    int estPort() default -1;

    @AttributeDefinition(name = "MEF CA directory", description = "Where the MEF CA (the EST CA) keeps its key and certificate (made on"
            + " first use), the EST server's certificate and every certificate it issued (issued.mv.db and its journal). Empty: <dataDirectory>/ca.")
    String caDirectory() default "";

    @AttributeDefinition(name = "Operator CA certificate file", description = "PEM file of an operator's CA certificate for the MEF CA"
            + " (the CA first, then any certificates up to its root), with caPrivateKeyFile; they stay where they are, the CA directory"
            + " then holds the issued certificates (and the EST listener's own key and certificate when certificateChainFile is empty). Empty: the MEF makes its own P-256 CA.")
    String caCertificateFile() default "";

    @AttributeDefinition(name = "Operator CA private key file", description = "PEM file of the operator CA's unencrypted EC private key.")
    String caPrivateKeyFile() default "";

    @AttributeDefinition(name = "Certificate validity", description = "Days an EST-issued certificate is valid from its issue.")
    long certificateValidityDays() default 365;

    @AttributeDefinition(name = "Certificates per CERT_PROV command", description = "How many certificates the EST server issues for one"
            + " pending CERT_PROV command before the MEF Client reports on it: more than one lets a client whose answer was lost enrol"
            + " again; the limit keeps a client from minting certificates for its subject without end. Counted since the MEF started.")
    int certificatesPerCommand() default 3;

    @AttributeDefinition(name = "Certificate key usage", description = "keyUsage of EST-issued certificates: digitalSignature,"
            + " nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement (keyAgreement for EC keys only, the encipherments for RSA only).")
    String[] certificateKeyUsage() default {"digitalSignature", "keyAgreement"};

    @AttributeDefinition(name = "Certificate extended key usage", description = "extendedKeyUsage of EST-issued certificates: clientAuth"
            + " and/or serverAuth; empty: none.")
    String[] certificateExtendedKeyUsage() default {"clientAuth"};
}
