package org.example.device.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.example.mgmtobj.api.MgmtObj;
import org.example.mgmtobj.api.MgmtObjEvent.Kind;
import org.example.mgmtobj.api.Specialization;

/**
 * The device side's tasks, one ordered lane per MO (procedures on one MO in order, different MOs in parallel on a small
 * pool): "retry later" is retried with exponential backoff and jitter until the task's deadline; a delete drops a create
 * or update of the same MO not yet done; a task ends done, failed or given up, and then its trigger is acknowledged
 * (the tree's outbox record, {@link EnrolmentEngine}).
 */
final class MoLanes {
    /**
     * The lanes with work: queued, running or waiting for a retry. An idle lane is removed (a device sees MOs come and
     * go for years; their lanes must not stay), always under the map's lock for its MO, in {@code compute}, so that a
     * task is never added to a lane that has just been removed (two lanes of one MO would run its tasks out of order).
     * Lock order: the map's, then a lane's.
     */
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Procedures processor;
    private final StatusBook status;
    private final Consumer<String> acknowledge;
    private final ExecutorService pool;
    private final ScheduledExecutorService timers;
    private final Duration firstRetry, maxRetry;

    MoLanes(Procedures processor, StatusBook status, Consumer<String> acknowledge, int threads, Duration firstRetry, Duration maxRetry) {
        this.processor = processor;
        this.status = status;
        this.acknowledge = acknowledge;
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), daemon("mef-device-enrolment"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("mef-device-retry"));
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
    }

    void add(Task task) {
        lanes.compute(task.mo.resourceId(), (id, lane) -> {
            Lane l = lane != null ? lane : new Lane(id);
            l.add(task);
            return l;
        });
    }

    /** How many MOs have a task queued, running or waiting for its retry. */
    int activeLanes() { return lanes.size(); }

    /** The MO's task waiting for its retry, if any, is tried now. */
    void wake(String moResourceId) {
        Lane lane = lanes.get(moResourceId);
        if (lane != null) lane.wake();
    }

    /** Set first at shutdown: a task cut short by it has not ended, so its trigger stays for the next start. */
    private volatile boolean stopping;

    private void acknowledge(Task task) {
        if (stopping) return;
        for (String receipt : task.receipts) acknowledge.accept(receipt);
    }

    void shutdown() {
        stopping = true;
        timers.shutdownNow();
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** What a task's attempt runs: {@link MoProcessor}; tests give their own to order an attempt against a wake-up. */
    interface Procedures {
        Optional<String> process(Kind kind, MgmtObj mo, MgmtObj previous) throws RetryLater, MoFailure;
    }

    static final class Task {
        final Kind kind;
        final MgmtObj mo, previous;
        final Instant deadline;
        /** Null for an MO change; an MO_NODE command's answer otherwise. */
        final CompletableFuture<Optional<String>> reply;
        /**
         * The outbox records of the MO changes this task stands for (none for a command, or a change from before the
         * subscription): one, or more when it took over earlier changes of the MO ({@link #takingOver}).
         */
        final List<String> receipts;
        int attempts;
        /** Set when a later change of the MO took this one over: its records are acknowledged with that one's. */
        boolean handedOver;

        Task(Kind kind, MgmtObj mo, MgmtObj previous, Instant deadline, CompletableFuture<Optional<String>> reply, String receipt) {
            this(kind, mo, previous, deadline, reply, receipt == null ? List.of() : List.of(receipt));
        }

        private Task(Kind kind, MgmtObj mo, MgmtObj previous, Instant deadline, CompletableFuture<Optional<String>> reply, List<String> receipts) {
            this.receipts = receipts;
            this.kind = kind;
            this.mo = mo;
            this.previous = previous;
            this.deadline = deadline;
            this.reply = reply;
        }

        boolean removes() { return kind == Kind.DELETED || kind == Kind.EXPIRED; }

        /** Whether a later change of the MO may stand in for this one: both MO changes (no command), neither a removal. */
        boolean canBeTakenOverBy(Task later) {
            return !removes() && !later.removes() && reply == null && later.reply == null;
        }

        /**
         * This change, still to be done, with the MO as a later change left it: the procedure this one asked for
         * (a creation stays a creation) against the state this one started from, so that what both changed is seen at
         * once (a MEFClientRegCfg whose first registration waits for its retry and whose httpPort is then corrected
         * registers with the new port, not after the old one gives up). Both records are acknowledged when it ends.
         */
        Task takingOver(Task later) {
            List<String> all = new ArrayList<>(receipts);
            all.addAll(later.receipts);
            handedOver = true;
            return new Task(kind, later.mo, previous, later.deadline, null, List.copyOf(all));
        }
    }

    /** One MO's ordered queue: at most one task of it runs or waits for a retry at a time. */
    private final class Lane {
        private final String moResourceId;
        private final Deque<Task> queue = new ArrayDeque<>();
        private boolean busy;
        private Task waiting;
        /** The task whose attempt runs now, or null: a wake-up for it must not be lost while it runs. */
        private Task running;
        private ScheduledFuture<?> timer;
        /** A wake-up that came while an attempt ran: if that attempt ends in "retry later", it retries at once. */
        private boolean wakeRequested;

        Lane(String moResourceId) { this.moResourceId = moResourceId; }

        private synchronized boolean idle() { return !busy && waiting == null && queue.isEmpty(); }

        synchronized void add(Task task) {
            if (task.removes()) {
                queue.removeIf(t -> {  // a later delete cancels a pending create/update of the same MO
                    if (t.removes()) return false;
                    if (t.reply != null) t.reply.completeExceptionally(MoFailure.processing("the MO was deleted before it was processed"));
                    acknowledge(t);
                    return true;
                });
                if (waiting != null && !waiting.removes()) {
                    timer.cancel(false);
                    acknowledge(waiting);
                    waiting = null;
                    busy = false;
                }
            }
            if (waiting != null && queue.isEmpty() && waiting.canBeTakenOverBy(task)) {
                // the earlier change waits for its retry: the later state is tried now, in its place
                timer.cancel(false); // a retry already starting finds waiting changed and does nothing (resume)
                task = waiting.takingOver(task);
                waiting = null;
                busy = false;
            }
            queue.add(task);
            status.pending(task.mo);
            if (!busy) {
                busy = true;
                pool.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                Task task;
                synchronized (this) {
                    task = queue.poll();
                    if (task == null) busy = false;
                }
                if (task == null) {
                    // not under this lane's lock: the map's comes first (see lanes)
                    lanes.computeIfPresent(moResourceId, (id, lane) -> lane == this && idle() ? null : lane);
                    return;
                }
                if (!attempt(task)) return; // waiting for its retry; the lane stays busy
            }
        }

        /** @return false when the task waits for a retry */
        private boolean attempt(Task task) {
            boolean ended = attemptOnce(task);
            if (ended && !task.handedOver) {
                acknowledge(task);
                if (task.removes()) status.removedEnded(task.mo.resourceId());
            }
            return ended;
        }

        private boolean attemptOnce(Task task) {
            if (task.reply != null && task.reply.isDone()) return true; // the command's executor stopped waiting
            task.attempts++;
            synchronized (this) {
                wakeRequested = false; // this attempt reads the tree as it is now
                running = task;
            }
            try {
                return attemptRunning(task);
            } finally {
                synchronized (this) {
                    running = null;
                }
            }
        }

        private boolean attemptRunning(Task task) {
            try {
                Optional<String> result = processor.process(task.kind, task.mo, task.previous);
                if (result.isPresent()) status.done(task.mo, result.get());
                else status.done(task.mo, "nothing to do");
                if (!task.removes() && Topology.isClientCfg(task.mo)) wakeDependents(task.mo);
                if (task.reply != null) task.reply.complete(result);
            } catch (MoFailure f) {
                status.failed(task.mo, f.getMessage(), f.statusCode);
                if (task.reply != null) task.reply.completeExceptionally(f);
            } catch (RetryLater r) {
                if (task.reply != null) { // a command is answered now, not retried: the MEF may issue it again
                    status.failed(task.mo, "MO_NODE command: " + r.getMessage(), r.commandStatus);
                    task.reply.completeExceptionally(new MoFailure(r.commandStatus, r.getMessage()));
                    return true;
                }
                long base = Math.min(maxRetry.toMillis(), firstRetry.toMillis() << Math.min(20, task.attempts - 1));
                long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1); // jitter: many devices do not retry together
                // One block from reading the queue and the wake-up to waiting: a delete or a wake-up between them would
                // find neither the task waiting nor what it asked for read, and the task would sleep its whole delay.
                synchronized (this) {
                    if (queue.stream().anyMatch(Task::removes)) { // a delete arrived during this attempt: no retry of it
                        status.done(task.mo, "superseded by its deletion");
                        return true;
                    }
                    Task later = queue.peek();
                    if (later != null && task.canBeTakenOverBy(later)) { // a change arrived during this attempt: tried now
                        queue.poll();
                        queue.addFirst(task.takingOver(later));
                        return true;
                    }
                    if (wakeRequested) delay = 0; // what it waited for arrived while it ran (the parent of a profile)
                    wakeRequested = false;
                    Instant next = status.now().plusMillis(delay);
                    if (next.isAfter(task.deadline)) {
                        status.failed(task.mo, "gave up after " + task.attempts + " attempts: " + r.getMessage(), MoFailure.PROCESSING_FAILED);
                        return true;
                    }
                    waiting = task;
                    status.retrying(task.mo, next, r.getMessage());
                    timer = timers.schedule(() -> pool.execute(() -> resume(task)), delay, TimeUnit.MILLISECONDS);
                }
                return false;
            } catch (RuntimeException e) {
                status.failed(task.mo, "internal error: " + e, MoFailure.PROCESSING_FAILED);
                if (task.reply != null) task.reply.completeExceptionally(MoFailure.processing("internal error: " + e));
            }
            return true;
        }

        /** A task waiting for its retry, or running, is tried (again) now when it waits for what was just done. */
        void wakeIfWaitingFor(MgmtObj done) {
            Task task;
            synchronized (this) {
                // the running one too: its attempt may have read the tree before this was done (wake() then asks it to
                // retry at once if it ends waiting)
                task = waiting != null ? waiting : running;
            }
            if (task == null) return;
            boolean linked = task.mo.links().stream().anyMatch(l -> l.target().equals(done.resourceId()));
            boolean mef = done.specialization() == Specialization.MEF_CLIENT_REG_CFG;
            boolean needsEnrolmentKey = mef && task.mo.specialization() == Specialization.MAF_CLIENT_REG_CFG;
            // a certificate profile (SUID 41-43) may wait for the certificates of a MEF Client not open yet (8.3.9.9.6)
            boolean needsProvisionedCertificate = mef && task.mo.specialization() == Specialization.AUTHENTICATION_PROFILE
                    && Topology.group(Topology.suid(task.mo)) == 4;
            if (linked || needsEnrolmentKey || needsProvisionedCertificate) wake();
        }

        /** A task waiting for its retry is tried now (something it waited for may have arrived). */
        void wake() {
            Task task;
            synchronized (this) {
                if (waiting == null) {
                    if (busy) wakeRequested = true; // an attempt is running: if it ends waiting, it retries at once
                    return;
                }
                if (!timer.cancel(false)) return; // its retry is starting anyway
                task = waiting;
            }
            pool.execute(() -> resume(task));
        }

        private void resume(Task task) {
            synchronized (this) {
                if (waiting != task) return; // cancelled by a delete
                waiting = null;
            }
            if (attempt(task)) drain();
        }
    }


    /**
     * A client configuration is registered: a profile linking to it waits for that (8.3.9.9.4/.5 precondition B), and a
     * MAF Client of an Enrolment Key waits for a registered MEF Client: they are tried now rather than at their retry.
     */
    private void wakeDependents(MgmtObj done) {
        for (Lane lane : lanes.values()) lane.wakeIfWaitingFor(done);
    }
}
