package org.example.onem2m.itests;

import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.ops4j.pax.exam.Option;

/**
 * The container every test class boots: the platform Karaf would supply (SCR, Configuration Admin, Metatype,
 * Felix HTTP Jetty, pax-logging-api), then the product bundles chosen by {@link ProductBundles}.
 *
 * <p>The same classes run in two modules: {@code itests} on Apache Felix and {@code itests-equinox} on Equinox
 * ({@code org.eclipse.osgi}, the framework Eclipse OM2M runs on). Nothing here names a framework: Pax Exam's native
 * container takes the one {@code FrameworkFactory} of the module's class path, and each module's failsafe
 * configuration says which one that is in {@value #FRAMEWORK_PROPERTY}, which {@code AllInstalledBundlesIT} checks
 * against the system bundle, so that a module cannot silently run the other framework.
 */
public final class ItestOptions {
    /** Framework property read by Felix HTTP; the tests read it back from their BundleContext. */
    public static final String HTTP_PORT = "org.osgi.service.http.port";
    /**
     * The symbolic name the system bundle must have: {@code org.apache.felix.framework} (itests) or
     * {@code org.eclipse.osgi} (itests-equinox); set by the module's failsafe configuration.
     */
    public static final String FRAMEWORK_PROPERTY = "itest.framework";

    private ItestOptions() {}

    public static Option[] container() {
        ProductBundles.Selection product = ProductBundles.select();
        return options(
                systemProperty(FRAMEWORK_PROPERTY).value(expectedFramework()),
                // pax-logging-api without a backend logs through its DefaultServiceLog (TOOLCHAIN pitfall 11).
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("INFO"),
                systemProperty(ProductBundles.SOURCE_PROPERTY).value(product.source),
                frameworkProperty(HTTP_PORT).value(String.valueOf(freeLocalPort())),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                platform(),
                composite(product.options()),
                junitBundles(),
                cleanCaches());
    }

    /** The system bundle's symbolic name the module expects; a missing property is an error, not a default. */
    public static String expectedFramework() {
        String expected = System.getProperty(FRAMEWORK_PROPERTY);
        if (expected == null || expected.isBlank()) {
            throw new IllegalStateException("the system property " + FRAMEWORK_PROPERTY + " (the system bundle's symbolic name: "
                    + "org.apache.felix.framework or org.eclipse.osgi) is not set; the module's failsafe configuration sets it");
        }
        return expected;
    }

    /** What the platform (Karaf, or the distribution) supplies; the features file does not list these. */
    static Option platform() {
        return composite(
                // Declarative Services: SCR 2.2 no longer exports the DS API (TOOLCHAIN pitfall 3).
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.metatype").versionAsInProject(),
                // HTTP whiteboard: Jetty 11 with the javax servlet API wrappers (TOOLCHAIN pitfalls 12 and 13).
                mavenBundle("org.ops4j.pax.logging", "pax-logging-api").versionAsInProject(),
                mavenBundle("commons-io", "commons-io").versionAsInProject(),
                mavenBundle("commons-fileupload", "commons-fileupload").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.http.jetty").versionAsInProject());
    }

    /** A port nobody listens on right now, on the loopback interface Felix HTTP is bound to. */
    public static int freeLocalPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
