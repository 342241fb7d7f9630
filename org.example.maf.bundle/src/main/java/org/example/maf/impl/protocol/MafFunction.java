package org.example.maf.impl.protocol;

import org.example.tef.api.KeyExport;
import org.example.tef.api.Suids;
import org.example.tef.core.ClientIdentity;
import org.example.tef.core.TefFunction;

/**
 * The MAF as the shared procedures of tef's core see it (TS-0003 8.8.2), and the JSON names that carry its name;
 * the names every function shares are tef's {@link org.example.tef.core.WireNames}. TS-0032, which would define
 * them, could not be obtained (FACTS.md section 2), so these are this project's.
 */
public final class MafFunction {
    public static final String BASE = "mafBase";

    public static final String CLIENT_REG = "sec:mafClientReg";
    public static final String CLIENT_CFG = "sec:mafClientCfg";

    public static final String CLIENT_REG_ID = "mafClientRegID";
    public static final String CLIENT_ID = "mafClientID";
    public static final String SOURCE_CLIENT_ID = "sourceMafClientID";
    /** The MAF-assigned KmID a registration answer may carry (8.8.2.3, 8.8.2.5); the MEF has none. */
    public static final String ASSIGNED_SYMM_KEY_ID = "assignedSymmKeyID";

    /**
     * Key Registration carries a MAF-distributed SUID (32 to 35) and, without a key value, exports Kc with
     * {@code EXPORTER-oneM2M-Connection} (10.3.1); the client is the handshake's peer (8.8.2.2).
     */
    public static final TefFunction DEFINITION = TefFunction.builder("MAF")
            .clause("8.8.2")
            .base(BASE)
            .clientRegWrapper(CLIENT_REG)
            .clientCfgWrapper(CLIENT_CFG)
            .clientRegIdName(CLIENT_REG_ID)
            .clientIdName(CLIENT_ID)
            .sourceClientIdName(SOURCE_CLIENT_ID)
            .registrationIdPrefix("mcr-")
            .keySuids(Suids.MAF_DISTRIBUTED, "MAF-distributed")
            .exporterLabel(KeyExport.CONNECTION_LABEL)
            .clientIdentity(ClientIdentity.HANDSHAKE_PEER)
            .logCategory("org.example.maf.procedures")
            .build();

    private MafFunction() {}

    /** The target of the procedures at a MAF: {@code /<MAF-FQDN>/mafBase}. */
    public static String base(String mafFqdn) { return DEFINITION.basePath(mafFqdn); }

    public static String registration(String mafFqdn, String registrationId) { return DEFINITION.registrationPath(mafFqdn, registrationId); }

    public static String key(String mafFqdn, String relativeKeyId) { return DEFINITION.keyPath(mafFqdn, relativeKeyId); }
}
