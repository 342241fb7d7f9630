package org.example.mef.impl.client;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MefClientFactoryConfiguration.PID, name = "oneM2M MEF Client factory", description = "What the MEF Clients"
        + " the MefClientFactory service makes share. Optional: without it, clients provision certificates only when their own"
        + " configuration names a certificate directory.")
public @interface MefClientFactoryConfiguration {
    String PID = "org.example.mef.client";

    @AttributeDefinition(name = "Certificate directory", description = "Where clients whose configuration names no certificate"
            + " directory keep the certificates the MEF provisions by CERT_PROV commands (TS-0003 8.3.9.7, EST 8.3.6.2): one"
            + " sub-directory per MEF and client ID, private keys owner-only. Empty: such clients execute no CERT_PROV command"
            + " (CLASS_NOT_SUPPORTED).", required = false)
    String certificateDirectory() default "";

    @AttributeDefinition(name = "Certificate renewal margin (days)", description = "A provisioned certificate is re-enrolled"
            + " (RFC 7030 simplereenroll, TS-0003 8.3.6.2.3) when fewer days than this remain of its validity, at most a third"
            + " of that validity.")
    long certificateRenewalMarginDays() default 30;

    @AttributeDefinition(name = "Certificate-based MEF Handshake", description = "Whether every client's MEF sessions"
            + " authenticate with the certificate the MEF provisioned for its own client ID (TS-0003 8.3.5.2.2, 8.3.6.1) while it"
            + " holds a valid one, and with its Kpm otherwise. Needs a certificate directory and a MEF whose EST server is on.")
    boolean certificateHandshake() default false;
}
