package org.example.maf.impl.server.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PskClientConfiguration.FACTORY_PID, name = "oneM2M MAF pre-provisioned client key",
        description = "A pre-provisioned Master Credential Km and its KmID (TS-0003 8.8.3.1, 10.6), bound to a MAF Client ID.")
public @interface PskClientConfiguration {
    String FACTORY_PID = "org.example.maf.psk";

    @AttributeDefinition(name = "KmID", description = "MAF_RELATIVE_KmID@MAF-FQDN; the relative part is compared without regard to case.")
    String kmId();

    @AttributeDefinition(name = "Km", description = "The Master Credential, hex or base64 (prefix base64:), 16 bytes or more.", type = AttributeType.PASSWORD)
    String km();

    @AttributeDefinition(name = "MAF Client ID", description = "Absolute AE-ID or CSE-ID the key authenticates, e.g. //sp.example.com/cse1.")
    String clientId();
}
