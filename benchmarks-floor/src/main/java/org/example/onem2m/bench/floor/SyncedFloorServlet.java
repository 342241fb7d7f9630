package org.example.onem2m.bench.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The durable floor of the resource-tree figures: POST /floor/synced reads the request body, hands it to one writer
 * thread and answers (as POST /floor does) only once that thread has written it to a file and forced it to the disk.
 * The writer takes everything queued at that moment, writes it with one positional write and forces it with one
 * {@code FileChannel.force(false)} (an fdatasync), then completes each waiting request: group commit with nothing
 * else, the least a write that is answered after its sync costs on this HTTP service and this disk. The file is
 * filled with zeros when the servlet starts and then written over in place (wrapping at its end), so that no sync
 * also writes the file's size: the resource tree's journal does the same ({@code JournalSpace}).
 * <p>
 * Written by hand, not with the product's GroupCommitWriter: it is the peer the product's durable writes are compared
 * with, so it must hold nothing of the product (no MVStore, no journal records, no checkpoints). The file is
 * {@code ${onem2m.data}/bench-floor-synced.bin} (the distribution's data folder, on the disk the tree's store uses).
 * <p>
 * With the system property {@code bench.floor.syncs} above 1 (an experiment of figure 9, not what the figure
 * measures), that many syncs may be in flight at once while the next batch is written.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/floor/synced")
@HttpWhiteboardServletName("onem2m-bench-floor-synced")
public final class SyncedFloorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int FILE_BYTES = 16 << 20;

    private final transient LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private transient FileChannel file;
    private transient Thread writer;
    private transient volatile boolean stopping;

    private static final class Write {
        final byte[] bytes;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Write(byte[] bytes) { this.bytes = bytes; }
    }

    @Activate
    void activate() throws IOException {
        Path path = Path.of(System.getProperty("onem2m.data", System.getProperty("java.io.tmpdir")), "bench-floor-synced.bin");
        Files.createDirectories(path.getParent());
        file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        for (long at = 0; at < FILE_BYTES; at += zeros.capacity()) {
            zeros.clear();
            while (zeros.hasRemaining()) file.write(zeros, at + zeros.position());
        }
        file.force(true);
        int inFlight = Integer.getInteger("bench.floor.syncs", 1);
        writer = new Thread(inFlight <= 1 ? this::writeLoop : () -> pipelinedLoop(inFlight), "bench-floor-synced writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        stopping = true;
        writer.interrupt();
        writer.join(5_000);
        file.close();
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int length = (int) req.getContentLengthLong();
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        }
        Write w = new Write(body);
        queue.add(w);
        try {
            w.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the sync");
        } catch (ExecutionException e) {
            throw new IOException("the synced floor's write failed", e.getCause());
        }
        FloorServlet.writeCreated(req, resp);
    }

    /** A batch written and not yet known to be on disk, numbered in write order. */
    private static final class Written {
        final long seq;
        final List<Write> batch;

        Written(long seq, List<Write> batch) {
            this.seq = seq;
            this.batch = batch;
        }
    }

    private final transient ArrayDeque<Written> unsynced = new ArrayDeque<>(); // guarded by itself
    private int syncsInFlight; // guarded by unsynced
    private long durableSeq; // guarded by unsynced

    /**
     * The experiment of {@code -Dbench.floor.syncs=N}: up to N fdatasyncs in flight at once, each on a thread of its
     * own, while the writer goes on writing the next batch. A sync started after batch n was written makes every batch
     * up to n durable (it covers all data written to the file before it), so batches are answered in order.
     */
    private void pipelinedLoop(int max) {
        ExecutorService syncs = Executors.newFixedThreadPool(max);
        long position = 0;
        long seq = 0;
        while (!stopping) {
            List<Write> batch = new ArrayList<>();
            try {
                batch.add(queue.take());
                synchronized (unsynced) {
                    while (syncsInFlight >= max) unsynced.wait();
                }
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch);
            try {
                position = write(batch, position);
            } catch (IOException e) {
                for (Write w : batch) w.done.completeExceptionally(e);
                continue;
            }
            long mine = ++seq;
            synchronized (unsynced) {
                unsynced.add(new Written(mine, batch));
                syncsInFlight++;
            }
            syncs.execute(() -> {
                IOException failed = null;
                try {
                    file.force(false);
                } catch (IOException e) {
                    failed = e;
                }
                List<List<Write>> done = new ArrayList<>();
                synchronized (unsynced) {
                    syncsInFlight--;
                    // a failed sync fails what it was to cover: a later sync that succeeds says nothing of lost pages
                    long upTo = Math.max(durableSeq, mine);
                    if (failed == null) durableSeq = upTo;
                    while (!unsynced.isEmpty() && unsynced.peek().seq <= upTo) done.add(unsynced.poll().batch);
                    unsynced.notifyAll();
                }
                for (List<Write> b : done) {
                    for (Write w : b) {
                        if (failed == null) w.done.complete(null);
                        else w.done.completeExceptionally(failed);
                    }
                }
            });
        }
        syncs.shutdown();
    }

    /** Writes the batch's bodies as one run at {@code position} (at 0 when they would pass the file's end); returns where it ends. */
    private long write(List<Write> batch, long position) throws IOException {
        int size = 0;
        for (Write w : batch) size += w.bytes.length;
        ByteBuffer all = ByteBuffer.allocate(size);
        for (Write w : batch) all.put(w.bytes);
        all.flip();
        long at = position + size > FILE_BYTES ? 0 : position;
        while (all.hasRemaining()) file.write(all, at + all.position());
        return at + size;
    }

    private void writeLoop() {
        List<Write> batch = new ArrayList<>();
        long position = 0;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch);
            try {
                position = write(batch, position);
                file.force(false);
                for (Write w : batch) w.done.complete(null);
            } catch (IOException e) {
                for (Write w : batch) w.done.completeExceptionally(e);
            }
            batch.clear();
        }
    }
}
