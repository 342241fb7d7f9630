package org.example.onem2m.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.ops4j.pax.exam.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The product bundles to install: those the features module lists in its generated {@code feature.xml}, so that
 * these tests run what a Karaf user would install; or, when that file does not exist, an explicit list (the
 * mgmtobj, primitive and mvstore reactor jars, gson, h2 and the JDBC service API that h2's activator needs; Bouncy Castle 1.84 and the tef
 * and maf reactor jars).
 *
 * <p>Runs in the Pax Exam driver (it builds options). The choice is logged and handed to the container as the
 * system property {@value #SOURCE_PROPERTY}.
 */
public final class ProductBundles {
    private static final Logger LOG = LoggerFactory.getLogger(ProductBundles.class);

    /** The generated Karaf feature; set by the POM to features/target/feature/feature.xml. */
    public static final String FEATURES_XML_PROPERTY = "itest.features.xml";
    /** Prefix of the system properties that give the reactor jar of a reactor artifact: {@code itest.reactor.<artifactId>}. */
    public static final String REACTOR_JAR_PREFIX = "itest.reactor.";
    /** Tells the tests which bundle set was installed: {@code feature.xml <path>} or {@code explicit list}. */
    public static final String SOURCE_PROPERTY = "itest.productBundles.source";
    /** The reactor's groupId: its artifacts are not in any repository during {@code mvn verify}. */
    static final String REACTOR_GROUP_ID = "org.example.onem2m";
    static final String PRIMITIVE_ARTIFACT_ID = "org.example.onem2m.primitive.bundle";
    static final String MVSTORE_ARTIFACT_ID = "org.example.onem2m.mvstore.bundle";
    static final String MGMTOBJ_ARTIFACT_ID = "org.example.mgmtobj.bundle";
    static final String TEF_ARTIFACT_ID = "org.example.tef.bundle";
    static final String MAF_ARTIFACT_ID = "org.example.maf.bundle";
    static final String MEF_ARTIFACT_ID = "org.example.mef.bundle";
    static final String DEVICE_ARTIFACT_ID = "org.example.device.bundle";

    /** A chosen bundle set: where it came from, and one install location per bundle. */
    public static final class Selection {
        public final String source;
        public final List<String> locations;

        Selection(String source, List<String> locations) {
            this.source = source;
            this.locations = List.copyOf(locations);
        }

        public Option[] options() {
            return locations.stream().map(l -> bundle(l)).toArray(Option[]::new);
        }
    }

    private ProductBundles() {}

    public static Selection select() {
        String configured = System.getProperty(FEATURES_XML_PROPERTY);
        Path featuresXml = configured == null || configured.isBlank() ? null : Paths.get(configured).toAbsolutePath().normalize();
        Selection selection;
        if (featuresXml != null && Files.isRegularFile(featuresXml)) {
            List<String> locations = new ArrayList<>();
            for (String url : bundleUrls(featuresXml)) locations.add(installLocation(url));
            selection = new Selection("feature.xml " + featuresXml, locations);
        } else {
            List<String> locations = new ArrayList<>();
            locations.add(reactorJar(MGMTOBJ_ARTIFACT_ID));
            locations.add(reactorJar(PRIMITIVE_ARTIFACT_ID));
            locations.add(reactorJar(MVSTORE_ARTIFACT_ID));
            locations.add(mavenBundle("com.google.code.gson", "gson").versionAsInProject().getURL());
            locations.add(mavenBundle("com.h2database", "h2").versionAsInProject().getURL());
            // h2's activator needs the JDBC service API, or the h2 bundle does not start.
            locations.add(mavenBundle("org.osgi", "org.osgi.service.jdbc").versionAsInProject().getURL());
            // The MAF (feature onem2m-maf): Bouncy Castle 1.84, all four of one release, then tef and maf.
            for (String bc : List.of("bcprov-jdk18on", "bcutil-jdk18on", "bcpkix-jdk18on", "bctls-jdk18on")) {
                locations.add(mavenBundle("org.bouncycastle", bc).versionAsInProject().getURL());
            }
            locations.add(reactorJar(TEF_ARTIFACT_ID));
            locations.add(reactorJar(MAF_ARTIFACT_ID));
            locations.add(reactorJar(MEF_ARTIFACT_ID));
            locations.add(reactorJar(DEVICE_ARTIFACT_ID));
            selection = new Selection("explicit list (no " + (featuresXml == null ? FEATURES_XML_PROPERTY + " set" : featuresXml) + ")", locations);
        }
        LOG.info("Product bundles from {}: {}", selection.source, selection.locations);
        return selection;
    }

    /** Every {@code <bundle>} of every feature in a Karaf features file, in order, without duplicates. */
    static List<String> bundleUrls(Path featuresXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            Document document = factory.newDocumentBuilder().parse(featuresXml.toFile());
            NodeList bundles = document.getElementsByTagNameNS("*", "bundle");
            Set<String> urls = new LinkedHashSet<>();
            for (int i = 0; i < bundles.getLength(); i++) {
                String url = bundles.item(i).getTextContent().trim();
                if (!url.isEmpty()) urls.add(url);
            }
            if (urls.isEmpty()) throw new IllegalStateException(featuresXml + " lists no <bundle>; is enableGeneration set in the features module?");
            return new ArrayList<>(urls);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the bundles of " + featuresXml, e);
        }
    }

    /**
     * Where to install a feature's bundle from: a reactor artifact from its jar in the reactor (it is not in any
     * repository during {@code mvn verify}), anything else by its own URL (pax-url-aether resolves {@code mvn:}).
     */
    static String installLocation(String url) {
        if (!url.startsWith("mvn:")) return url;
        String coordinates = url.substring("mvn:".length());
        int bang = coordinates.lastIndexOf('!');
        if (bang >= 0) coordinates = coordinates.substring(bang + 1);
        String[] parts = coordinates.split("/");
        if (parts.length < 3) throw new IllegalStateException("not a mvn:groupId/artifactId/version URL: " + url);
        if (!REACTOR_GROUP_ID.equals(parts[0])) return url;
        return reactorJar(parts[1]);
    }

    private static String reactorJar(String artifactId) {
        String path = System.getProperty(REACTOR_JAR_PREFIX + artifactId);
        if (path == null || path.isBlank() || path.startsWith("${")) {
            throw new IllegalStateException("no reactor jar for " + artifactId + ": add it as a test dependency of itests and pass "
                    + "${" + REACTOR_GROUP_ID + ":" + artifactId + ":jar} as the system property " + REACTOR_JAR_PREFIX + artifactId);
        }
        File jar = new File(path);
        if (!jar.isFile()) throw new IllegalStateException("the reactor jar of " + artifactId + " does not exist: " + jar);
        return jar.toURI().toString();
    }
}
