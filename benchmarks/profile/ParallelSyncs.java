import java.nio.*; import java.nio.channels.*; import java.nio.file.*; import java.util.concurrent.*;
/**
 * How many fdatasyncs this machine's disk completes per second, from 1, 2 or 4 threads each writing 2 KB in place into
 * its own file and forcing it (BENCHMARKS.md, figure 9, "What a synced write can reach here"): whether syncs of
 * separate files overlap, which is what a store with several journals, or a writer syncing one batch while the next
 * is written, would need. Run: {@code java benchmarks/profile/ParallelSyncs.java <threads> [directory]}.
 */
public class ParallelSyncs {
  public static void main(String[] a) throws Exception {
    int threads = Integer.parseInt(a[0]); int secs = 5; Path dir = Path.of(a.length > 1 ? a[1] : ".");
    ExecutorService ex = Executors.newFixedThreadPool(threads);
    LongAdderHolder h = new LongAdderHolder();
    long end = System.nanoTime() + secs * 1_000_000_000L;
    for (int t = 0; t < threads; t++) { int id = t; ex.submit(() -> {
      try (FileChannel ch = FileChannel.open(dir.resolve("parallel-syncs-" + id + ".dat"), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ByteBuffer z = ByteBuffer.allocate(1<<20); for (int i = 0; i < 16; i++) { z.clear(); ch.write(z, (long) i << 20); } ch.force(true);
        ByteBuffer r = ByteBuffer.allocate(2048); long pos = 0;
        while (System.nanoTime() < end) { r.clear(); r.put(0, (byte) 1); ch.write(r, pos); ch.force(false); pos = (pos + 2048) % (15 << 20); h.n.increment(); }
      } catch (Exception e) { e.printStackTrace(); } return null; }); }
    ex.shutdown(); ex.awaitTermination(60, TimeUnit.SECONDS);
    System.out.printf("%d threads: %.0f syncs/s%n", threads, h.n.sum() / (double) secs);
  }
  static class LongAdderHolder { java.util.concurrent.atomic.LongAdder n = new java.util.concurrent.atomic.LongAdder(); }
}
