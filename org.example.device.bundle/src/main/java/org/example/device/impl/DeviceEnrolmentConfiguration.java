package org.example.device.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = DeviceEnrolmentConfiguration.PID, name = "MEF Client driven by device configuration", description = "The device's own MEF Client credential"
        + " (TS-0003 8.3.5.2.2) and how MO changes of TS-0022 MEFClientRegCfg, MAFClientRegCfg and authenticationProfile run the MEF and MAF"
        + " procedures (8.3.4.2, 8.3.4.3, 8.3.9.9).")
public @interface DeviceEnrolmentConfiguration {
    String PID = "org.example.mef.device";

    @AttributeDefinition(name = "Client ID", description = "This device's MEF Client ID (absolute CSE-ID, AE-ID or Node-ID), as the MEF knows it.")
    String clientId();

    @AttributeDefinition(name = "KpmID", description = "The KpmID of the pre-provisioned Enrolee key (relative@MEF-FQDN).")
    String kpmId();

    @AttributeDefinition(name = "Kpm", description = "The key, hex or base64 (prefix base64:), 16 bytes or more.", type = AttributeType.PASSWORD)
    String kpm();

    @AttributeDefinition(name = "State directory", description = "Where each MEFClientRegCfg's MEF Client keeps its registrations and keys"
            + " (one file per MO); empty: in memory only.", required = false)
    String stateDirectory() default "";

    @AttributeDefinition(name = "MEF host", description = "Connect here instead of the MO's fqdn (the fqdn is still the SNI name); empty: the fqdn.",
            required = false)
    String mefHost() default "";

    @AttributeDefinition(name = "MAF host", description = "Connect to a MAFClientRegCfg's MAF here instead of the MO's fqdn (the fqdn is still"
            + " the SNI name); empty: the fqdn.", required = false)
    String mafHost() default "";

    @AttributeDefinition(name = "MAF KmID", description = "A pre-provisioned Master Credential for the MAFs of MAFClientRegCfg MOs (KmID"
            + " relative@MAF-FQDN, TS-0003 8.8.2.2); empty: the MAF Client authenticates with the Enrolment Key of a registered"
            + " MEFClientRegCfg's MEF Client, whose Km the MAF fetches from the MEF (8.3.2.1, 10.3.7).", required = false)
    String mafKmId() default "";

    @AttributeDefinition(name = "MAF Km", description = "The Km of the MAF KmID, hex or base64 (prefix base64:).", type = AttributeType.PASSWORD,
            required = false)
    String mafKm() default "";

    @AttributeDefinition(name = "CSE-ID", description = "The CSE-ID of the tree, to address the symmKeyID UPDATE (/cseId/resourceID);"
            + " empty: the tree's own (cseId of PID org.example.mgmtobj).", required = false)
    String cseId() default "";

    @AttributeDefinition(name = "Admin originator", description = "The originator of the symmKeyID UPDATE: one of the tree's admin originators.")
    String adminOriginator() default "CAdmin";

    @AttributeDefinition(name = "First retry (ms)", description = "The delay before the first retry when the MEF does not answer; doubled each time, with jitter.")
    long firstRetryMillis() default 2000;

    @AttributeDefinition(name = "Longest retry delay (ms)")
    long maxRetryMillis() default 600_000;

    @AttributeDefinition(name = "Retry window (s)", description = "How long an MO without expirationTime (or deleted) is retried.")
    long retryWindowSeconds() default 86_400;

    @AttributeDefinition(name = "MO_NODE command time-out (ms)", description = "How long an MO_NODE MEF Client Command (TS-0003 8.3.9.9) waits"
            + " for its MO's processing before it reports MO_NODE_EXECUTION_ERROR (305).")
    long moNodeTimeoutMillis() default 60_000;

    @AttributeDefinition(name = "Trust anchor fetch time-out (ms)", description = "How long the HTTPS GET of a trustAnchorCred's URI may take"
            + " (TS-0003 8.3.9.9.7); the certificate is checked against certFingerprint and kept in the state directory.")
    long trustAnchorFetchTimeoutMillis() default 10_000;

    @AttributeDefinition(name = "Device certificate chain", description = "PEM file of this device's own certificate (first) and its chain:"
            + " what an authenticationProfile with SUID 41-43 names by myCertFingerprint (TS-0003 8.3.9.9.6); empty: none.", required = false)
    String certificateChainFile() default "";

    @AttributeDefinition(name = "Device private key", description = "PEM file of the certificate's unencrypted private key (owner-only"
            + " permissions); empty: none.", required = false)
    String privateKeyFile() default "";

    @AttributeDefinition(name = "Threads", description = "Procedures on different MOs run in parallel on this many threads. A procedure"
            + " mostly waits for the network and for the servers' disk syncs, so there are more threads than cores.")
    // 4: figure 12 of BENCHMARKS.md (16 operators, 2 cores), one window each after warm-up: with 2 the machine was 92 % busy
    // (455 MOs/s, p99 57.9 ms), with 4 99 % (488 MOs/s, p99 52.9 ms), within the windows' spread; with 8, before the JIT had settled, no better
    int threads() default 4;
}
