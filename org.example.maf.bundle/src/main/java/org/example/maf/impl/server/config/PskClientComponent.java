package org.example.maf.impl.server.config;

import org.example.tef.core.ConfigValues;

import org.example.tef.api.Identifiers;
import org.example.tef.api.channel.PskCredential;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One factory configuration {@value PskClientConfiguration#FACTORY_PID}: a pre-provisioned Km of one MAF Client. */
@Component(name = "org.example.maf.impl.server.PskClientComponent", service = PskClientComponent.class, configurationPid = PskClientConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PskClientConfiguration.class, factory = true)
public final class PskClientComponent {
    private final PskCredential credential;

    @Activate
    public PskClientComponent(PskClientConfiguration config) {
        Identifiers.parse(config.kmId());
        this.credential = new PskCredential(config.kmId(), ConfigValues.secret(config.km()), config.clientId());
    }

    public PskCredential credential() { return credential; }
}
