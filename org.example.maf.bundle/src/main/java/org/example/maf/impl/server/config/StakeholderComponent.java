package org.example.maf.impl.server.config;

import org.example.tef.core.Stakeholder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One factory configuration {@value StakeholderConfiguration#FACTORY_PID}: a stakeholder the MAF serves. */
@Component(name = "org.example.maf.impl.server.StakeholderComponent", service = StakeholderComponent.class, configurationPid = StakeholderConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StakeholderConfiguration.class, factory = true)
public final class StakeholderComponent {
    private final Stakeholder stakeholder;

    @Activate
    public StakeholderComponent(StakeholderConfiguration config) {
        this.stakeholder = Stakeholder.fromConfiguration(config.adminFqdn(), config.preAuthorizedClients(),
                config.maxRegistrationLifetimeSeconds(), config.maxKeyLifetimeSeconds(), config.clientConfiguration());
    }

    public Stakeholder stakeholder() { return stakeholder; }
}
