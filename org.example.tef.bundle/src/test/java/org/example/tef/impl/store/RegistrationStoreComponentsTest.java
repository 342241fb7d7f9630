package org.example.tef.impl.store;

import static org.example.tef.impl.store.RegistrationStoreContract.T0;
import static org.example.tef.impl.store.RegistrationStoreContract.key;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The store services as DS activates them from their factory configurations. */
public class RegistrationStoreComponentsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** A component property type answering the given properties, else the annotation's defaults (else null). */
    static <A> A config(Class<A> type, Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) return type;
            if (method.getName().equals("toString")) return type.getSimpleName() + values;
            if (values.containsKey(method.getName())) return values.get(method.getName());
            return method.getDefaultValue();
        }));
    }

    @Test
    public void withoutAFileTheStoreIsNamedAfterItsNameInTheDataDirectory() {
        Path dir = tmp.getRoot().toPath().resolve("data");
        assertEquals(dir.resolve("maf-registry.mv.db"), MVStoreRegistrationStoreComponent.file(
                config(MVStoreRegistrationStoreConfiguration.class, "name", "maf", "dataDirectory", dir.toString())));
    }

    @Test
    public void aRelativeFileIsInTheDataDirectory() {
        Path dir = tmp.getRoot().toPath().resolve("data");
        assertEquals(dir.resolve("sub/r.mv.db"), MVStoreRegistrationStoreComponent.file(config(MVStoreRegistrationStoreConfiguration.class,
                "name", "maf", "dataDirectory", dir.toString(), "file", "sub/r.mv.db")));
    }

    @Test
    public void anAbsoluteFileIsWhereItSays() {
        Path dir = tmp.getRoot().toPath().resolve("data");
        Path elsewhere = tmp.getRoot().toPath().resolve("elsewhere/x.mv.db").toAbsolutePath();
        assertEquals(elsewhere, MVStoreRegistrationStoreComponent.file(config(MVStoreRegistrationStoreConfiguration.class,
                "name", "maf", "dataDirectory", dir.toString(), "file", elsewhere.toString())));
    }

    @Test
    public void aStoreWithoutAUsableNameDoesNotStartAndTheMessageNamesTheFactoryPid() {
        for (String bad : new String[] {null, "", "a b", "(name=x)"}) {
            try {
                new InMemoryRegistrationStoreComponent(config(InMemoryRegistrationStoreConfiguration.class, "name", bad));
                fail("the name " + bad + " must be refused");
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains(InMemoryRegistrationStoreConfiguration.FACTORY_PID));
            }
        }
    }

    /** An MVStore component named maf in the temporary folder, holding one key registration, closed as a consumer might. */
    private MVStoreRegistrationStoreComponent componentWithOneKeyClosedByAConsumer() {
        MVStoreRegistrationStoreComponent component = new MVStoreRegistrationStoreComponent(
                config(MVStoreRegistrationStoreConfiguration.class, "name", "maf", "dataDirectory", tmp.getRoot().toPath().toString()));
        component.putKeyRegistration(key("abc", T0));
        component.close(); // as a consumer might
        return component;
    }

    @Test
    public void closeOnTheServiceLeavesTheStoreOpen() {
        MVStoreRegistrationStoreComponent component = componentWithOneKeyClosedByAConsumer();
        try {
            assertEquals(1, component.keyRegistrationCount());
        } finally {
            component.deactivate();
        }
    }

    @Test
    public void deactivatingTheComponentClosesTheStore() {
        Path dir = tmp.getRoot().toPath();
        MVStoreRegistrationStoreComponent component = componentWithOneKeyClosedByAConsumer();
        component.deactivate();
        try {
            component.keyRegistrationCount();
            fail("the deactivated store is closed");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("closed"));
        }
        assertTrue(Files.isRegularFile(dir.resolve("maf-registry.mv.db")));
        try (MVStoreRegistrationStore reopened = new MVStoreRegistrationStore(dir.resolve("maf-registry.mv.db"))) {
            assertTrue(reopened.keyRegistration("ABC").isPresent());
        }
    }
}
