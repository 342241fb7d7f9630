package org.example.onem2m.bench.tree;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;


/**
 * What the tree load client sends: a population of {@code <node>}s with mgmtObj children under a CSEBase, and the
 * operations measured on it, over the oneM2M HTTP binding (TS-0009) with {@link Http1} keep-alive connections.
 * Nothing here knows the product: any CSE that serves TS-0022's dataCollection and authenticationProfile answers it.
 */
public final class TreeWorkload {
    /** TS-0001 resource types and the HTTP binding's media type with the ty parameter (TS-0009 6.4.3). */
    static final int TY_MGMTOBJ = 13;
    static final int TY_NODE = 14;
    static final String JSON = "application/json";

    /** The two mgmtObj specializations measured (TS-0022; short names as in the README's table). */
    public enum Kind {
        DATC("dcfg:datc", 1021, "dc", ",\"cntp\":\"/in-cse/in-name/benchAe/benchCnt\",\"meil\":60"),
        AUTHP("dcfg:authp", 1022, "ap", ",\"suid\":22,\"tlscs\":[174]");

        public final String jsonName;
        public final int mgd;
        final String prefix;
        private final String mandatory;

        Kind(String jsonName, int mgd, String prefix, String mandatory) {
            this.jsonName = jsonName;
            this.mgd = mgd;
            this.prefix = prefix;
            this.mandatory = mandatory;
        }

        /** The CREATE body: {@code {"dcfg:datc":{"rn":"dc7","mgd":1021,"cntp":...}}}. */
        public String createBody(String rn) {
            return "{\"" + jsonName + "\":{\"rn\":\"" + rn + "\",\"mgd\":" + mgd + mandatory + "}}";
        }

        /** The UPDATE body: a new label, an attribute every mgmtObj has. */
        public String updateBody(long n) { return "{\"" + jsonName + "\":{\"lbl\":[\"u" + n + "\"]}}"; }

        public String label() { return name().toLowerCase(); }
    }

    public enum Op {
        FLOOR("GET /floor", 200), POST_FLOOR("POST /floor", 201), SYNCED_FLOOR("POST /floor/synced", 201), RETRIEVE("RETRIEVE", 2000), UPDATE("UPDATE", 2004), CREATE("CREATE", 2001), DELETE("DELETE", 2002);

        final String label;
        /** The X-M2M-RSC expected (the HTTP status for the floors). */
        public final int expected;

        Op(String label, int expected) {
            this.label = label;
            this.expected = expected;
        }
    }

    /** One measured operation: an op on a kind of mgmtObj (the floors have none). */
    public static final class Action {
        public final Op op;
        public final Kind kind;

        public Action(Op op, Kind kind) {
            this.op = op;
            this.kind = kind;
        }

        @Override
        public String toString() { return kind == null ? op.label : op.label + " " + kind.label(); }
    }

    /**
     * {@code nodes} {@code <node>}s named {@code prefix0..}, each with {@code perNode} mgmtObj children alternating
     * dataCollection ({@code dc0, dc2, ...}) and authenticationProfile ({@code ap1, ap3, ...}), under the CSEBase at
     * {@code cse}; {@code floor} is a URL answering GET with 200 on the same server, or null.
     */
    public static final class Population {
        public final String name;
        public final URI cse;
        public final URI floor;
        public final String origin;
        public final int nodes;
        public final int perNode;
        final String prefix;
        private final String csePath;
        private final AtomicLong sequence = new AtomicLong();
        private final ConcurrentLinkedDeque<String> createdDatc = new ConcurrentLinkedDeque<>();
        private final ConcurrentLinkedDeque<String> createdAuthp = new ConcurrentLinkedDeque<>();

        public Population(String name, URI cse, URI floor, String origin, int nodes, int perNode, String prefix) {
            if (perNode < 2) throw new IllegalArgumentException("at least 2 children per node (one of each kind)");
            this.name = name;
            this.cse = cse;
            this.floor = floor;
            this.origin = origin;
            this.nodes = nodes;
            this.perNode = perNode;
            this.prefix = prefix;
            String p = cse.getRawPath();
            this.csePath = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        }

        public long mgmtObjs() { return (long) nodes * perNode; }

        public String nodeName(int j) { return prefix + j; }

        String nodePath(int j) { return csePath + "/" + nodeName(j); }

        /** The path of preloaded child i of node j (even i: dataCollection, odd i: authenticationProfile). */
        String childPath(int j, int i) { return nodePath(j) + "/" + (i % 2 == 0 ? Kind.DATC.prefix : Kind.AUTHP.prefix) + i; }

        static Kind kindOf(int i) { return i % 2 == 0 ? Kind.DATC : Kind.AUTHP; }

        ConcurrentLinkedDeque<String> created(Kind kind) { return kind == Kind.DATC ? createdDatc : createdAuthp; }

        @Override
        public String toString() {
            return String.format("%s: %,d <node>%s of %,d mgmtObjs under %s", name, nodes, nodes == 1 ? "" : "s", perNode, cse);
        }
    }

    private TreeWorkload() {}

    /** One thread's keep-alive connection and its state; not thread-safe. */
    public static final class Client implements AutoCloseable {
        final Population pop;
        final Http1 http;
        final int thread;
        final SplittableRandom random;
        long n;
        /** Time spent on untimed refills (a DELETE with nothing left to delete creates one first), and how many. */
        long refillNanos;
        long refills;

        public Client(Population pop, int thread, URI server) {
            this.pop = pop;
            this.http = new Http1(server);
            this.thread = thread;
            this.random = new SplittableRandom(31L * thread + pop.name.hashCode());
        }

        private String rqi() { return "b" + thread + "-" + n++; }

        private int randomChild(Kind kind) {
            // even indices are dataCollections, odd ones authenticationProfiles
            return kind == Kind.DATC ? 2 * random.nextInt((pop.perNode + 1) / 2) : 2 * random.nextInt(pop.perNode / 2) + 1;
        }

        /** Sends the action once; returns the answer, which the caller checks against {@code action.op.expected}. */
        public Http1.Answer call(Action action) throws IOException {
            switch (action.op) {
                case FLOOR:
                    return http.exchange("GET", pop.floor.getRawPath(), null, null, null, null);
                case POST_FLOOR: // the body a CREATE of a dataCollection sends, to a servlet that only reads it
                    return http.exchange("POST", pop.floor.getRawPath(), JSON + ";ty=" + TY_MGMTOBJ,
                            Kind.DATC.createBody("k" + pop.sequence.getAndIncrement()).getBytes(StandardCharsets.UTF_8), pop.origin, rqi());
                case SYNCED_FLOOR: // the same, answered after the body was written and forced to disk (group commit)
                    return http.exchange("POST", pop.floor.getRawPath() + "/synced", JSON + ";ty=" + TY_MGMTOBJ,
                            Kind.DATC.createBody("k" + pop.sequence.getAndIncrement()).getBytes(StandardCharsets.UTF_8), pop.origin, rqi());
                case RETRIEVE: {
                    int j = random.nextInt(pop.nodes);
                    return http.exchange("GET", pop.childPath(j, randomChild(action.kind)), null, null, pop.origin, rqi());
                }
                case UPDATE: {
                    int j = random.nextInt(pop.nodes);
                    return http.exchange("PUT", pop.childPath(j, randomChild(action.kind)), JSON,
                            action.kind.updateBody(n).getBytes(StandardCharsets.UTF_8), pop.origin, rqi());
                }
                case CREATE: {
                    int j = random.nextInt(pop.nodes);
                    String rn = "k" + pop.sequence.getAndIncrement();
                    Http1.Answer a = create(j, action.kind, rn);
                    if (a.rsc == 2001) pop.created(action.kind).add(pop.nodePath(j) + "/" + rn);
                    return a;
                }
                case DELETE: {
                    String path = pop.created(action.kind).pollLast();
                    if (path == null) { // nothing left that this run created: make one, untimed
                        long t0 = System.nanoTime();
                        int j = random.nextInt(pop.nodes);
                        String rn = "k" + pop.sequence.getAndIncrement();
                        Http1.Answer a = create(j, action.kind, rn);
                        if (a.rsc != 2001) return a;
                        path = pop.nodePath(j) + "/" + rn;
                        refillNanos += System.nanoTime() - t0;
                        refills++;
                    }
                    return http.exchange("DELETE", path, null, null, pop.origin, rqi());
                }
                default:
                    throw new IllegalStateException();
            }
        }

        Http1.Answer create(int node, Kind kind, String rn) throws IOException {
            return http.exchange("POST", pop.nodePath(node), JSON + ";ty=" + TY_MGMTOBJ, kind.createBody(rn).getBytes(StandardCharsets.UTF_8),
                    pop.origin, rqi());
        }

        Http1.Answer createNode(int j) throws IOException {
            String body = "{\"m2m:nod\":{\"rn\":\"" + pop.nodeName(j) + "\",\"ni\":\"urn:bench:" + pop.nodeName(j) + "\"}}";
            String p = pop.cse.getRawPath();
            return http.exchange("POST", p, JSON + ";ty=" + TY_NODE, body.getBytes(StandardCharsets.UTF_8), pop.origin, rqi());
        }

        Http1.Answer deleteNode(int j) throws IOException { return http.exchange("DELETE", pop.nodePath(j), null, null, pop.origin, rqi()); }

        Http1.Answer createChild(int j, int i) throws IOException {
            Kind kind = Population.kindOf(i);
            return create(j, kind, kind.prefix + i);
        }

        @Override
        public void close() { http.close(); }
    }
}
