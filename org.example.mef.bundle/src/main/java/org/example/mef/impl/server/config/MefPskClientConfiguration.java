package org.example.mef.impl.server.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MefPskClientConfiguration.FACTORY_PID, name = "oneM2M MEF pre-provisioned client key",
        description = "A Pre-Provisioned Symmetric Enrolee Key Kpm and its KpmID (TS-0003 8.3.2.1, 8.3.5.2.2), bound to the"
                + " Enrolee's ID; or the PSK of an Enrolment Target (such as a MAF) that fetches credentials (8.3.2.1 f).")
public @interface MefPskClientConfiguration {
    String FACTORY_PID = "org.example.mef.psk";

    @AttributeDefinition(name = "KpmID", description = "relative@MEF-FQDN; the relative part is compared without regard to case.")
    String kpmId();

    @AttributeDefinition(name = "Kpm", description = "The key, hex or base64 (prefix base64:), 16 bytes or more.", type = AttributeType.PASSWORD)
    String kpm();

    @AttributeDefinition(name = "Client ID", description = "The Enrolee (absolute AE-ID, CSE-ID or Node-ID) or Enrolment Target"
            + " (a MAF's FQDN) the key authenticates.")
    String clientId();

    @AttributeDefinition(name = "Enrolment Targets of this Enrolee", description = "The Enrolment Targets (IDs as in the MEF's"
            + " enrolmentTargets) that may fetch credentials for this Enrolee (TS-0003 8.3.2.1 f ii: allowed to fetch for the"
            + " Enrolee); comma-separated. Empty: every Enrolment Target of the MEF. Not used for an Enrolment Target's own key.")
    String[] enrolmentTargets() default {};
}
