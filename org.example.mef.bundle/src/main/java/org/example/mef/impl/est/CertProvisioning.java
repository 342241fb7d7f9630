package org.example.mef.impl.est;

/**
 * The stakeholder's way to have a MEF Client provisioned with a certificate (TS-0003 8.3.9.7, 8.3.6.2): a CERT_PROV
 * command with certProvProtocolID EST and the base URI of this MEF's own EST server, queued like any other command.
 */
public interface CertProvisioning {
    /**
     * @param target a MEFClientRegID ({@code mfr-...}) or a MEF Client ID (its live registration, or its next one)
     * @return the cmdID
     * @throws IllegalStateException when the MEF runs no EST server
     * @throws IllegalArgumentException when the target cannot take the command
     */
    String queueCertProv(String target, CertSubject subject);
}
