package org.example.onem2m.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Hashtable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/** What the scenario ITs ask of the framework they run in: bundles, service counts, factory configurations, directories. */
public final class Framework {
    private Framework() {}

    /** The installed bundle of this symbolic name. */
    public static Bundle bundle(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("bundle " + symbolicName + " is not installed"));
    }

    /** How many services of this class are registered. */
    public static int services(BundleContext context, String className) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(className, null);
            return refs == null ? 0 : refs.length;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service of {@code type}, waited for up to {@code timeout}; fails the test when none comes or it went away. */
    public static <S> S service(BundleContext context, Class<S> type, java.time.Duration timeout) {
        ServiceReference<S> ref = Await.until("the " + type.getSimpleName() + " service", timeout,
                () -> context.getServiceReference(type), () -> "none registered");
        S service = context.getService(ref);
        org.junit.Assert.assertNotNull(type.getSimpleName() + " service went away", service);
        return service;
    }

    /** A factory configuration from name/value pairs; "?": multi-location, so that the product's components receive it. */
    public static void createFactory(ConfigurationAdmin admin, String factoryPid, Object... namesAndValues) throws IOException {
        Hashtable<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < namesAndValues.length; i += 2) properties.put((String) namesAndValues[i], namesAndValues[i + 1]);
        admin.createFactoryConfiguration(factoryPid, "?").update(properties);
    }

    /** A fresh directory under the build directory (target/), else the temporary one. */
    public static Path newDirectory(String prefix) throws IOException {
        String buildDirectory = System.getProperty("itest.buildDirectory");
        Path parent = Paths.get(buildDirectory != null ? buildDirectory : System.getProperty("java.io.tmpdir"));
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, prefix).toAbsolutePath();
    }
}
