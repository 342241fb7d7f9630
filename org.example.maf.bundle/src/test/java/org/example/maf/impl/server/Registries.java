package org.example.maf.impl.server;

import org.example.maf.api.MafServerBuilder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

import org.example.tef.impl.store.MVStoreRegistrationStore;
import org.example.tef.spi.RegistrationStore;

/**
 * The registries tests hand a {@link MafServerComponent}, as DS hands it the store service: the test owns it and
 * closes it after the MAF was deactivated (the MAF never closes a store it was given).
 */
final class Registries {
    private Registries() {}

    /** The durable store in {@code directory}/{@value MafServerBuilder.STORE_FILE}, as the distribution configures it. */
    static MVStoreRegistrationStore durable(Path directory) {
        return new MVStoreRegistrationStore(directory.resolve(MafServerBuilder.STORE_FILE));
    }

    /**
     * The same store, but its file is opened only when the MAF first uses it, so that a test can see that a MAF
     * which refused to start never touched its registry. {@code close()} closes it only if it was opened.
     */
    static RegistrationStore durableOnFirstUse(Path directory) {
        MVStoreRegistrationStore[] opened = {null};
        return (RegistrationStore) Proxy.newProxyInstance(Registries.class.getClassLoader(), new Class<?>[] {RegistrationStore.class},
                (proxy, method, args) -> {
                    synchronized (opened) {
                        switch (method.getName()) {
                            case "close":
                                if (opened[0] != null) opened[0].close();
                                return null;
                            case "toString": return "registry opened on first use in " + directory;
                            case "hashCode": return System.identityHashCode(proxy);
                            case "equals": return proxy == args[0];
                            default:
                                if (opened[0] == null) opened[0] = durable(directory);
                        }
                    }
                    try {
                        return method.invoke(opened[0], args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
