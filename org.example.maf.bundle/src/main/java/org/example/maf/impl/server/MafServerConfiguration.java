package org.example.maf.impl.server;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MafServerConfiguration.PID, name = "oneM2M MAF server",
        description = "The M2M Authentication Function (TS-0003 8.8): TLS 1.2 endpoint of the MAF procedures. Its registry"
                + " is the RegistrationStore service selected by the property store.target (an LDAP filter, default (name=maf));"
                + " stores are configured under factory PID org.example.tef.store.mvstore (durable) or org.example.tef.store.memory.")
public @interface MafServerConfiguration {
    String PID = "org.example.maf.server";

    @AttributeDefinition(name = "MAF-FQDN", description = "The MAF's FQDN (MAF-ID): clients send it as SNI and in Key Identifiers.")
    String fqdn() default "maf.example.com";

    @AttributeDefinition(name = "Listen address", description = "127.0.0.1 keeps the MAF on this machine; 0.0.0.0 for every interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "TCP port of the TLS endpoint.")
    int port() default 8443;

    /** DS's target filter of the reference named {@code store}: which RegistrationStore service is the registry. */
    @AttributeDefinition(name = "Registry store", description = "LDAP filter selecting the RegistrationStore service that is"
            + " the MAF's registry, by its name property (stores: factory PID org.example.tef.store.mvstore or"
            + " org.example.tef.store.memory). A server-database store for several MAF instances is another bundle registering"
            + " the same service; only this filter changes.")
    String store_target() default "(name=maf)";

    /** Deprecated: the registry is the RegistrationStore service {@code store.target} selects (MafStoreWatch warns when set). */
    @AttributeDefinition(name = "Data directory (deprecated)", required = false, description = "Deprecated and ignored"
            + " (a warning is logged when set): the registry is the RegistrationStore service selected by store.target"
            + " (default (name=maf)). Set the registry's directory and file in its store configuration instead: factory PID"
            + " org.example.tef.store.mvstore with name=maf, dataDirectory and file (default maf-registry.mv.db); for a registry"
            + " in memory only, factory PID org.example.tef.store.memory with name=maf.")
    String dataDirectory() default "";

    @AttributeDefinition(name = "Purge interval", description = "How often expired registrations are removed from the store (seconds). They are unusable from the moment they expire.")
    long purgeIntervalSeconds() default 60;

    @AttributeDefinition(name = "Largest number of open sessions")
    int maxConnections() default 256;

    @AttributeDefinition(name = "PSK clients", description = "Accept MAF Clients that authenticate with a pre-provisioned Km"
            + " (factory PID org.example.maf.psk; TLS_PSK_WITH_AES_128_CBC_SHA256, TS-0003 8.8.2.2, 10.2.2).")
    boolean pskEnabled() default true;

    @AttributeDefinition(name = "Certificate chain file", description = "PEM file of the MAF's certificate chain, its own certificate"
            + " first, naming the MAF-FQDN in a subjectAltName dNSName (TS-0003 10.1.3). With privateKeyFile and clientTrustAnchorsFile"
            + " the MAF accepts certificate clients (TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, 8.8.2.2, 10.2.3). Empty: no certificate clients.")
    String certificateChainFile() default "";

    @AttributeDefinition(name = "Private key file", description = "PEM file of the MAF's unencrypted EC private key"
            + " (BEGIN PRIVATE KEY or BEGIN EC PRIVATE KEY), the key of the first certificate of certificateChainFile.")
    String privateKeyFile() default "";

    @AttributeDefinition(name = "Client trust anchors file", description = "PEM file of the CA certificates client certificates must"
            + " chain to (TS-0003 8.1.2.5); each client's certificate is also provisioned under factory PID org.example.maf.certclient.")
    String clientTrustAnchorsFile() default "";

    // --- Remote provisioning of Km through a MEF (TS-0003 8.8.2.3 with 8.3.2.1 "Use of Remotely Provisioned Credential")

    @AttributeDefinition(name = "MEF-FQDN", description = "The MEF whose KeIDs (relative@MEF-FQDN, 10.3.4) this MAF accepts as"
            + " psk_identity: it fetches the Km of such a handshake from that MEF (/fetchCredentials/<KeID>/<SUID>) and answers the"
            + " registration with an assigned KmID (assignedSymmKeyID, 8.8.2.3). Empty: remote provisioning is off (KmIDs assigned"
            + " before still authenticate).")
    String mefFqdn() default "";

    @AttributeDefinition(name = "MEF address", description = "Host name or address of the MEF's TLS endpoint.")
    String mefHost() default "127.0.0.1";

    @AttributeDefinition(name = "MEF port", description = "TCP port of the MEF's TLS endpoint.")
    int mefPort() default 8444;

    @AttributeDefinition(name = "MAF's PSK identity at the MEF", description = "The psk_identity this MAF authenticates with at the"
            + " MEF as an Enrolment Target (relative@MEF-FQDN); the MEF binds it to this MAF's FQDN, its Enrolment Target ID.")
    String mefPskIdentity() default "";

    @AttributeDefinition(name = "MAF's PSK at the MEF", description = "The key of mefPskIdentity, hex or base64 (prefix base64:),"
            + " 16 bytes or more.", type = AttributeType.PASSWORD)
    String mefPsk() default "";

    @AttributeDefinition(name = "SUID of the fetched Km", description = "The Security Usage Identifier the MAF fetches with: 21, a"
            + " symmetric key provisioned via an RSPF and intended to be shared with a MAF (8.8.2.3, TS-0004 suid).")
    int remoteProvisioningSuid() default 21;

    @AttributeDefinition(name = "MEF fetch timeout", description = "How long a MAF Handshake with a KeID waits for the MEF's answer"
            + " (milliseconds); no answer by then fails the handshake (the fetch runs inside the handshake).")
    long mefFetchTimeoutMillis() default 5000;
}
