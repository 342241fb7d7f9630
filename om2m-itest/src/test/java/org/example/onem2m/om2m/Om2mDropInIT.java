package org.example.onem2m.om2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The drop-in (module om2m-dropin) in the Eclipse OM2M IN-CSE of ../shared/om2m: one OM2M child process for the class,
 * on free ports, started by its om2m-runtime script with every jar of the drop-in's bundle/ ({@code --bundle}) and
 * Felix FileInstall reading a copy of its etc/; stopped by its process id whatever happens.
 */
public class Om2mDropInIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process om2m;
    private static int httpPort;
    private static int consolePort;
    private static Path dropIn;
    private static Path log;
    private static int mefPort, mafPort, estPort;
    private static Path work0, om2mEtc;
    private static long started;

    @BeforeClass
    public static void startOm2m() throws Exception {
        Path runtime = runtime();
        Assume.assumeTrue("Eclipse OM2M runtime not found at " + runtime + ": run with -DOM2M_RUNTIME=/path/to/shared/om2m/om2m-runtime "
                + "(or the environment variable OM2M_RUNTIME), e.g. mvn -pl om2m-itest -am verify", Files.isRegularFile(runtime));
        dropIn = Path.of(System.getProperty("om2m.dropin"));
        assertTrue("no drop-in at " + dropIn + " (module om2m-dropin builds it)", Files.isDirectory(dropIn.resolve("bundle")));
        Path work = Path.of(System.getProperty("om2m.it.work", "target/om2m-run")).toAbsolutePath();
        log = Path.of(System.getProperty("om2m.it.log", "target/om2m-it.log")).toAbsolutePath();
        // FileInstall reads a copy, so the build output stays as assembled
        Path etc = work.resolve("etc");
        Files.createDirectories(etc);
        try (Stream<Path> files = Files.list(dropIn.resolve("etc"))) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, etc.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        httpPort = freePort();
        consolePort = freePort();
        mefPort = freePort();
        mafPort = freePort();
        estPort = freePort();
        addEnrolmentConfiguration(etc);
        work0 = work;
        // a fresh start for this run: om2m-runtime empties OM2M's own directories, not the tree's (tef-data) nor ours
        deleteTree(work.resolve("om2m").resolve("tef-data"));
        deleteTree(work.resolve("data"));
        Files.deleteIfExists(log); // each launch appends to it: a restart's output follows the first

        om2mEtc = etc;
        Runtime.getRuntime().addShutdownHook(new Thread(Om2mDropInIT::stop)); // once: an interrupted build leaves no OM2M
        launch();
    }

    /** Starts om2m-runtime with the drop-in (its run directory emptied by the script) and waits for OM2M's CSEBase. */
    private static void launch() throws Exception {
        Path runtime = runtime();
        Path work = work0, etc = om2mEtc;
        List<String> command = new ArrayList<>(List.of("bash", runtime.toString(), work.resolve("om2m").toString()));
        for (Path jar : bundles()) command.addAll(List.of("--bundle", jar + "@5"));
        command.addAll(List.of("--prop", "felix.fileinstall.dir=" + etc, "--prop", "felix.fileinstall.noInitialDelay=true",
                "--prop", "felix.fileinstall.poll=1000", "--prop", "felix.fileinstall.enableConfigSave=false",
                // the stand-alone distribution's cfg files name their ports and data directory so: outside OM2M's run
                // directory, which om2m-runtime empties at each start, so the enrolment state survives a restart
                "--prop", "onem2m.mef.port=" + mefPort, "--prop", "onem2m.est.port=" + estPort, "--prop", "onem2m.maf.port=" + mafPort, "--prop", "onem2m.data=" + work.resolve("data")));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OM2M_HTTP_PORT", String.valueOf(httpPort));
        pb.environment().put("OM2M_CONSOLE_PORT", String.valueOf(consolePort));
        started = System.nanoTime();
        om2m = pb.start();
        System.out.println("OM2M pid " + om2m.pid() + ", HTTP " + httpPort + ", console " + consolePort + ", log " + log);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            if (!om2m.isAlive()) fail("OM2M exited with " + om2m.exitValue() + "; see " + log);
            try {
                if (get("/~/in-cse", "admin:admin").statusCode() == 200) break;
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) fail("OM2M's CSEBase did not answer within " + STARTUP.toSeconds() + " s; see " + log);
            Thread.sleep(500);
        }
        System.out.printf("OM2M answered /~/in-cse after %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * The MEF, the MAF and the device side in the same OM2M (issue 14: "device side and infrastructure side"), with the
     * stand-alone distribution's demo configuration; the device side addresses its tree as tef-cse, and the registration
     * with OM2M is checked every 2 s (so that a restarted OM2M, which starts empty, is found quickly).
     */
    private static void addEnrolmentConfiguration(Path etc) throws IOException {
        Path shipped = Path.of(System.getProperty("om2m.distribution.etc"));
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.startsWith("org.example.mef.") && !name.startsWith("org.example.maf.") && !name.startsWith("org.example.tef.store.")) continue;
                String text = Files.readString(f);
                if (name.equals("org.example.mef.device.cfg")) text = text.replace("cseId=in-cse", "cseId=tef-cse");
                Files.writeString(etc.resolve(name), text);
            }
        }
        Path registration = etc.resolve("org.example.mgmtobj.registration.cfg");
        Files.writeString(registration, Files.readString(registration).replace("checkIntervalSeconds=60", "checkIntervalSeconds=2"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }

    @AfterClass
    public static void stopOm2m() {
        stop();
        if (started != 0) System.out.printf("OM2M ran %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** By its process id (om2m-runtime execs java, so it is the JVM's), then forcibly; and any child it left. */
    private static synchronized void stop() {
        if (om2m == null) return;
        List<ProcessHandle> children = om2m.descendants().toList();
        om2m.destroy();
        try {
            if (!om2m.waitFor(15, TimeUnit.SECONDS)) {
                om2m.destroyForcibly();
                om2m.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            om2m.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        om2m = null;
    }

    @Test
    public void everyDropInBundleIsActive() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (Path jar : bundles()) expected.put(symbolicName(jar), jar.getFileName().toString());
        Map<String, String> states = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> notActive;
        do {
            states = bundleStates(console("ss"));
            Map<String, String> s = states;
            notActive = expected.keySet().stream().filter(bsn -> !"ACTIVE".equals(s.get(bsn))).toList();
            if (notActive.isEmpty()) break;
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        StringBuilder why = new StringBuilder();
        for (String bsn : notActive) why.append('\n').append(expected.get(bsn)).append(" (").append(bsn).append("): ").append(states.get(bsn));
        assertTrue("drop-in bundles not ACTIVE in OM2M:" + why + "\nsee " + log, notActive.isEmpty());
        assertEquals("OM2M's core stays ACTIVE", "ACTIVE", states.get("org.eclipse.om2m.core"));
        assertEquals("OM2M's HTTP binding stays ACTIVE", "ACTIVE", states.get("org.eclipse.om2m.binding.http"));
    }

    @Test
    public void om2mStillAnswersAtItsOwnCseBase() throws Exception {
        HttpResponse<String> r = get("/~/in-cse", "admin:admin");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("m2m:cb"));
        assertTrue("OM2M's CSEBase, not the tree's: " + r.body(), r.body().contains("in-name"));
    }

    @Test
    public void theTreeAnswersAtItsOwnPatternAndTakesANode() throws Exception {
        HttpResponse<String> cb = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do { // the servlet registers once FileInstall has given the tree its configuration
            cb = get("/tef/~/tef-cse/tef-name", "admin:admin");
            if (cb.statusCode() == 200) break;
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        assertEquals(cb.body(), 200, cb.statusCode());
        assertTrue(cb.body(), cb.body().contains("\"m2m:cb\"") && cb.body().contains("\"csi\":\"/tef-cse\""));

        HttpRequest create = request("/tef/~/tef-cse/tef-name", "admin:admin")
                .header("Content-Type", "application/json;ty=14")
                .POST(HttpRequest.BodyPublishers.ofString("{\"m2m:nod\":{\"rn\":\"gateway-it\",\"ni\":\"urn:dev:gw-it\"}}")).build();
        HttpResponse<String> created = HTTP.send(create, HttpResponse.BodyHandlers.ofString());
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("2001", created.headers().firstValue("X-M2M-RSC").orElse(null));
        assertTrue(created.body(), created.body().contains("\"m2m:nod\""));
        assertEquals(200, get("/tef/~/tef-cse/tef-name/gateway-it", "admin:admin").statusCode());
    }

    /**
     * Issue 14, "reached through OM2M": the tree registers as a <remoteCSE> with the OM2M it runs in, and OM2M forwards
     * a request for /~/tef-cse/... to it (TS-0001 10.1.1.2.1; the drop-in's etc/org.example.mgmtobj.registration.cfg).
     */
    @Test
    public void om2mForwardsRequestsForTheTreesCseIdToTheTree() throws Exception {
        HttpResponse<String> cb = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do { // the registration runs once the tree and the registration component have their configuration
            cb = get("/~/tef-cse/tef-name", "admin:admin");
            if (cb.statusCode() == 200) break;
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        assertEquals(cb.body(), 200, cb.statusCode());
        assertTrue("the tree's CSEBase, through OM2M: " + cb.body(), cb.body().contains("\"csi\":\"/tef-cse\""));
        HttpResponse<String> csr = get("/~/in-cse/in-name/tef-name", "admin:admin");
        assertEquals("OM2M holds the tree's <remoteCSE>: " + csr.body(), 200, csr.statusCode());
        HttpRequest create = request("/~/tef-cse/tef-name", "admin:admin").header("Content-Type", "application/json;ty=14")
                .POST(HttpRequest.BodyPublishers.ofString("{\"m2m:nod\":{\"rn\":\"via-om2m\",\"ni\":\"urn:dev:via-om2m\"}}")).build();
        HttpResponse<String> created = HTTP.send(create, HttpResponse.BodyHandlers.ofString());
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("the node made through OM2M is in the tree", 200, get("/tef/~/tef-cse/tef-name/via-om2m", "admin:admin").statusCode());
    }

    /**
     * Issue 14, "enrolment through OM2M": MOs made with plain HTTP on OM2M's endpoint (forwarded to the tree in the same
     * Equinox) make the device side register with the MEF there and register a key (8.3.4.2, 8.3.4.3); OM2M is then
     * restarted (its run directory emptied) and the tree is registered again, the MOs and the key still there.
     */
    @Test
    public void mosMadeThroughOm2mDriveEnrolmentAndSurviveARestartOfOm2m_issue14() throws Exception {
        String base = "/~/tef-cse/tef-name";
        awaitStatus(base, 200);
        created(post(base, 14, "{\"m2m:nod\":{\"rn\":\"gw-enrol\",\"ni\":\"urn:dev:gw-enrol\"}}"), "m2m:nod");
        String cfg = created(post(base + "/gw-enrol", 13, "{\"dcfg:mefcr\":{\"rn\":\"mefcfg\",\"mgd\":1026,\"fqdn\":\"mef.example.com\","
                + "\"adfq\":\"sp.example.com\",\"hprt\":" + mefPort + "}}"), "dcfg:mefcr");
        String profile = created(post(base + "/gw-enrol", 13, "{\"dcfg:authp\":{\"rn\":\"profile\",\"mgd\":1022,\"suid\":22,\"mkrd\":\"PT1H\","
                + "\"tlscs\":[174],\"cmlk\":[{\"nm\":\"mefCfg\",\"typ\":1026,\"val\":\"" + cfg + "\"}]}}"), "dcfg:authp");
        created(post(base + "/gw-enrol", 13, "{\"dcfg:regn\":{\"rn\":\"reg\",\"mgd\":1020,\"csi\":\"//sp.example.com/cse-device2\","
                + "\"cmlk\":[{\"nm\":\"authProfile\",\"typ\":1022,\"val\":\"" + profile + "\"}]}}"), "dcfg:regn");
        String keyId = awaitSymmKeyId(base + "/gw-enrol/profile");
        String output = Files.readString(log);
        assertTrue("the MEF in OM2M registered the device", output.contains("registered MEF Client //sp.example.com/cse-gateway"));
        assertTrue("the MEF in OM2M registered its key", output.contains("registered key " + keyId.substring(0, keyId.indexOf('@'))
                + " from //sp.example.com/cse-gateway"));

        stop();
        launch(); // om2m-runtime empties OM2M's directories: OM2M forgets the <remoteCSE>; the tree's data (tef-data) stays
        awaitStatus(base, 200); // registered again by the tree's periodic check
        assertEquals("the MO and its key survive the restart", keyId, awaitSymmKeyId(base + "/gw-enrol/profile"));
    }

    private static HttpResponse<String> post(String path, int ty, String body) throws IOException, InterruptedException {
        return HTTP.send(request(path, "admin:admin").header("Content-Type", "application/json;ty=" + ty)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String created(HttpResponse<String> r, String key) {
        assertEquals(r.body(), 201, r.statusCode());
        return com.google.gson.JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject(key).get("ri").getAsString();
    }

    private static void awaitStatus(String path, int status) throws Exception {
        HttpResponse<String> r = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        do {
            r = get(path, "admin:admin");
            if (r.statusCode() == status) return;
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        assertEquals(path + ": " + r.body(), status, r.statusCode());
    }

    private static String awaitSymmKeyId(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = null;
        do {
            HttpResponse<String> r = get(path, "admin:admin");
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                com.google.gson.JsonObject p = com.google.gson.JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("dcfg:authp");
                if (p.has("skid")) return p.get("skid").getAsString();
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no symmKeyID at " + path + " through OM2M within 30 s; last: " + last + "; see " + log);
    }

    private static HttpRequest.Builder request(String path, String originator) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10))
                .header("X-M2M-Origin", originator).header("X-M2M-RI", "it-" + System.nanoTime()).header("Accept", "application/json");
    }

    private static HttpResponse<String> get(String path, String originator) throws IOException, InterruptedException {
        return HTTP.send(request(path, originator).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path runtime() {
        String configured = System.getProperty("OM2M_RUNTIME", System.getenv("OM2M_RUNTIME"));
        if (configured == null || configured.isBlank()) configured = System.getProperty("om2m.runtime.default", "../../shared/om2m/om2m-runtime");
        return Path.of(configured).toAbsolutePath().normalize();
    }

    private static List<Path> bundles() throws IOException {
        try (Stream<Path> jars = Files.list(dropIn.resolve("bundle"))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String symbolicName(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** {@code ss} lines are "id<TAB>STATE<TAB>bsn_version". */
    static Map<String, String> bundleStates(String ss) {
        Map<String, String> states = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\d+\\s+([A-Z_]+)\\s+(\\S+?)_\\S+\\s*$").matcher(ss);
        while (m.find()) states.put(m.group(2), m.group(1));
        return states;
    }

    /**
     * One command on the Equinox console (Gogo over telnet). It shows its prompt only after the telnet options are
     * negotiated: it asks for the terminal type (and window size), so this client offers both.
     */
    private static String console(String command) throws IOException {
        try (Socket s = new Socket("127.0.0.1", consolePort)) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            // IAC WILL NAWS, IAC SB NAWS 200x50 IAC SE, IAC WILL TTYPE
            out.write(new byte[] {(byte) 255, (byte) 251, 31, (byte) 255, (byte) 250, 31, 0, (byte) 200, 0, 50, (byte) 255, (byte) 240,
                    (byte) 255, (byte) 251, 24});
            out.flush();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            boolean typeSent = false;
            while (true) {
                int b = in.read();
                if (b < 0) throw new IOException("console closed before its prompt: " + text(seen));
                seen.write(b);
                byte[] all = seen.toByteArray();
                if (!typeSent && endsWith(all, new byte[] {(byte) 255, (byte) 250, 24, 1})) { // IAC SB TTYPE SEND
                    out.write(new byte[] {(byte) 255, (byte) 250, 24, 0});
                    out.write("xterm".getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[] {(byte) 255, (byte) 240});
                    out.flush();
                    typeSent = true;
                }
                if (b == ' ' && text(seen).endsWith("g! ")) break;
            }
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) break;
                answer.write(b);
                if (b == ' ' && text(answer).endsWith("g! ")) break;
            }
            return text(answer);
        }
    }

    private static boolean endsWith(byte[] all, byte[] tail) {
        if (all.length < tail.length) return false;
        for (int i = 0; i < tail.length; i++) if (all[all.length - tail.length + i] != tail[i]) return false;
        return true;
    }

    /** The bytes without telnet commands (IAC ...), as text. */
    private static String text(ByteArrayOutputStream bytes) {
        byte[] b = bytes.toByteArray();
        StringBuilder sb = new StringBuilder(b.length);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == 255 && i + 1 < b.length) {
                int cmd = b[i + 1] & 0xff;
                if (cmd == 250) { // SB ... IAC SE
                    i += 2;
                    while (i + 1 < b.length && !((b[i] & 0xff) == 255 && (b[i + 1] & 0xff) == 240)) i++;
                    i++;
                } else if (cmd >= 251 && cmd <= 254) {
                    i += 2;
                } else {
                    i++;
                }
                continue;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
