package org.example.tef.impl.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = InMemoryRegistrationStoreConfiguration.FACTORY_PID, name = "oneM2M registration store (in memory)",
        description = "A registration store in the heap, registered as a RegistrationStore service with the service property"
                + " name. NOT durable: every registration is lost when it stops (for tests and throw-away set-ups).")
public @interface InMemoryRegistrationStoreConfiguration {
    String FACTORY_PID = "org.example.tef.store.memory";

    @AttributeDefinition(name = "Name", description = "The service property name=<this> that consumers select the store by"
            + " (the MAF: store.target=(name=maf)); 1 to 64 characters [A-Za-z0-9._-].")
    String name();
}
