package org.example.onem2m.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The product bundles, on the platform Karaf supplies, resolve and start in a real framework: Felix (module itests)
 * or Equinox (module itests-equinox), the one the module names in {@value ItestOptions#FRAMEWORK_PROPERTY}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AllInstalledBundlesIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return ItestOptions.container();
    }

    /** The framework that runs is the module's: a stray FrameworkFactory on the class path would not go unnoticed. */
    @Test
    public void theSystemBundleIsTheModulesFramework() {
        Bundle system = context.getBundle(0);
        System.out.println("Framework: " + system.getSymbolicName() + " " + system.getVersion());
        assertEquals("the system bundle's symbolic name", ItestOptions.expectedFramework(), system.getSymbolicName());
    }

    @Test
    public void everyInstalledBundleReachesActive() {
        System.out.println("Product bundles installed from " + System.getProperty(ProductBundles.SOURCE_PROPERTY));
        // Pax Exam has already started every bundle; the wait only covers a bundle still STARTING (30 s: a busy machine)
        List<Bundle> notActive = Await.until("every bundle to be ACTIVE (a start error is logged in failsafe-reports/*-output.txt)",
                Duration.ofSeconds(30), () -> {
            List<Bundle> pending = notActive();
            return pending.isEmpty() ? pending : null;
        }, () -> describe(notActive()));
        assertTrue("bundles that did not reach ACTIVE: " + describe(notActive), notActive.isEmpty());
        for (Bundle b : context.getBundles()) System.out.println("ACTIVE " + b.getSymbolicName() + " " + b.getVersion());
    }

    @Test
    public void theProductBundlesAreAmongThem() {
        Set<String> installed = Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName).collect(Collectors.toSet());
        for (String expected : List.of("org.example.onem2m.primitive", "org.example.onem2m.mvstore", "org.example.mgmtobj", "com.google.gson", "com.h2database",
                "org.example.tef", "org.example.maf", "bcprov", "bcutil", "bcpkix", "bctls")) {
            assertTrue(expected + " is not installed (product bundles from " + System.getProperty(ProductBundles.SOURCE_PROPERTY)
                    + "); installed: " + installed, installed.contains(expected));
        }
    }

    /** Bundles that are not ACTIVE, fragments excepted (a fragment never goes beyond RESOLVED). */
    private List<Bundle> notActive() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .filter(b -> b.getState() != Bundle.ACTIVE)
                .collect(Collectors.toList());
    }

    private static String describe(List<Bundle> bundles) {
        return bundles.stream().map(b -> b.getSymbolicName() + " " + b.getVersion() + " (" + state(b.getState()) + ", " + b.getLocation() + ")")
                .collect(Collectors.joining("; ", "[", "]"));
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED: not resolved";
            case Bundle.RESOLVED: return "RESOLVED: not started";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "UNINSTALLED";
        }
    }
}
