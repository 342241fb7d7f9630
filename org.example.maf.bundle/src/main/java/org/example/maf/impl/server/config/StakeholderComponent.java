package org.example.maf.impl.server.config;

import org.example.tef.core.ConfigValues;

import java.time.Duration;

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
        String clientConfiguration = config.clientConfiguration().isBlank() ? null : config.clientConfiguration().trim();
        if (clientConfiguration != null && !clientConfiguration.startsWith("{")) {
            throw new IllegalArgumentException("clientConfiguration of stakeholder " + config.adminFqdn() + " must be a JSON object");
        }
        this.stakeholder = new Stakeholder(config.adminFqdn(), ConfigValues.split(config.preAuthorizedClients()),
                Duration.ofSeconds(config.maxRegistrationLifetimeSeconds()), Duration.ofSeconds(config.maxKeyLifetimeSeconds()),
                clientConfiguration);
    }

    public Stakeholder stakeholder() { return stakeholder; }
}
