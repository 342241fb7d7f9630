package org.example.mef.impl.server.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MefCertificateClientConfiguration.FACTORY_PID, name = "oneM2M MEF provisioned client certificate",
        description = "The certificate that authenticates one Enrolee (or Enrolment Target) at the MEF (TS-0003 8.3.5.2.2), by its"
                + " SHA-256 fingerprint or as a PEM file. The certificate must also chain to the MEF's client trust anchors.")
public @interface MefCertificateClientConfiguration {
    String FACTORY_PID = "org.example.mef.certclient";

    @AttributeDefinition(name = "Client ID", description = "The Enrolee (absolute AE-ID, CSE-ID or Node-ID) or Enrolment Target the certificate authenticates.")
    String clientId();

    @AttributeDefinition(name = "SHA-256 fingerprint", description = "SHA-256 of the client's end-entity certificate (DER), 64 hex digits;"
            + " colons and case are ignored, as openssl x509 -noout -fingerprint -sha256 prints it. Set this or certificateFile.")
    String fingerprint() default "";

    @AttributeDefinition(name = "Certificate file", description = "PEM file of the client's end-entity certificate. Set this or fingerprint.")
    String certificateFile() default "";
}
