import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What an fdatasync costs when the append grows the file and when it goes into bytes already there (the journals'
 * zeros ahead, JournalSpace in the mvstore bundle; BENCHMARKS.md, figure 9, "The journal written ahead with zeros").
 * Run: {@code java benchmarks/profile/SyncInPlace.java 3000 grow|pre [directory]}; prints wall time and thread CPU
 * per 2 KB append and fdatasync.
 */
public class SyncInPlace {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean inPlace = args[1].equals("pre");
        Path file = Path.of(args.length > 2 ? args[2] : ".").resolve("sync-in-place.dat");
        Files.deleteIfExists(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (inPlace) { // zeros first, forced, as a spare journal is
                ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
                for (long i = 0; i < (n * 2048L >> 20) + 2; i++) {
                    zeros.clear();
                    ch.write(zeros, i << 20);
                }
                ch.force(true);
            }
            ByteBuffer record = ByteBuffer.allocate(2048);
            for (int i = 0; i < 2048; i++) record.put((byte) (i | 1));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime(), wall0 = System.nanoTime(), at = 0;
            for (int i = 0; i < n; i++) {
                record.clear();
                while (record.hasRemaining()) at += ch.write(record, at);
                ch.force(false);
            }
            long cpu1 = threads.getCurrentThreadCpuTime(), wall1 = System.nanoTime();
            System.out.printf("%s: %.1f us wall, %.1f us thread CPU per append and fdatasync%n", args[1], (wall1 - wall0) / 1e3 / n, (cpu1 - cpu0) / 1e3 / n);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
