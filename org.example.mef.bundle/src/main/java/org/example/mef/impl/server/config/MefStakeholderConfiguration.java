package org.example.mef.impl.server.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MefStakeholderConfiguration.FACTORY_PID, name = "oneM2M MEF administrating stakeholder",
        description = "One administrating stakeholder the MEF serves (TS-0003 8.3.5.2.3): whom it authorizes and for how long.")
public @interface MefStakeholderConfiguration {
    String FACTORY_PID = "org.example.mef.stakeholder";

    @AttributeDefinition(name = "adminFQDN", description = "FQDN of the administrating stakeholder.")
    String adminFqdn();

    @AttributeDefinition(name = "Pre-authorized clients", description = "MEF Client IDs (absolute AE-IDs, CSE-IDs or Node-IDs) allowed to register; comma-separated values are split.")
    String[] preAuthorizedClients() default {};

    @AttributeDefinition(name = "Longest registration", description = "Longest MEF Client Registration the MEF grants (seconds).")
    long maxRegistrationLifetimeSeconds() default 31_536_000L;

    @AttributeDefinition(name = "Longest key lifetime", description = "Longest MEF key registration the MEF grants (seconds).")
    long maxKeyLifetimeSeconds() default 2_592_000L;

    @AttributeDefinition(name = "MEF Client Configuration", description = "JSON object handed out by MEF Client Configuration Retrieval (TS-0003 8.3.5.2.4); empty for none.")
    String clientConfiguration() default "";
}
