package org.example.tef.impl.store;

import java.nio.file.Path;

import org.example.tef.spi.RegistrationStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One embedded durable store per configuration of factory PID {@value MVStoreRegistrationStoreConfiguration#FACTORY_PID},
 * registered as a {@link RegistrationStore} service with the service properties {@code name} (from the
 * configuration) and {@code store.type=mvstore}. The file is opened at activation (immediate, so that a locked or
 * damaged file is reported when the configuration arrives, not at first use) and closed at deactivation.
 */
@Component(service = RegistrationStore.class, configurationPid = MVStoreRegistrationStoreConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, property = "store.type=mvstore")
@Designate(ocd = MVStoreRegistrationStoreConfiguration.class, factory = true)
public final class MVStoreRegistrationStoreComponent extends RegistrationStoreService {

    @Activate
    public MVStoreRegistrationStoreComponent(MVStoreRegistrationStoreConfiguration config) {
        super(new MVStoreRegistrationStore(file(config)));
    }

    /** {@code dataDirectory/file}, or {@code dataDirectory/<name>-registry.mv.db} when no file is configured. */
    static Path file(MVStoreRegistrationStoreConfiguration config) {
        String name = checkedName(config.name(), MVStoreRegistrationStoreConfiguration.FACTORY_PID);
        String file = config.file() == null || config.file().isBlank() ? name + "-registry.mv.db" : config.file().trim();
        String directory = config.dataDirectory() == null || config.dataDirectory().isBlank() ? "data" : config.dataDirectory().trim();
        return Path.of(directory).resolve(file);
    }

    @Deactivate
    void deactivate() {
        closeStore();
    }
}
