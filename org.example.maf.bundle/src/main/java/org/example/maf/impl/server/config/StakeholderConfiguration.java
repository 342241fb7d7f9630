package org.example.maf.impl.server.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = StakeholderConfiguration.FACTORY_PID, name = "oneM2M MAF administrating stakeholder",
        description = "One administrating stakeholder the MAF serves (TS-0003 8.8.1): whom it authorizes and for how long.")
public @interface StakeholderConfiguration {
    String FACTORY_PID = "org.example.maf.stakeholder";

    @AttributeDefinition(name = "adminFQDN", description = "FQDN of the administrating stakeholder.")
    String adminFqdn();

    @AttributeDefinition(name = "Pre-authorized clients", description = "MAF Client IDs (absolute AE-IDs or CSE-IDs) allowed to register; comma-separated values are split.")
    String[] preAuthorizedClients() default {};

    @AttributeDefinition(name = "Longest registration", description = "Longest MAF Client Registration the MAF grants (seconds).")
    long maxRegistrationLifetimeSeconds() default 31_536_000L;

    @AttributeDefinition(name = "Longest key lifetime", description = "Longest key registration the MAF grants (seconds).")
    long maxKeyLifetimeSeconds() default 2_592_000L;

    @AttributeDefinition(name = "MAF Client Configuration", description = "JSON object handed out by MAF Client Configuration Retrieval (TS-0003 8.8.2.4); empty for none.")
    String clientConfiguration() default "";
}
