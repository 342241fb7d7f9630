package org.example.mef.impl.server.config;

import org.example.tef.core.Stakeholder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One factory configuration {@value MefStakeholderConfiguration#FACTORY_PID}: a stakeholder the MEF serves. */
@Component(service = MefStakeholderComponent.class, configurationPid = MefStakeholderConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MefStakeholderConfiguration.class, factory = true)
public final class MefStakeholderComponent {
    private final Stakeholder stakeholder;

    @Activate
    public MefStakeholderComponent(MefStakeholderConfiguration config) {
        this.stakeholder = Stakeholder.fromConfiguration(config.adminFqdn(), config.preAuthorizedClients(),
                config.maxRegistrationLifetimeSeconds(), config.maxKeyLifetimeSeconds(), config.clientConfiguration());
    }

    public Stakeholder stakeholder() { return stakeholder; }
}
