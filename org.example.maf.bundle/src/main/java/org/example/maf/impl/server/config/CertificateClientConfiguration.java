package org.example.maf.impl.server.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = CertificateClientConfiguration.FACTORY_PID, name = "oneM2M MAF provisioned client certificate",
        description = "Provisioned MAF Client Certificate Information (TS-0003 8.8.2.2, 8.8.3.2): the certificate that authenticates"
                + " one MAF Client, by its SHA-256 fingerprint or as a PEM file. The certificate must also chain to the MAF's"
                + " client trust anchors.")
public @interface CertificateClientConfiguration {
    String FACTORY_PID = "org.example.maf.certclient";

    @AttributeDefinition(name = "MAF Client ID", description = "Absolute AE-ID or CSE-ID the certificate authenticates, e.g. //sp.example.com/cse1.")
    String clientId();

    @AttributeDefinition(name = "SHA-256 fingerprint", description = "SHA-256 of the client's end-entity certificate (DER), 64 hex digits;"
            + " colons and case are ignored, as in the output of openssl x509 -noout -fingerprint -sha256. Set this or certificateFile.")
    String fingerprint() default "";

    @AttributeDefinition(name = "Certificate file", description = "PEM file of the client's end-entity certificate (its first certificate counts)."
            + " Set this or fingerprint.")
    String certificateFile() default "";
}
