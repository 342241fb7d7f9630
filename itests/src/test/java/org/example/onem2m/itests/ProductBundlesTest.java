package org.example.onem2m.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** How the Pax Exam configuration turns a generated Karaf feature into install locations (plain unit test, no framework). */
public class ProductBundlesTest {
    private static final String MGMTOBJ_PROPERTY = ProductBundles.REACTOR_JAR_PREFIX + ProductBundles.MGMTOBJ_ARTIFACT_ID;
    private static final String TEF_PROPERTY = ProductBundles.REACTOR_JAR_PREFIX + ProductBundles.TEF_ARTIFACT_ID;
    private static final String MAF_PROPERTY = ProductBundles.REACTOR_JAR_PREFIX + ProductBundles.MAF_ARTIFACT_ID;
    private static final String MEF_PROPERTY = ProductBundles.REACTOR_JAR_PREFIX + ProductBundles.MEF_ARTIFACT_ID;
    private static final String DEVICE_PROPERTY = ProductBundles.REACTOR_JAR_PREFIX + ProductBundles.DEVICE_ARTIFACT_ID;
    private static final String PRIMITIVE_PROPERTY = ProductBundles.REACTOR_JAR_PREFIX + ProductBundles.PRIMITIVE_ARTIFACT_ID;
    private static final String MVSTORE_PROPERTY = ProductBundles.REACTOR_JAR_PREFIX + ProductBundles.MVSTORE_ARTIFACT_ID;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final String savedMgmtObj = System.getProperty(MGMTOBJ_PROPERTY);
    private final String savedTef = System.getProperty(TEF_PROPERTY);
    private final String savedMaf = System.getProperty(MAF_PROPERTY);
    private final String savedMef = System.getProperty(MEF_PROPERTY);
    private final String savedDevice = System.getProperty(DEVICE_PROPERTY);
    private final String savedPrimitive = System.getProperty(PRIMITIVE_PROPERTY);
    private final String savedMvstore = System.getProperty(MVSTORE_PROPERTY);
    private final String savedFeatures = System.getProperty(ProductBundles.FEATURES_XML_PROPERTY);

    @After
    public void restoreProperties() {
        restore(MGMTOBJ_PROPERTY, savedMgmtObj);
        restore(TEF_PROPERTY, savedTef);
        restore(MAF_PROPERTY, savedMaf);
        restore(MEF_PROPERTY, savedMef);
        restore(DEVICE_PROPERTY, savedDevice);
        restore(PRIMITIVE_PROPERTY, savedPrimitive);
        restore(MVSTORE_PROPERTY, savedMvstore);
        restore(ProductBundles.FEATURES_XML_PROPERTY, savedFeatures);
    }

    @Test
    public void everyBundleOfEveryFeatureIsListedOnceInDocumentOrderAndFeatureReferencesAreNot() throws Exception {
        assertEquals(List.of(
                "mvn:org.example.onem2m/org.example.mgmtobj.bundle/0.1.0-SNAPSHOT",
                "mvn:com.google.code.gson/gson/2.15.0",
                "mvn:com.h2database/h2/2.3.232",
                "mvn:org.osgi/org.osgi.service.jdbc/1.1.0"), ProductBundles.bundleUrls(sample()));
    }

    @Test
    public void aReactorBundleIsInstalledFromItsReactorJarAndOthersByTheirMvnUrl() throws Exception {
        File jar = folder.newFile("org.example.mgmtobj.bundle-0.1.0-SNAPSHOT.jar");
        System.setProperty(MGMTOBJ_PROPERTY, jar.getPath());
        assertEquals(jar.toURI().toString(), ProductBundles.installLocation("mvn:org.example.onem2m/org.example.mgmtobj.bundle/0.1.0-SNAPSHOT"));
        assertEquals("mvn:com.h2database/h2/2.3.232", ProductBundles.installLocation("mvn:com.h2database/h2/2.3.232"));
        assertEquals("file:/opt/x.jar", ProductBundles.installLocation("file:/opt/x.jar"));
    }

    @Test
    public void aReactorBundleWithoutAReactorJarPropertyFailsWithAnExplanation() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProductBundles.installLocation("mvn:org.example.onem2m/some.future.bundle/0.1.0-SNAPSHOT"));
        assertTrue(e.getMessage(), e.getMessage().contains("itest.reactor.some.future.bundle"));
    }

    @Test
    public void anExistingFeatureFileIsPreferredAndNamedAsTheSource() throws Exception {
        File jar = folder.newFile("mgmtobj.jar");
        System.setProperty(MGMTOBJ_PROPERTY, jar.getPath());
        System.setProperty(ProductBundles.FEATURES_XML_PROPERTY, sample().toString());
        ProductBundles.Selection selection = ProductBundles.select();
        assertTrue(selection.source, selection.source.startsWith("feature.xml "));
        assertEquals(4, selection.locations.size());
        assertEquals(jar.toURI().toString(), selection.locations.get(0));
    }

    @Test
    public void aMissingFeatureFileFallsBackToTheExplicitList() throws Exception {
        File jar = folder.newFile("mgmtobj.jar");
        File tef = folder.newFile("tef.jar");
        File maf = folder.newFile("maf.jar");
        System.setProperty(MGMTOBJ_PROPERTY, jar.getPath());
        System.setProperty(TEF_PROPERTY, tef.getPath());
        System.setProperty(MAF_PROPERTY, maf.getPath());
        File mef = folder.newFile("mef.jar");
        System.setProperty(MEF_PROPERTY, mef.getPath());
        File device = folder.newFile("device.jar");
        System.setProperty(DEVICE_PROPERTY, device.getPath());
        System.setProperty(PRIMITIVE_PROPERTY, folder.newFile("primitive.jar").getPath());
        File mvstore = folder.newFile("mvstore.jar");
        System.setProperty(MVSTORE_PROPERTY, mvstore.getPath());
        System.setProperty(ProductBundles.FEATURES_XML_PROPERTY, new File(folder.getRoot(), "absent/feature.xml").getPath());
        ProductBundles.Selection selection = ProductBundles.select();
        assertTrue(selection.source, selection.source.startsWith("explicit list"));
        assertEquals(jar.toURI().toString(), selection.locations.get(0));
        assertTrue(selection.locations.toString(), selection.locations.stream().anyMatch(l -> l.startsWith("mvn:com.h2database/h2/")));
        assertTrue("the shared MVStore writer: " + selection.locations, selection.locations.contains(mvstore.toURI().toString()));
        assertTrue("the MAF's, the MEF's and the device side's reactor jars: " + selection.locations,
                selection.locations.containsAll(List.of(tef.toURI().toString(), maf.toURI().toString(), mef.toURI().toString(),
                        device.toURI().toString())));
        for (String bc : List.of("bcprov", "bcutil", "bcpkix", "bctls")) {
            assertTrue(bc + " 1.84: " + selection.locations, selection.locations.contains("mvn:org.bouncycastle/" + bc + "-jdk18on/1.84"));
        }
    }

    private static Path sample() throws URISyntaxException {
        return Paths.get(ProductBundlesTest.class.getResource("/sample-feature.xml").toURI());
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }
}
