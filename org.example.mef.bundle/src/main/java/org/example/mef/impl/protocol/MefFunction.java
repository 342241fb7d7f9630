package org.example.mef.impl.protocol;

import org.example.tef.api.KeyExport;
import org.example.tef.api.Suids;
import org.example.tef.core.ClientIdentity;
import org.example.tef.core.TefFunction;

/**
 * The MEF as the shared procedures of tef's core see it (TS-0003 8.3.5.2), and the JSON names that carry its name;
 * the names every function shares are tef's {@link org.example.tef.core.WireNames}. TS-0032, which would define
 * them, could not be obtained (FACTS.md section 2), so these are this project's, mirroring the MAF's.
 */
public final class MefFunction {
    public static final String BASE = "mefBase";

    public static final String CLIENT_REG = "sec:mefClientReg";
    public static final String CLIENT_CFG = "sec:mefClientCfg";

    public static final String CLIENT_REG_ID = "mefClientRegID";
    public static final String CLIENT_ID = "mefClientID";
    public static final String SOURCE_CLIENT_ID = "sourceMefClientID";

    /** The {@code <mefClientCmd>} child of a {@code <mefClientReg>} (8.3.9): {@code mefBase/regs/<ID>/cmd}. */
    public static final String COMMAND = "cmd";
    /** Its wrapper in RETRIEVE answers and UPDATE requests and answers (8.3.9.2, 8.3.9.3). */
    public static final String CLIENT_CMD = "sec:mefClientCmd";

    /** The Enrolment Targets' credential fetch of the PPSK-RSPF (8.3.2.1): {@code /fetchCredentials/<KeID>/<SUID>}. */
    public static final String FETCH_CREDENTIALS = org.example.tef.core.FetchCredentialsWire.PATH;

    /**
     * Key Registration carries an RSPF-provisioned SUID (21 to 25) and, without a key value, exports the key with
     * {@code EXPORTER-oneM2M-Connection}: 8.3.5.2.7 points to 10.3.1, which defines no other label for a distributed
     * key (FACTS.md 3.6, an assumption); the client is the handshake's peer (8.3.5.2.2).
     */
    public static final TefFunction DEFINITION = TefFunction.builder("MEF")
            .clause("8.3.5.2")
            .base(BASE)
            .clientRegWrapper(CLIENT_REG)
            .clientCfgWrapper(CLIENT_CFG)
            .clientRegIdName(CLIENT_REG_ID)
            .clientIdName(CLIENT_ID)
            .sourceClientIdName(SOURCE_CLIENT_ID)
            .registrationIdPrefix("mfr-")
            .keySuids(Suids.RSPF_PROVISIONED, "RSPF-provisioned")
            .exporterLabel(KeyExport.CONNECTION_LABEL)
            .clientIdentity(ClientIdentity.HANDSHAKE_PEER)
            .logCategory("org.example.mef.procedures")
            .build();

    private MefFunction() {}

    /** The target of the procedures at a MEF: {@code /<MEF-FQDN>/mefBase}. */
    public static String base(String mefFqdn) { return DEFINITION.basePath(mefFqdn); }

    public static String registration(String mefFqdn, String registrationId) { return DEFINITION.registrationPath(mefFqdn, registrationId); }

    /** {@code /<MEF-FQDN>/mefBase/regs/<ID>/cmd}: the registration's {@code <mefClientCmd>}. */
    public static String command(String mefFqdn, String registrationId) { return registration(mefFqdn, registrationId) + "/" + COMMAND; }

    public static String key(String mefFqdn, String relativeKeyId) { return DEFINITION.keyPath(mefFqdn, relativeKeyId); }
}
