package org.example.tef.impl.store;

import org.example.tef.spi.RegistrationStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One in-memory store per configuration of factory PID {@value InMemoryRegistrationStoreConfiguration#FACTORY_PID},
 * registered as a {@link RegistrationStore} service with the service properties {@code name} (from the
 * configuration) and {@code store.type=memory}. Not durable: what it holds is gone when it is deactivated.
 */
@Component(service = RegistrationStore.class, configurationPid = InMemoryRegistrationStoreConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, property = "store.type=memory")
@Designate(ocd = InMemoryRegistrationStoreConfiguration.class, factory = true)
public final class InMemoryRegistrationStoreComponent extends RegistrationStoreService {

    @Activate
    public InMemoryRegistrationStoreComponent(InMemoryRegistrationStoreConfiguration config) {
        super(open(config));
    }

    private static RegistrationStore open(InMemoryRegistrationStoreConfiguration config) {
        checkedName(config.name(), InMemoryRegistrationStoreConfiguration.FACTORY_PID);
        return new InMemoryRegistrationStore();
    }

    @Deactivate
    void deactivate() {
        closeStore();
    }
}
