package org.example.tef.impl.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.tef.spi.KeyRegistration;

/**
 * The child process of {@link MVStoreRegistrationStoreCrashTest}: opens the store, writes key registrations from a
 * few threads and prints "ACK id" after each write returned, until it is killed (or gives up after a while, so that
 * it never outlives a test that died).
 * Arguments: the store file, how many registrations at most, how many seconds at most.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int max = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        MVStoreRegistrationStore store = new MVStoreRegistrationStore(file);
        System.out.println("OPEN");
        System.out.flush();
        AtomicInteger next = new AtomicInteger();
        Thread[] writers = new Thread[16];
        for (int t = 0; t < writers.length; t++) {
            writers[t] = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < max && System.nanoTime() < deadline; ) {
                    String id = "Crash-" + i;
                    store.putKeyRegistration(new KeyRegistration(id, "C-source", "maf.example.com", 0x22, List.of("C-t"),
                            List.of(), Instant.parse("2030-01-01T00:00:00Z"), new byte[] {(byte) i, (byte) (i >> 8), 7},
                            Instant.parse("2029-01-01T00:00:00Z")));
                    synchronized (System.out) {
                        System.out.println("ACK " + id);
                        System.out.flush();
                    }
                }
            });
            writers[t].start();
        }
        for (Thread w : writers) w.join();
        store.close();
        System.out.println("DONE");
        System.out.flush();
    }
}
