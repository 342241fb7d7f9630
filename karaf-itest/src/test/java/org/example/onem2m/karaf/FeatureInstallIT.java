package org.example.onem2m.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code feature:install onem2m} in a live Apache Karaf, as README.md's "In Karaf" tells an operator: the feature
 * repository is added with {@code feature:repo-add} and the feature installed with {@code feature:install} through
 * {@code bin/client}; then every bundle must be Active and the oneM2M HTTP endpoint must serve the resource tree.
 */
public class FeatureInstallIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String LISTING_SEPARATOR = "end-of-feature-list";

    private static KarafProcess karaf;
    private static Document features;

    @Rule
    public final TestWatcher logOnFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description description) {
            if (karaf != null) System.out.println(description.getMethodName() + " failed:\n" + karaf.logTail(80));
        }
    };

    @BeforeClass
    public static void installTheFeature() throws Exception {
        long start = System.nanoTime();
        String featuresUrl = property("karaf.itest.features");
        features = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Paths.get(property("karaf.itest.features.file")).toFile());
        Path target = Paths.get(property("karaf.itest.home")).getParent();
        karaf = new KarafProcess(Paths.get(property("karaf.itest.home")), target.resolve("karaf-run"),
                Paths.get(property("karaf.itest.repo")), Paths.get(property("karaf.itest.localRepository")));
        try {
            karaf.start();
            // the client retries until Karaf's SSH server is up
            expectSuccess(karaf.client(60, START_TIMEOUT, "feature:repo-add " + featuresUrl));
            log(start, "Karaf up, feature repository added");
            expectSuccess(karaf.client(0, START_TIMEOUT, "feature:install onem2m"));
            log(start, "feature:install onem2m returned");
            // Bouncy Castle (onem2m-maf) makes Karaf refresh its SSH server and shell, which Apache SSHD wires to
            // optionally: that ends the session of feature:install (exit status 0, no output) while the install goes
            // on. So the install is done when feature:list says so.
            awaitFeaturesStarted();
            log(start, "onem2m and every feature it needs started");
        } catch (Throwable e) {
            System.out.println("Karaf did not install the feature:\n" + karaf.logTail(120));
            throw e;
        }
    }

    @AfterClass
    public static void stopKaraf() throws Exception {
        if (karaf != null) {
            long start = System.nanoTime();
            karaf.close();
            log(start, "Karaf stopped");
        }
    }

    @Test
    public void everyFeatureIsInstalled() throws Exception {
        String installed = shell("feature:list -i --no-format");
        assertEquals(installed, Set.of(), notStarted(installed));
    }

    /** Until every feature onem2m needs is Started and every bundle is Active (or a resolved fragment). */
    private static void awaitFeaturesStarted() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String command = "feature:list -i --no-format ; echo " + LISTING_SEPARATOR + " ; bundle:list -t 0 --no-format";
        String[] listings = listings(command);
        while (!(notStarted(listings[0]).isEmpty() && notActive(listings[1]).isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            listings = listings(command);
        }
        String seen = listings[0].isEmpty() && listings[1].isEmpty() ? "no complete listing; the last bin/client output: " + lastListingOutput : "";
        assertEquals(seen + listings[0], Set.of(), notStarted(listings[0]));
        assertEquals(seen + listings[1], List.of(), notActive(listings[1]));
    }

    /**
     * The two listings of {@code command}, or two empty ones (not started yet, so polled again) when the session ended
     * before the command had printed both: Karaf's refresh of its SSH server at the end of feature:install ends
     * sessions with exit status 0 and no output, or with "Command not found" while the shell's commands come back.
     */
    private static String lastListingOutput = "";

    private static String[] listings(String command) throws Exception {
        KarafProcess.ClientResult result = karaf.client(10, Duration.ofSeconds(60), command);
        String[] listings = result.output().split(LISTING_SEPARATOR);
        lastListingOutput = "exit status " + result.exitStatus() + ": " + result.output();
        if (result.failed() || listings.length < 2) {
            System.out.println("(no complete listing yet, polling again: exit status " + result.exitStatus() + ", output: " + result.output().strip() + ")");
            return new String[] {"", ""};
        }
        return listings;
    }

    /** The rows of a bundle:list (names, not locations) whose bundle is not Active, or not Resolved for a fragment. */
    private static List<String> notActive(String bundleList) {
        List<String> rows = new ArrayList<>();
        for (String[] row : rows(bundleList)) {
            boolean fragment = row[4].contains("Hosts:");
            if (!row[1].equals(fragment ? "Resolved" : "Active")) rows.add(String.join(" ", row));
        }
        return rows;
    }

    /** The features onem2m is and needs (ours and Karaf's: scr, http-whiteboard) that a listing does not show Started. */
    private static Set<String> notStarted(String featureList) {
        Set<String> expected = new LinkedHashSet<>();
        expected.add("onem2m");
        collectFeatures("onem2m", expected, new LinkedHashSet<>());
        expected.removeIf(name -> featureList.lines()
                .map(l -> l.split("\t"))
                .anyMatch(cells -> cells.length > 3 && cells[0].trim().equals(name) && cells[3].trim().equals("Started")));
        return expected;
    }

    @Test
    public void everyBundleOfTheFeatureIsActive() throws Exception {
        Map<String, String> stateByLocation = new LinkedHashMap<>();
        String byLocation = shell("bundle:list -t 0 -l --no-format");
        for (String[] row : rows(byLocation)) stateByLocation.put(row[4], row[1]);
        Set<String> bundles = new LinkedHashSet<>();
        collectBundles("onem2m", bundles, new LinkedHashSet<>());
        assertFalse("the feature names no bundle", bundles.isEmpty());
        for (String location : bundles) {
            assertEquals(location + " in:\n" + byLocation, "Active", stateByLocation.get(location));
        }
        // and every other bundle in the container (scr, Pax Web, Jetty, Karaf's own): Active, or a resolved fragment
        String byName = shell("bundle:list -t 0 --no-format");
        assertEquals(byName, List.of(), notActive(byName));
    }

    @Test
    public void theMafAndMefServersListenAndTheMefCommandsAnswer() throws Exception {
        // bundles Active does not mean their components have activated: each is given up to 60 s
        for (int port : List.of(karaf.mafPort, karaf.mefPort)) awaitListening(port);
        // the MEF bundle's Gogo command, without the device side's configuration (which the feature does not ship)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        KarafProcess.ClientResult status = karaf.client(10, Duration.ofSeconds(60), "enrolment:status");
        while (!status.output().contains("PID org.example.mef.device") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            status = karaf.client(10, Duration.ofSeconds(60), "enrolment:status");
        }
        assertTrue(status.output(), status.output().contains("PID org.example.mef.device"));
    }

    @Test
    public void retrieveOfTheCseBaseAnswers2000() throws Exception {
        HttpResponse<String> response = awaitCseBase();
        assertEquals(response.body(), 200, response.statusCode());
        assertEquals("2000", response.headers().firstValue("X-M2M-RSC").orElse(null));
        assertTrue(response.body(), response.body().contains("\"m2m:cb\""));
        assertTrue(response.body(), response.body().contains("\"rn\":\"" + KarafProcess.CSE_NAME + "\""));

        // etc/org.example.mgmtobj.cfg as written before the install, not the feature's default, is in effect
        HttpResponse<String> defaultAdmin = send(request("").header("X-M2M-Origin", "CAdmin").GET());
        assertEquals(defaultAdmin.body(), "4103", defaultAdmin.headers().firstValue("X-M2M-RSC").orElse(null));
    }

    @Test
    public void createOfANodeAnswers2001() throws Exception {
        awaitCseBase();
        String name = "karaf-node-" + REQUEST_IDS.incrementAndGet();
        HttpResponse<String> created = send(request("").header("X-M2M-Origin", KarafProcess.ADMIN)
                .header("Content-Type", "application/json;ty=14")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"m2m:nod\": {\"rn\": \"" + name + "\", \"ni\": \"urn:dev:" + name + "\"}}")));
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("2001", created.headers().firstValue("X-M2M-RSC").orElse(null));

        HttpResponse<String> retrieved = send(request("/" + name).header("X-M2M-Origin", KarafProcess.ADMIN).GET());
        assertEquals(retrieved.body(), 200, retrieved.statusCode());
        assertTrue(retrieved.body(), retrieved.body().contains("urn:dev:" + name));
        // the durable store is in the data directory etc/org.example.mgmtobj.cfg names
        assertTrue(Files.exists(karaf.home.resolve("data/onem2m/mgmtobj-tree.mv.db")));
    }

    /** Until something accepts connections on {@code port} on loopback (60 s at most). */
    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertTrue(socket.isConnected());
                return;
            } catch (IOException refused) {
                if (System.nanoTime() > deadline) throw new AssertionError("nothing listens on port " + port + " after 60 s", refused);
                Thread.sleep(200);
            }
        }
    }

    /** The servlet registers with the whiteboard after Jetty listens: wait for the CSEBase, not for a connection. */
    private static HttpResponse<String> awaitCseBase() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = send(request("").header("X-M2M-Origin", KarafProcess.ADMIN).GET());
                if (last.statusCode() == 200) return last;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("no RETRIEVE of the CSEBase answered 200 within 30 s; last answer: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
        return last;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + karaf.httpPort + "/~/" + KarafProcess.CSE_ID
                        + "/" + KarafProcess.CSE_NAME + path))
                .timeout(Duration.ofSeconds(10))
                .header("X-M2M-RI", "karaf-itest-" + REQUEST_IDS.incrementAndGet())
                .header("Accept", "application/json");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * One shell command. Installing Bouncy Castle (onem2m-maf) makes Karaf refresh its SSH server (Apache SSHD imports
     * Bouncy Castle optionally) at the end of feature:install, so the first sessions after it may be refused while the
     * server restarts: retried for up to 30 s.
     */
    private static String shell(String command) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        KarafProcess.ClientResult result = karaf.client(10, Duration.ofSeconds(60), command);
        while (result.output().contains("Failed to get the session") && System.nanoTime() < deadline) {
            System.out.println("(no SSH session yet, retrying '" + command + "')");
            Thread.sleep(500);
            result = karaf.client(10, Duration.ofSeconds(60), command);
        }
        return expectSuccess(result);
    }

    private static String expectSuccess(KarafProcess.ClientResult result) {
        if (result.failed()) fail("bin/client failed (exit status " + result.exitStatus() + "):\n" + result.output());
        return result.output();
    }

    /** The table rows of a {@code --no-format} listing: "ID, State, Level, Version, Name or Location", tab-separated. */
    private static List<String[]> rows(String listing) {
        List<String[]> rows = new ArrayList<>();
        for (String line : listing.split("\\R")) {
            String[] cells = line.split("\t");
            if (cells.length >= 5 && cells[0].trim().matches("\\d+")) {
                for (int i = 0; i < cells.length; i++) cells[i] = cells[i].trim();
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The bundles of a feature of our repository and of the features of our repository it depends on. */
    private static void collectBundles(String feature, Set<String> bundles, Set<String> seen) {
        Element element = feature(feature);
        if (element == null || !seen.add(feature)) return;
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (!(children.item(i) instanceof Element child)) continue;
            if (child.getTagName().equals("bundle")) bundles.add(child.getTextContent().trim());
            if (child.getTagName().equals("feature")) collectBundles(child.getTextContent().trim(), bundles, seen);
        }
    }

    /** Every feature a feature depends on, ours and Karaf's (scr, http-whiteboard), transitively through ours. */
    private static void collectFeatures(String feature, Set<String> names, Set<String> seen) {
        Element element = feature(feature);
        if (element == null || !seen.add(feature)) return;
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals("feature")) {
                names.add(child.getTextContent().trim());
                collectFeatures(child.getTextContent().trim(), names, seen);
            }
        }
    }

    private static Element feature(String name) {
        NodeList all = features.getDocumentElement().getElementsByTagName("feature");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getParentNode() == features.getDocumentElement() && name.equals(e.getAttribute("name"))) return e;
        }
        return null;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isEmpty()) throw new IllegalStateException("system property " + name + " is not set");
        return value;
    }

    private static void log(long start, String what) {
        System.out.printf("%s after %.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }
}
