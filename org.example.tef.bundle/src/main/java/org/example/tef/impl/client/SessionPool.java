package org.example.tef.impl.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The sessions of one MAF or MEF Client that are open and unused, most recently used first, each closed when it has been
 * unused for the idle timeout.
 * <p>
 * A pool rather than one session with the requests serialised on it: a Target serving many Sources at once would
 * otherwise queue each Key Retrieval behind the others' round trips (and behind a slow answer, such as a Key
 * Registration waiting for the fsync). With the pool, concurrent callers proceed in parallel, a caller opens a
 * session only when no idle one is there, and at most {@link #MAX_IDLE} stay open when the burst is over, so the
 * client holds no more of the function's connections (its maxConnections) than it needs.
 */
public final class SessionPool {
    /** Idle sessions kept at most; a session given back beyond that is closed. */
    static final int MAX_IDLE = 4;

    /** One timer thread for every client, ended when nothing is scheduled (so a stopped bundle leaves no thread). */
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "tef-client-idle-sessions");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setKeepAliveTime(5, TimeUnit.SECONDS);
        TIMER.allowCoreThreadTimeOut(true);
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private final long idleMillis;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

    private static final class Idle {
        final KeptSession session;
        ScheduledFuture<?> expiry;

        Idle(KeptSession session) { this.session = session; }
    }

    SessionPool(Duration idleTimeout) {
        this.idleMillis = Math.max(1, idleTimeout.toMillis());
    }

    /** The most recently used idle session, or null when none is open. */
    synchronized KeptSession take() {
        Idle i = idle.pollFirst();
        if (i == null) return null;
        i.expiry.cancel(false);
        return i.session;
    }

    /** A session whose last request was answered, for the next procedure. */
    void give(KeptSession session) {
        synchronized (this) {
            if (!closed && idle.size() < MAX_IDLE) {
                Idle i = new Idle(session);
                i.expiry = TIMER.schedule(() -> expire(i), idleMillis, TimeUnit.MILLISECONDS);
                idle.addFirst(i);
                return;
            }
        }
        session.close();
    }

    private void expire(Idle i) {
        synchronized (this) {
            if (!idle.remove(i)) return; // taken meanwhile
        }
        i.session.close();
    }

    /** Closes the idle sessions; sessions given back later are closed at once. */
    void close() {
        closeIdle(true);
    }

    /** Closes the idle sessions; with {@code forGood}, sessions given back later are closed at once too. */
    void closeIdle(boolean forGood) {
        List<Idle> open;
        synchronized (this) {
            if (forGood) closed = true;
            open = new ArrayList<>(idle);
            idle.clear();
        }
        for (Idle i : open) {
            i.expiry.cancel(false);
            i.session.close();
        }
    }
}
