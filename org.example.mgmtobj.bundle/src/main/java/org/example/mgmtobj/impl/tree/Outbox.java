package org.example.mgmtobj.impl.tree;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

import org.example.mgmtobj.api.MgmtObjEvent;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.store.ResourceStore;
import org.example.mgmtobj.impl.store.StoredResource;
import org.example.onem2m.primitive.M2mTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Durable subscriptions ({@link org.example.mgmtobj.api.MgmtObjListener#SUBSCRIPTION}) and their outboxes: for each
 * change a subscription names, a record that goes to the store in the same {@link ResourceStore.Change} as the change
 * itself, so that both are durable or neither (one journal record, one commit). A crash between the originator's answer
 * and the subscriber's work therefore loses nothing: the record is delivered again at the next registration of the
 * subscriber, until acknowledged.
 * <p>
 * Records and subscriptions are kept in the resource map under reserved IDs ({@code outbox:<name>:<sequence>},
 * {@code subscription:<name>}: no resourceID holds a colon) rather than in a map of their own: the store's change, its
 * journal record and its file format then stay as they are. They never enter the resource indexes.
 */
public final class Outbox {
    private static final byte[] PREV_HEAD = ",\"prev\":".getBytes(StandardCharsets.UTF_8);
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    static final String SUBSCRIPTION_WRAPPER = "tree:subscription";
    static final String RECORD_WRAPPER = "tree:outbox";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final ResourceStore store;
    /** over the readers' index: the snapshots of replayed events */
    private final Representations views;
    /** name → the specializations it records (empty: every mgmtObj) */
    private final Map<String, Set<Specialization>> subscriptions = new ConcurrentHashMap<>();
    /** receipt → record: durable, not acknowledged; sorted by subscription, then oldest first */
    private final ConcurrentSkipListMap<String, StoredResource> pending = new ConcurrentSkipListMap<>();
    private long highestSequence;
    /** name → how many of its records wait for an acknowledgement (kept beside {@link #pending} so it is O(1)) */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> counts = new ConcurrentHashMap<>();

    Outbox(ResourceStore store, Representations views) {
        this.store = store;
        this.views = views;
    }

    /** @return the resources of {@code loaded}, without the outbox's own records, which this outbox now holds */
    List<StoredResource> load(Collection<StoredResource> loaded) {
        List<StoredResource> resources = new ArrayList<>(loaded.size());
        for (StoredResource r : loaded) {
            if (r.wrapper().equals(SUBSCRIPTION_WRAPPER)) {
                Set<Specialization> specs = new TreeSet<>();
                r.attributes().getAsJsonArray("specs").forEach(s -> Specialization.byShortName(s.getAsString()).ifPresent(specs::add));
                subscriptions.put(r.resourceName(), specs);
            } else if (r.wrapper().equals(RECORD_WRAPPER)) {
                try {
                    highestSequence = Math.max(highestSequence, r.attributes().get("sq").getAsLong());
                    pending.put(r.resourceId(), r);
                    count(r.resourceId(), 1);
                } catch (RuntimeException e) { // one damaged record must not keep the tree from starting
                    LOG.error("outbox record {} cannot be read and is left out (it stays in the store): {}", r.resourceId(), e.toString());
                }
            } else {
                resources.add(r);
            }
        }
        return resources;
    }

    /** The highest event sequence of a record still held: the tree numbers its events after it. */
    long highestSequence() { return highestSequence; }

    /** Whether {@code name} can name a subscription (it becomes part of stored IDs). */
    public static boolean validName(String name) { return name != null && NAME.matcher(name).matches(); }

    /**
     * Makes the subscription durable (or changes what it records); from now on, changes of {@code specializations}
     * get outbox records. Writes only when something changes.
     */
    public void subscribe(String name, Set<Specialization> specializations) {
        if (!validName(name)) throw new IllegalArgumentException("a subscription name is 1-64 of A-Z a-z 0-9 . _ -, not '" + name + "'");
        Set<Specialization> specs = new TreeSet<>(specializations);
        Set<Specialization> before = subscriptions.get(name);
        if (specs.equals(before)) return;
        JsonObject a = reserved("subscription:" + name, name, -1);
        JsonArray names = new JsonArray();
        specs.forEach(s -> names.add(s.shortName()));
        a.add("specs", names);
        // Known before it is durable: a change committed from now on has a record, including one committed while this
        // write waits, so none falls between the subscription and its listener joining (the dispatcher subscribes before
        // it joins). Should this write fail, or a crash lose it, such a record stays: it is loaded, listed under its name
        // ({@link #names}, tree:subscriptions), delivered to the next listener of that name, and dropped by tree:unsubscribe.
        subscriptions.put(name, specs);
        try {
            store.write(List.of(new StoredResource(SUBSCRIPTION_WRAPPER, a)), List.of());
        } catch (RuntimeException e) {
            // not stored: not kept either; but a write not confirmed in time may still be stored, and is kept
            if (!ChangeQueue.unconfirmed(e)) {
                if (before == null) subscriptions.remove(name, specs);
                else subscriptions.replace(name, specs, before);
            }
            throw e;
        }
        LOG.info("durable subscription '{}' {} for {}", name, before == null ? "created" : "changed", specs.isEmpty() ? "every mgmtObj" : specs);
    }

    /**
     * Ends the subscription and drops its records, durably; also the records of a name with no subscription (one whose
     * write failed or was lost). @return how many records were dropped
     */
    public int unsubscribe(String name) {
        boolean subscribed = subscriptions.remove(name) != null; // first: no change gets a record for it from now on
        List<String> removed = new ArrayList<>(recordsOf(name).keySet());
        if (!subscribed && removed.isEmpty()) return 0;
        removed.add("subscription:" + name);
        store.write(List.of(), removed);
        removed.forEach(pending::remove);
        counts.remove(name);
        LOG.info("durable subscription '{}' ended; {} record(s) not acknowledged were dropped", name, removed.size() - 1);
        return removed.size() - 1;
    }

    /** Subscription name → its specializations (empty: all). */
    public Map<String, Set<Specialization>> subscriptions() { return Map.copyOf(subscriptions); }

    /** The names with a subscription or with records not acknowledged (a record outlives a subscription that was not stored). */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(subscriptions.keySet());
        counts.forEach((name, n) -> { if (n.get() > 0) names.add(name); });
        return names;
    }

    /** How many records of the subscription wait for an acknowledgement. */
    public int pendingCount(String name) {
        java.util.concurrent.atomic.AtomicInteger n = counts.get(name);
        return n == null ? 0 : n.get();
    }

    /** Under the tree's write lock: the records of these events, for the change that carries them. */
    List<StoredResource> recordsFor(List<PendingEvent> events) {
        if (subscriptions.isEmpty() || events.isEmpty()) return List.of();
        List<StoredResource> records = new ArrayList<>();
        for (PendingEvent e : events) {
            Specialization specialization = Specialization.byShortName(e.resource().wrapper()).orElse(null);
            if (specialization == null) continue;
            byte[] res = null, prev = null; // the stored forms, made once per event whatever the subscriptions
            for (Map.Entry<String, Set<Specialization>> s : subscriptions.entrySet()) {
                if (s.getValue().isEmpty() || s.getValue().contains(specialization)) {
                    if (res == null) {
                        res = e.resource().storedForm();
                        prev = e.previous() == null ? null : e.previous().storedForm();
                    }
                    records.add(record(s.getKey(), e, res, prev));
                }
            }
        }
        return records;
    }

    /**
     * Put together as bytes, under the write lock: the resource's stored form goes in as it is (it is JSON already),
     * and every other member is a name {@link #validName} allows, an enum constant, an ISO instant or a number, none
     * of which needs escaping. Until 2026-11-30 each stored form was parsed into a tree, under the tree's write lock,
     * only to be written out again.
     *
     * @param res the event's resource's stored form; {@code prev} the previous one's, or null
     */
    private static StoredResource record(String name, PendingEvent e, byte[] res, byte[] prev) {
        String receipt = receipt(name, e.sequence());
        String parent = "outbox:" + name;
        String rn = receipt.substring(receipt.indexOf(':') + 1);
        byte[] head = ("{\"ri\":\"" + receipt + "\",\"pi\":\"" + parent + "\",\"rn\":\"" + rn + "\",\"ty\":-2,\"kind\":\"" + e.kind().name()
                + "\",\"at\":\"" + e.at() + "\",\"sq\":" + e.sequence() + ",\"res\":").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + res.length + (prev == null ? 0 : PREV_HEAD.length + prev.length) + 1];
        int at = 0;
        System.arraycopy(head, 0, out, at, head.length);
        at += head.length;
        System.arraycopy(res, 0, out, at, res.length);
        at += res.length;
        if (prev != null) {
            System.arraycopy(PREV_HEAD, 0, out, at, PREV_HEAD.length);
            at += PREV_HEAD.length;
            System.arraycopy(prev, 0, out, at, prev.length);
            at += prev.length;
        }
        out[at] = '}';
        return StoredResource.ofJsonBytes(RECORD_WRAPPER, out, receipt, parent, rn, -2);
    }

    private static JsonObject reserved(String id, String parent, int type) {
        JsonObject a = new JsonObject();
        a.addProperty("ri", id);
        a.addProperty("pi", parent);
        a.addProperty("rn", id.substring(id.indexOf(':') + 1));
        a.addProperty("ty", type);
        return a;
    }

    /** The receipt of a subscription's record of event {@code sequence}: sorts by name, then by sequence. */
    public static String receipt(String name, long sequence) {
        // by hand, not String.format: the store's writer thread makes one per event and subscriber (figure 9's profile)
        String hex = Long.toHexString(sequence);
        return "outbox:" + name + ":" + "0000000000000000".substring(hex.length()) + hex;
    }

    /** The change carrying {@code records} is durable: they wait for their acknowledgement from now on. */
    void durable(List<StoredResource> records) {
        for (StoredResource r : records) {
            if (pending.put(r.resourceId(), r) == null) count(r.resourceId(), 1);
        }
    }

    private static boolean isPowerOfTen(long n) {
        while (n % 10 == 0) n /= 10;
        return n == 1;
    }

    /**
     * Keeps the count of a subscription's records, and says so in the log at 1,000, 10,000, ... : a subscription whose
     * listener is gone keeps recording (its records grow the store and the heap) until it is ended.
     */
    private void count(String receipt, int delta) {
        String name = receipt.substring(receipt.indexOf(':') + 1, receipt.lastIndexOf(':'));
        int n = counts.computeIfAbsent(name, k -> new java.util.concurrent.atomic.AtomicInteger()).addAndGet(delta);
        if (delta > 0 && n >= 1000 && isPowerOfTen(n)) {
            LOG.warn("durable subscription '{}' holds {} changes not acknowledged: is its listener running? Gogo tree:unsubscribe {} ends it",
                    name, n, name);
        }
    }

    /** Whether the record of this receipt waits for its acknowledgement. */
    public boolean isPending(String receipt) { return pending.containsKey(receipt); }

    /** The receipts of the subscription's records not acknowledged, oldest first: cheap, for under a lock. */
    public List<String> pendingReceipts(String name) { return new ArrayList<>(recordsOf(name).keySet()); }

    /**
     * These records as events with their receipts, in the order given; one whose snapshot cannot be made again (a
     * specialization renamed since, a damaged record) is logged and left out, and stays listed by tree:subscriptions.
     */
    public List<MgmtObjEvent> replay(List<String> receipts) {
        List<MgmtObjEvent> events = new ArrayList<>();
        for (String receipt : receipts) {
            StoredResource record = pending.get(receipt);
            if (record == null) continue; // acknowledged or dropped meanwhile
            try {
                JsonObject a = record.attributes();
                StoredResource resource = StoredResource.fromWrapped(a.getAsJsonObject("res"));
                StoredResource previous = a.has("prev") ? StoredResource.fromWrapped(a.getAsJsonObject("prev")) : null;
                events.add(new MgmtObjEvent(MgmtObjEvent.Kind.valueOf(a.get("kind").getAsString()), views.view(resource),
                        previous == null ? null : views.view(previous), Instant.parse(a.get("at").getAsString()), a.get("sq").getAsLong())
                        .withReceipt(receipt));
            } catch (RuntimeException e) {
                LOG.error("outbox record {} cannot be delivered again and is skipped: {}", receipt, e.toString());
            }
        }
        return events;
    }

    private NavigableMap<String, StoredResource> recordsOf(String name) {
        return pending.subMap("outbox:" + name + ":", true, "outbox:" + name + ";", false); // ';' follows ':'
    }

    /**
     * Queued for the store and not waited for: an acknowledgement lost in a crash only means the change is delivered
     * again, which a subscriber must bear anyway, while waiting would add a sync to every subscriber's task. Nor does it
     * cost a sync of its own: it is made durable with the next change of the tree ({@link ResourceStore.Change#deferrable};
     * figure 12 of BENCHMARKS.md). An unknown receipt is ignored. A failure puts the record back (it is still on disk)
     * and is logged.
     */
    public void acknowledge(String receipt) {
        StoredResource record = pending.remove(receipt);
        if (record == null) return;
        count(receipt, -1);
        try {
            store.submit(new ResourceStore.Change() {
                @Override public List<StoredResource> puts() { return List.of(); }
                @Override public List<String> removedResourceIds() { return List.of(receipt); }
                @Override public boolean deferrable() { return true; }
            }).whenComplete((ok, failure) -> {
                if (failure != null) notRemoved(receipt, record, failure);
            });
        } catch (RuntimeException e) {
            notRemoved(receipt, record, e);
        }
    }

    private void notRemoved(String receipt, StoredResource record, Throwable why) {
        if (pending.putIfAbsent(receipt, record) == null) count(receipt, 1);
        LOG.warn("the acknowledgement of {} was not stored; the change will be delivered again after a restart: {}", receipt, why.toString());
    }

    /** For operators: records per subscription, oldest first (receipt and what changed). */
    public Map<String, List<String>> describePending() {
        Map<String, List<String>> out = new TreeMap<>();
        for (String name : names()) {
            List<String> lines = new ArrayList<>();
            for (StoredResource r : recordsOf(name).values()) {
                JsonObject a = r.attributes();
                StoredResource res = StoredResource.fromWrapped(a.getAsJsonObject("res"));
                lines.add(r.resourceId() + " " + a.get("kind").getAsString() + " " + res.wrapper() + " " + res.resourceId()
                        + " at " + M2mTimestamp.format(Instant.parse(a.get("at").getAsString())));
            }
            out.put(name, lines);
        }
        return out;
    }
}
