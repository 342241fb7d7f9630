package org.example.mef.impl.server.config;

import org.example.tef.api.Identifiers;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.core.ConfigValues;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One factory configuration {@value MefPskClientConfiguration#FACTORY_PID}: a KpmID/Kpm and whom it authenticates. */
@Component(service = MefPskClientComponent.class, configurationPid = MefPskClientConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MefPskClientConfiguration.class, factory = true)
public final class MefPskClientComponent {
    private final PskCredential credential;
    private final java.util.Set<String> enrolmentTargets;

    @Activate
    public MefPskClientComponent(MefPskClientConfiguration config) {
        Identifiers.parse(config.kpmId());
        this.credential = new PskCredential(config.kpmId(), ConfigValues.secret(config.kpm()), config.clientId());
        this.enrolmentTargets = java.util.Set.copyOf(ConfigValues.split(config.enrolmentTargets()));
    }

    public PskCredential credential() { return credential; }

    /** The Enrolment Targets that may fetch this Enrolee's credentials; empty: every one of the MEF. */
    public java.util.Set<String> enrolmentTargets() { return enrolmentTargets; }
}
