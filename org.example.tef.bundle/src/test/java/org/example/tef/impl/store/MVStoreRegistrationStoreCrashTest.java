package org.example.tef.impl.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A writer process killed with SIGKILL loses nothing it acknowledged: every registration whose put returned (the
 * child printed "ACK id" after it) is in the file when it is reopened. A killed process keeps what the kernel
 * already has, so this proves commit-before-acknowledge and recovery of a file cut mid-write; that the fsync
 * reaches the platter on power loss it cannot prove.
 */
public class MVStoreRegistrationStoreCrashTest {
    private static final int ACKS_BEFORE_KILL = 300;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void everyAcknowledgedRegistrationSurvivesAKilledProcess() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("crash/registrations.mv.db");
        Path childErr = tmp.getRoot().toPath().resolve("child.err");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx128m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), CrashWriterMain.class.getName(),
                file.toString(), "10000000", "120");
        pb.redirectError(childErr.toFile());
        Set<String> acked = ConcurrentHashMap.newKeySet();
        CountDownLatch enoughAcks = new CountDownLatch(ACKS_BEFORE_KILL);
        boolean[] finished = {false};
        Process child = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("ACK ")) {
                        acked.add(line.substring(4));
                        enoughAcks.countDown();
                    } else if (line.equals("DONE")) {
                        finished[0] = true;
                    }
                }
            } catch (java.io.IOException e) {
                // the stream breaks when the child dies; what was read is what counts
            }
        }, "child stdout");
        reader.start();
        try {
            assertTrue("the child did not acknowledge " + ACKS_BEFORE_KILL + " writes within 90 s; its stderr:\n" + stderr(childErr),
                    enoughAcks.await(90, TimeUnit.SECONDS));
            // let it write on past the store's chunk retention time, so that the kill also hits a file whose
            // freed space is being reused and compacted (not asserted: the outcome must be the same either way)
            Thread.sleep(2500);
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no close()
            assertTrue("the child did not die", child.waitFor(30, TimeUnit.SECONDS));
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertFalse("the reader of the child's output did not finish", reader.isAlive());
        assertFalse("the child finished before it was killed", finished[0]);

        try (MVStoreRegistrationStore reopened = new MVStoreRegistrationStore(file)) {
            for (String id : acked) {
                int i = Integer.parseInt(id.substring("Crash-".length()));
                byte[] value = reopened.keyRegistration(id)
                        .orElseThrow(() -> new AssertionError(id + " was acknowledged but is missing after the crash"))
                        .keyValue();
                assertArrayEquals(id, new byte[] {(byte) i, (byte) (i >> 8), 7}, value);
            }
            assertTrue(reopened.keyRegistrationCount() >= acked.size());
            System.out.println("crash test: " + acked.size() + " acknowledged, " + reopened.keyRegistrationCount()
                    + " in the reopened store");
        }
    }

    private static String stderr(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }
}
